#!/usr/bin/env bash
# The fault suite (issue 12; docs/faults.md): the real stack (3 silos, 2 command centers behind the gateway, edge agents
# fed by the simulator over pseudo-terminals) put through faults, one table row each: fault, sales the tills sent, sales in
# the ledger, lost, doubled, seconds until the boards were current again, and the day-end reconciliation per terminal.
# A fault with anything lost or doubled fails. Starts its own PostgreSQL (fsync off, like the tests') on its own port.
#
#   deploy/local/faults.sh [--short] [--pg-outage SECONDS] [--offline-sales N] [--no-build]
#
#   --short            the faults CI runs (deploy/local/test.sh): a silo killed, PostgreSQL stopped 10 s, an agent's
#                      power cut, hostile clients
#   --pg-outage S      how long PostgreSQL stays stopped (default 60, 10 with --short)
#   --offline-sales N  sales an agent takes while offline for a business day (default 50000)
#   --no-build         the solution is built already (test.sh)
#
# Ends with the test runner's summary and one line "N passed, N failed"; exit code 0 only when every fault passed.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
source deploy/local/lib.sh

MODE=full
BUILD=1
OUTAGE=""
OFFLINE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --short) MODE=short ;;
    --no-build) BUILD=0 ;;
    --pg-outage) OUTAGE="${2:?--pg-outage needs seconds}"; shift ;;
    --offline-sales) OFFLINE="${2:?--offline-sales needs a number}"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# The command centers refuse to start without the report PDFs' Chinese font (Reports:Pdf:FontPath).
need_packages socat fonts-wqy-microhei || { echo "0 passed, 1 failed"; exit 1; }
need_postgres || { echo "0 passed, 1 failed"; exit 1; }

PG_DIR="$ROOT/.data/pg-faults"
PG_PORT="${STORESALES_FAULTS_PG_PORT:-55435}"
pg_start "$PG_DIR" "$PG_PORT" fast || { echo "0 passed, 1 failed"; exit 1; }
trap 'pg_stop "$PG_DIR"' EXIT

mkdir -p "$ROOT/.data/faults"
TABLE="$ROOT/.data/faults/rows-$MODE.tsv"
LOG="$ROOT/.data/faults/output-$MODE.log"
: >"$TABLE"

if [ "$BUILD" -eq 1 ]; then
  echo "Building..."
  if ! dotnet build tests/StoreSales.Faults.Tests -c Release -nologo -v q >"$ROOT/.data/faults/build.log" 2>&1; then
    grep -E "error" "$ROOT/.data/faults/build.log" | sort -u | head -40
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

echo "Fault suite ($MODE) on $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')..."
# The tills print the store's local time, as a till in a Chinese store does (the demo chain's stores are in Shanghai).
STORESALES_FAULTS="$MODE" \
STORESALES_FAULTS_PG_DIR="$PG_DIR" \
STORESALES_FAULTS_PG_PORT="$PG_PORT" \
STORESALES_FAULTS_PG_OUTAGE="$OUTAGE" \
STORESALES_FAULTS_OFFLINE_SALES="$OFFLINE" \
STORESALES_FAULTS_TABLE="$TABLE" \
STORESALES_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres" \
TZ=Asia/Shanghai \
  dotnet test --project tests/StoreSales.Faults.Tests -c Release --no-build 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}

echo
echo "| fault | sales sent by the tills | sales in the ledger | lost | doubled | boards current again after (s) | day-end reconciliation (Z = ledger = grain) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
sort "$TABLE" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }'
echo

count() { # NAME
  local n
  n="$(awk '/^Test run summary:/ {found=1} found' "$LOG" | sed -n "s/^ *$1: *\([0-9][0-9]*\).*/\1/p" | tail -n 1)"
  echo "${n:-0}"
}
passed=$(count succeeded)
failed=$(count failed)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
