#!/usr/bin/env bash
# Builds StoreSales and runs every test project against a private PostgreSQL it starts and stops.
# Ends with one line: "N passed, N failed" (totals over all test projects).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
source deploy/local/lib.sh

need_packages socat curl python3 poppler-utils fonts-wqy-microhei || { echo "0 passed, 1 failed"; exit 1; }
need_chromium || { echo "0 passed, 1 failed"; exit 1; }
need_postgres || { echo "0 passed, 1 failed"; exit 1; }

PG_DIR="$ROOT/.data/pg-test"
PG_PORT="${STORESALES_TEST_PG_PORT:-55433}"
# Tests may run PostgreSQL without fsync; the main job and the benchmark never do.
pg_start "$PG_DIR" "$PG_PORT" fast || { echo "0 passed, 1 failed"; exit 1; }
trap 'pg_stop "$PG_DIR"' EXIT
export STORESALES_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"

LOG="$ROOT/.data/test-output.log"
mkdir -p "$ROOT/.data"
echo "Building..."
if ! dotnet build StoreSales.sln -c Release -nologo -v q >"$ROOT/.data/build.log" 2>&1; then
  grep -E "error|Error" "$ROOT/.data/build.log" | sort -u | head -40
  echo "0 passed, 1 failed"
  exit 1
fi

# Two lanes, so that two things run at a time on two cores and neither lane idles while the other still has work: each
# lane takes the next item of one queue, longest first (the end-to-end tests, four classes at a time; the browser tests;
# the demo and the faults; then the other projects). "The demo and the faults" is the demo as up.sh runs it, for two
# minutes, beside the fault suite's short form (deploy/local/faults.sh --short: a silo killed, PostgreSQL stopped, an
# agent's power cut, hostile clients): both spend most of their time waiting (the demo two minutes by design, the faults
# on outages and their recovery; together about one core) and assert what was counted, not how fast (a fault waits up to
# 5 minutes per step). They take a lane's place, never run beside both: their dozen processes would make the tests' waits
# a matter of luck. Measured 2026-12-07 (clean-clone CI): the old order (`dotnet test --solution`, two projects at a time,
# then the demo and the faults alone) left the machine idle 22 % of the run and took 942 s; two lanes fed from one queue
# 15 % and 865 s.
LANES="$ROOT/.data/test-lanes"
rm -rf "$LANES" && mkdir -p "$LANES"
LOG="$ROOT/.data/test-output.log"
LOG2="$ROOT/.data/test-output-lane2.log"
DEMO_LOG="$ROOT/.data/test-output-demo.log"
FAULTS_LOG="$ROOT/.data/test-output-faults.log"
# Three runtime settings for the test processes only (the shipped hosts that the demo and the faults start keep the
# defaults): dozens of .NET processes share two cores here, where server GC's per-core heaps and threads, the thread
# pool's spinning before it sleeps, and dynamic PGO's extra instrumented compile of every hot method (worth it in a server
# that runs for days, not in a test process that runs for minutes) cost CPU the tests need. Measured: the end-to-end
# tests alone took 11 % less CPU with the first two; without dynamic PGO the end-to-end process 266 -> 234 CPU-s and the
# browser one 41 -> 28-34 (docs/benchmarks.md, "The test suite's own cost").
test_project() { # NAME LOG: one test project, its output appended to LOG, its one-line result printed as it ends
  local began=$SECONDS
  DOTNET_gcServer=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 DOTNET_TieredPGO=0 \
    dotnet test --project "tests/StoreSales.$1.Tests" -c Release --no-build >>"$2" 2>&1
  local rc=$?
  local result
  result="$(grep -E "StoreSales\.$1\.Tests\.dll .*(passed|failed|crashed)" "$2" | tail -n 1 | sed 's|^.*/||')"
  echo "  ${result:-StoreSales.$1.Tests: no result line (exit code $rc; see $2)} [$((SECONDS - began)) s]"
  return $rc
}
demo_and_faults() {
  echo "  the demo (up.sh for two minutes) and, beside it, the fault suite (faults.sh --short)..."
  STORESALES_DEMO_CHECK=1 dotnet test --project tests/StoreSales.Demo.Tests -c Release --no-build >"$DEMO_LOG" 2>&1 &
  local demo_pid=$!
  deploy/local/faults.sh --short --no-build >"$FAULTS_LOG" 2>&1
  local faults_rc=$?
  wait "$demo_pid"
  local demo_rc=$?
  echo "  the demo check ended with $demo_rc and the fault suite with $faults_rc"
  [ "$demo_rc" -eq 0 ] && [ "$faults_rc" -eq 0 ]
}
QUEUE="$LANES/queue"
# Longest first: the two longest projects, the demo with the faults, then the other projects by their length in the last
# clean clones (Integration ~130 s, Grains and Edge ~60 s each, the rest seconds), then any other test project of the
# solution (read from StoreSales.sln, so that a new project is never left out; the demo and fault projects run only
# above). The order matters at the end: on 2026-12-07 the queue took the short projects in the solution's order, and the
# 130 s of the integration tests, drawn last, ran alone while the other lane had nothing left. Splitting the end-to-end
# project into two processes (tried the same day, cd1c96f: 305 s + 195 s against 411 s whole) cost more than it evened out.
longest=(EndToEnd Browser demo-and-faults Integration Grains Edge)
others="$(grep -o 'tests[\\/]StoreSales\.[A-Za-z]*\.Tests[\\/]' StoreSales.sln | sed 's|.*StoreSales\.\([A-Za-z]*\)\.Tests.*|\1|' \
  | grep -vxE 'EndToEnd|Browser|Demo|Faults|Integration|Grains|Edge')"
printf '%s\n' "${longest[@]}" $others >"$QUEUE"
lane() { # N: runs the queue's next item until none is left; its log is LOG or LOG2
  local log="$LOG" status=0 item; [ "$1" -eq 2 ] && log="$LOG2"
  while :; do
    item="$(flock "$LANES/queue.lock" sh -c 'head -n 1 "$1"; sed -i 1d "$1"' _ "$QUEUE")"
    [ -n "$item" ] || break
    if [ "$item" = demo-and-faults ]; then demo_and_faults || status=1; else test_project "$item" "$log" || status=1; fi
  done
  echo "$status" >"$LANES/lane$1.rc"
}
echo "Testing (two lanes: the end-to-end tests, the browser tests, the demo beside the fault suite, the other projects)..."
: >"$LOG"; : >"$LOG2"; : >"$DEMO_LOG"; : >"$FAULTS_LOG"
lane 1 &
lane 2 &
wait
status=$(( $(cat "$LANES/lane1.rc") || $(cat "$LANES/lane2.rc") ))
echo "The fault suite (its output, also in $FAULTS_LOG):"
cat "$FAULTS_LOG"
echo "The demo check (its output, also in $DEMO_LOG):"
cat "$DEMO_LOG"

# Each runner's closing summary holds its project's totals; they are added up over every log (none counts as 0).
count() { # NAME LOG...
  awk -v key="$1:" '/^Test run summary:/ {inside=1; next} inside && $1 == key {sum += $2; inside=0} END {print sum + 0}' "${@:2}"
}
passed=$(count succeeded "$LOG" "$LOG2" "$DEMO_LOG" "$FAULTS_LOG")
failed=$(count failed "$LOG" "$LOG2" "$DEMO_LOG" "$FAULTS_LOG")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host crashed or nothing ran: count it as a failure rather than report green.
  failed=1
fi
echo "Browser test screenshots: $ROOT/tests/StoreSales.Browser.Tests/bin/Release/net10.0/screenshots"
# The failed tests by name with the first lines of why, last, where CI's shortened output still shows them (the logs
# above hold the rest).
if [ "$failed" -gt 0 ]; then
  echo "Failed:"
  awk '/^failed / {print; why=8; next} why && /^  from / {next} why && /^(passed|skipped|failed) / {why=0} why {print substr($0, 1, 400); why--}' "$LOG" "$LOG2" "$DEMO_LOG" "$FAULTS_LOG"
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
