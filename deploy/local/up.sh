#!/usr/bin/env bash
# Runs StoreSales on this machine: a private PostgreSQL (or the one in ConnectionStrings__StoreSales), the silo
# (ingest API, Orleans), the command center, and for each demo store an edge agent fed by simulated tills and
# scanners over socat virtual serial ports. Ctrl-C stops exactly what it started. Data survives a restart.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
source deploy/local/lib.sh

# Everything below is overridable, so that a second copy (the demo check of deploy/local/test.sh) runs beside yours.
DATA="${STORESALES_DATA_DIR:-$ROOT/.data}"
RUN="$DATA/run"
PG_DIR="$DATA/pg"
PG_PORT="${STORESALES_PG_PORT:-55432}"
SILO_URL="http://127.0.0.1:${STORESALES_SILO_PORT:-5070}"
CC_URL="http://127.0.0.1:${STORESALES_CC_PORT:-5080}"
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

echo "Starting the silo (migrations and demo data on first start)..."
dotnet "$(bin src/StoreSales.Silo StoreSales.Silo)" --Urls="$SILO_URL" \
  --Demo:ChainFile="$CHAIN" --Demo:ItemsFile="$ITEMS" \
  --HotItems:ScanSourcedTerminals:store-sh001:0=T01 --HotItems:ScanSourcedTerminals:store-sh001:1=T02 >"$RUN/silo.log" 2>&1 &
PIDS+=($!)
wait_http "$SILO_URL/health/ready" "The silo" "$RUN/silo.log"

echo "Starting the command center..."
dotnet "$(bin src/StoreSales.CommandCenter StoreSales.CommandCenter)" --Urls="$CC_URL" \
  --Demo:SeedStaff=true --Demo:StaffStore=store-sh001 --Demo:SeedQuotes=true >"$RUN/commandcenter.log" 2>&1 &
PIDS+=($!)
wait_http "$CC_URL/health/live" "The command center" "$RUN/commandcenter.log"

# Live is not the same as logged: the board-token line may come after the health endpoint answers.
board_token_link() {
  grep -o '/board/sign-in?token=[A-Za-z0-9_%-]*' "$RUN/commandcenter.log" 2>/dev/null | tail -n 1
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
  BOARD_TOKEN="(not logged within ${BOARD_TOKEN_WAIT_SECONDS} s; issue one at $CC_URL/stores/store-sh001/boards)"
fi

# One line per store from the demo chain: id, key, terminals (comma separated).
stores="$(python3 - "$CHAIN" <<'PY'
import json, sys
for s in json.load(open(sys.argv[1]))["stores"]:
    print(s["id"], s["apiKey"], ",".join(s["terminals"]))
PY
)"

echo "Starting simulated tills and an edge agent per store..."
while read -r store key terminals; do
  dir="$RUN/$store"; mkdir -p "$dir"
  agent_args=(--Agent:StoreId="$store" --Agent:ServerUrl="$SILO_URL" --Agent:StoreKey="$key" --Agent:OutboxPath="$dir/outbox.db")
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
  Logs             $RUN/

Press Ctrl-C to stop.
EOF2

wait -n "${PIDS[@]}" || true
[ -n "$STOPPING" ] || echo "A StoreSales process exited; see the logs in $RUN." >&2
