#!/usr/bin/env bash
# Runs StoreSales on this machine: a private PostgreSQL (or the one in ConnectionStrings__StoreSales), the silo
# (ingest API, Orleans), the command center, and for each demo store an edge agent fed by simulated tills and
# scanners over socat virtual serial ports. Ctrl-C stops exactly what it started. Data survives a restart.
#   --silos N            N silos in one Orleans cluster on the same PostgreSQL (default 1)
#   --command-centers M  M command-center nodes behind the gateway (YARP) on the command center's port (default 1: no gateway)
set -euo pipefail
SILOS=1
COMMAND_CENTERS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) SILOS="${2:-}"; shift 2 ;;
    --silos=*) SILOS="${1#*=}"; shift ;;
    --command-centers) COMMAND_CENTERS="${2:-}"; shift 2 ;;
    --command-centers=*) COMMAND_CENTERS="${1#*=}"; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "Unknown option '$1' (known: --silos N, --command-centers M)." >&2; exit 2 ;;
  esac
done
for n in "$SILOS" "$COMMAND_CENTERS"; do
  [[ "$n" =~ ^[1-9]$ ]] || { echo "--silos and --command-centers take a number from 1 to 9; was '$n'." >&2; exit 2; }
done
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
source deploy/local/lib.sh

# Everything below is overridable, so that a second copy (the demo check of deploy/local/test.sh) runs beside yours.
DATA="${STORESALES_DATA_DIR:-$ROOT/.data}"
RUN="$DATA/run"
PG_DIR="$DATA/pg"
PG_PORT="${STORESALES_PG_PORT:-55432}"
SILO_PORT="${STORESALES_SILO_PORT:-5070}"
CC_PORT="${STORESALES_CC_PORT:-5080}"
SILO_URL="http://127.0.0.1:$SILO_PORT"
CC_URL="http://127.0.0.1:$CC_PORT"
# Silo i (from 0) listens on SILO_PORT+i (HTTP: ingest, health), ORLEANS_SILO_PORT+i and ORLEANS_GATEWAY_PORT+i; with a
# gateway, command-center node j (from 1) on CC_PORT+j and the gateway on CC_PORT itself.
ORLEANS_SILO_PORT="${STORESALES_ORLEANS_SILO_PORT:-11111}"
ORLEANS_GATEWAY_PORT="${STORESALES_ORLEANS_GATEWAY_PORT:-30000}"
SILO_URLS=()
for ((i=0; i<SILOS; i++)); do SILO_URLS+=("http://127.0.0.1:$((SILO_PORT + i))"); done
# Each simulated store sells by its target, pace and the demo history's shape (deploy/local/demo-chain.json);
# STORESALES_DEMO_SALES_PER_MINUTE instead sells at that flat rate per terminal, day and night (load, quick checks).
SALES_PER_MINUTE="${STORESALES_DEMO_SALES_PER_MINUTE:-}"
HOT_ITEMS="${STORESALES_DEMO_HOT_ITEMS:-3}"
HOT_LIFT="${STORESALES_DEMO_HOT_LIFT:-4}"
HOT_FOR="${STORESALES_DEMO_HOT_FOR:-00:30:00}"
# How long to wait for the command center to log the board-token link (it logs it once its demo staff are seeded).
BOARD_TOKEN_WAIT_SECONDS="${STORESALES_BOARD_TOKEN_WAIT_SECONDS:-30}"
# STORESALES_DEMO_CHAIN: another chain file of the same shape (e.g. its stores in your time zone: the shipped stores are in
# Shanghai, and between 00:00 and 08:00 there every store is closed and sells nothing). Read at the first start of a data dir.
CHAIN="${STORESALES_DEMO_CHAIN:-$ROOT/deploy/local/demo-chain.json}"
ITEMS="$ROOT/deploy/local/demo-items.csv"

need_packages socat curl python3 fonts-wqy-microhei || exit 1
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not on PATH)." >&2; exit 1; }

PIDS=()
STARTED_PG=""
STOPPING=""
stop_all() {
  trap - INT TERM EXIT
  STOPPING=1
  echo
  echo "Stopping StoreSales..."
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do kill -TERM "${PIDS[$i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$STARTED_PG" ]; then pg_stop "$PG_DIR"; echo "PostgreSQL stopped."; fi
  echo "Stopped."
}
trap stop_all INT TERM EXIT

if [ -n "${ConnectionStrings__StoreSales:-}" ]; then
  echo "Using the PostgreSQL in ConnectionStrings__StoreSales."
else
  echo "Starting private PostgreSQL in $PG_DIR on 127.0.0.1:$PG_PORT..."
  pg_start "$PG_DIR" "$PG_PORT"
  STARTED_PG=1
  export ConnectionStrings__StoreSales="Host=127.0.0.1;Port=$PG_PORT;Database=storesales;Username=postgres"
fi

mkdir -p "$DATA"
if [ -z "${STORESALES_SKIP_BUILD:-}" ]; then # set by a caller that has just built the solution
  echo "Building..."
  dotnet build StoreSales.sln -c Release -nologo -v q >"$DATA/build.log" 2>&1 || { grep -E "error" "$DATA/build.log" | sort -u | head -20; exit 1; }
fi
bin() { echo "$ROOT/$1/bin/Release/net10.0/$2.dll"; }

mkdir -p "$RUN"
wait_http() { # URL NAME LOG
  for _ in $(seq 1 120); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "$2 did not start; see $3" >&2; tail -n 30 "$3" >&2; exit 1
}

# The first silo migrates the database and seeds the demo; the others join its cluster once it is ready.
start_silo() { # INDEX EXTRA-ARGS...
  local i="$1"; shift
  local log="$RUN/silo.log"; [ "$i" -gt 0 ] && log="$RUN/silo-$((i + 1)).log"
  dotnet "$(bin src/StoreSales.Silo StoreSales.Silo)" --Urls="${SILO_URLS[$i]}" \
    --Orleans:SiloPort=$((ORLEANS_SILO_PORT + i)) --Orleans:GatewayPort=$((ORLEANS_GATEWAY_PORT + i)) \
    --HotItems:ScanSourcedTerminals:store-sh001:0=T01 --HotItems:ScanSourcedTerminals:store-sh001:1=T02 "$@" >"$log" 2>&1 &
  PIDS+=($!)
}
echo "Starting the silo (migrations and demo data on first start)..."
start_silo 0 --Demo:ChainFile="$CHAIN" --Demo:ItemsFile="$ITEMS"
wait_http "$SILO_URL/health/ready" "The silo" "$RUN/silo.log"
if [ "$SILOS" -gt 1 ]; then
  echo "Starting $((SILOS - 1)) more silo(s)..."
  for ((i=1; i<SILOS; i++)); do start_silo "$i" --Database:MigrateOnStart=false; done
  for ((i=1; i<SILOS; i++)); do wait_http "${SILO_URLS[$i]}/health/ready" "Silo $((i + 1))" "$RUN/silo-$((i + 1)).log"; done
fi

# One command center on CC_PORT, or M nodes behind the gateway there. Only the first seeds the demo staff and quotes.
CC_NODES=()
if [ "$COMMAND_CENTERS" -eq 1 ]; then
  CC_NODES+=("$CC_URL")
else
  for ((j=1; j<=COMMAND_CENTERS; j++)); do CC_NODES+=("http://127.0.0.1:$((CC_PORT + j))"); done
fi
start_command_center() { # INDEX EXTRA-ARGS...
  local j="$1"; shift
  local log="$RUN/commandcenter.log"; [ "$j" -gt 0 ] && log="$RUN/commandcenter-$((j + 1)).log"
  dotnet "$(bin src/StoreSales.CommandCenter StoreSales.CommandCenter)" --Urls="${CC_NODES[$j]}" "$@" >"$log" 2>&1 &
  PIDS+=($!)
}
echo "Starting the command center..."
# The demo board link is a credential: the command center writes it to a file of the run folder (mode 600), not to its log.
BOARD_LINK_FILE="$RUN/board-link"
rm -f "$BOARD_LINK_FILE"
start_command_center 0 --Demo:SeedStaff=true --Demo:StaffStore=store-sh001 --Demo:SeedQuotes=true --Demo:BoardLinkFile="$BOARD_LINK_FILE"
wait_http "${CC_NODES[0]}/health/live" "The command center" "$RUN/commandcenter.log"
if [ "$COMMAND_CENTERS" -gt 1 ]; then
  echo "Starting $((COMMAND_CENTERS - 1)) more command-center node(s) and the gateway..."
  gateway_args=(--Urls="$CC_URL")
  for ((j=0; j<COMMAND_CENTERS; j++)); do
    [ "$j" -gt 0 ] && start_command_center "$j"
    gateway_args+=(--Gateway:CommandCenters:$j="${CC_NODES[$j]}")
  done
  for ((j=1; j<COMMAND_CENTERS; j++)); do wait_http "${CC_NODES[$j]}/health/live" "Command center $((j + 1))" "$RUN/commandcenter-$((j + 1)).log"; done
  dotnet "$(bin src/StoreSales.Gateway StoreSales.Gateway)" "${gateway_args[@]}" >"$RUN/gateway.log" 2>&1 &
  PIDS+=($!)
  wait_http "$CC_URL/gateway/health" "The gateway" "$RUN/gateway.log"
fi

# Live is not the same as seeded: the board-link file may come after the health endpoint answers.
board_token_link() {
  grep -o '^/board/sign-in?token=[A-Za-z0-9_%.~-]*' "$BOARD_LINK_FILE" 2>/dev/null | tail -n 1
}
BOARD_TOKEN=""
for _ in $(seq 1 $((BOARD_TOKEN_WAIT_SECONDS * 5))); do
  BOARD_TOKEN="$(board_token_link)"
  [ -n "$BOARD_TOKEN" ] && break
  sleep 0.2
done
if [ -n "$BOARD_TOKEN" ]; then
  BOARD_TOKEN="$CC_URL$BOARD_TOKEN"
else
  BOARD_TOKEN="(not written to $BOARD_LINK_FILE within ${BOARD_TOKEN_WAIT_SECONDS} s; issue one at $CC_URL/stores/store-sh001/boards)"
fi

# One line per store from the demo chain: id, key, terminals (comma separated).
stores="$(python3 - "$CHAIN" <<'PY'
import json, sys
for s in json.load(open(sys.argv[1]))["stores"]:
    print(s["id"], s["apiKey"], ",".join(s["terminals"]))
PY
)"

echo "Starting simulated tills and an edge agent per store..."
store_index=0
while read -r store key terminals; do
  dir="$RUN/$store"; mkdir -p "$dir"
  agent_args=(--Agent:StoreId="$store" --Agent:StoreKey="$key" --Agent:OutboxPath="$dir/outbox.db")
  # Every silo, each store starting at another one (spread), the rest in turn after it: the agent fails over along them.
  for ((k=0; k<SILOS; k++)); do agent_args+=(--Agent:ServerUrls:$k="${SILO_URLS[$(((store_index + k) % SILOS))]}"); done
  store_index=$((store_index + 1))
  if [ -n "$SALES_PER_MINUTE" ]; then
    sim_args=(--catalog "$ITEMS" --sales-per-minute "$SALES_PER_MINUTE")
  else
    sim_args=(--catalog "$ITEMS" --chain "$CHAIN" --store "$store" --hot-items "$HOT_ITEMS" --hot-lift "$HOT_LIFT" --hot-for "$HOT_FOR")
  fi
  i=0
  for terminal in ${terminals//,/ }; do
    # Each device is a pty pair: the agent opens one end as its serial port, the simulator writes the other.
    for device in till scanner; do
      socat pty,raw,echo=0,link="$dir/$terminal-$device-agent" pty,raw,echo=0,link="$dir/$terminal-$device-device" >"$dir/socat-$terminal-$device.log" 2>&1 &
      PIDS+=($!)
    done
    agent_args+=(--Terminals:$i:TerminalId="$terminal" --Terminals:$i:TillPort="$dir/$terminal-till-agent" --Terminals:$i:ScannerPort="$dir/$terminal-scanner-agent")
    sim_args+=(--terminal "$terminal=$dir/$terminal-till-device,$dir/$terminal-scanner-device")
    i=$((i+1))
  done
  for _ in $(seq 1 50); do [ -e "$dir/$terminal-scanner-device" ] && break; sleep 0.1; done
  dotnet "$(bin edge/StoreSales.Edge StoreSales.Edge)" "${agent_args[@]}" >"$dir/agent.log" 2>&1 &
  PIDS+=($!)
  dotnet "$(bin edge/StoreSales.Edge.Simulator StoreSales.Edge.Simulator)" "${sim_args[@]}" >"$dir/simulator.log" 2>&1 &
  PIDS+=($!)
done <<<"$stores"

cat <<EOF2

StoreSales is running.
  Command center   $CC_URL                (sign in; store list, HQ map and heatmap, supervisor inbox)
  Demo sign-ins    hq, admin, east.manager, east.supervisor, sh001.manager, sh001.rep
                   password: Demo-StoreSales-2026
  Store board      $CC_URL/stores/store-sh001      (TV view: .../kiosk, or the board-token link below)
  Board token      $BOARD_TOKEN
  Live hub         $CC_URL/hubs/live       (SignalR: JoinStore / JoinRegion, ProgressUpdated / RegionUpdated)
  Read API         $CC_URL/api/stores, $CC_URL/openapi/v1.json
  Ingest API       $SILO_URL/api/stores/{storeId}/sales/batches   ($SILO_URL/openapi/v1.json)
  Metrics, health  $SILO_URL/metrics, $SILO_URL/health/ready
  Cluster          $SILOS silo(s): ${SILO_URLS[*]}
                   $COMMAND_CENTERS command center(s): ${CC_NODES[*]}$([ "$COMMAND_CENTERS" -gt 1 ] && echo " behind the gateway on $CC_URL")
  Logs             $RUN/

Press Ctrl-C to stop.
EOF2

wait -n "${PIDS[@]}" || true
[ -n "$STOPPING" ] || echo "A StoreSales process exited; see the logs in $RUN." >&2
