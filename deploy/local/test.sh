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

# Two lanes, so that two things run at a time on two cores and the tail of one lane is not left alone:
#   lane 1: the end-to-end tests (the longest project, four classes at a time);
#   lane 2: every other test project, one at a time, the browser tests first (the longest of them);
#   then, in whichever lane ends first: the demo as up.sh runs it, for two minutes, beside the fault suite's short form
#   (deploy/local/faults.sh --short: a silo killed, PostgreSQL stopped, an agent's power cut, hostile clients). Both spend
#   most of their time waiting (the demo two minutes by design, the faults on outages and their recovery; together about
#   one core) and assert what was counted, not how fast (a fault waits up to 5 minutes per step). They start only when a
#   lane is free: started beside both lanes, their dozen processes would make the tests' waits a matter of luck.
# Runtime settings for the test projects only (the demo and the faults run the shipped defaults): dozens of .NET processes
# share two cores here, where server GC's per-core heaps and threads, the thread pool's spinning before it sleeps, and
# dynamic PGO's extra instrumented compile of every hot method (worth it in a server that runs for days, not in a test
# process that runs for minutes) cost CPU the tests need. Measured 2026-12-07: the end-to-end process 266 -> 234 CPU-s and
# the browser one 41 -> 28-34 CPU-s without dynamic PGO (docs/benchmarks.md, "The test suite's own cost").
LANES="$ROOT/.data/test-lanes"
rm -rf "$LANES" && mkdir -p "$LANES"
LOG="$ROOT/.data/test-output.log"
LOG2="$ROOT/.data/test-output-lane2.log"
DEMO_LOG="$ROOT/.data/test-output-demo.log"
FAULTS_LOG="$ROOT/.data/test-output-faults.log"
test_project() { # NAME LOG: one test project, its output appended to LOG, its one-line result printed as it ends
  local began=$SECONDS
  DOTNET_gcServer=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 DOTNET_TieredPGO=0 \
    dotnet test --project "tests/StoreSales.$1.Tests" -c Release --no-build >>"$2" 2>&1
  local rc=$?
  echo "  $(grep -E "StoreSales\.$1\.Tests\.dll .*(passed|failed|crashed)" "$2" | tail -n 1 | sed 's|^.*/||') [$((SECONDS - began)) s]"
  return $rc
}
lane1() {
  test_project EndToEnd "$LOG"
}
lane2() {
  local status=0 project
  for project in Browser Integration Grains Edge Domain CommandCenter; do
    test_project "$project" "$LOG2" || status=1
  done
  return $status
}
tail_phase() {
  echo "  then the demo (up.sh for two minutes) and, beside it, the fault suite (faults.sh --short)..."
  STORESALES_DEMO_CHECK=1 dotnet test --project tests/StoreSales.Demo.Tests -c Release --no-build >"$DEMO_LOG" 2>&1 &
  local demo_pid=$!
  deploy/local/faults.sh --short --no-build >"$FAULTS_LOG" 2>&1
  echo $? >"$LANES/faults.rc"
  wait "$demo_pid"
  echo $? >"$LANES/demo.rc"
  echo "  the demo check and the fault suite ended"
}
echo "Testing (lane 1: the end-to-end tests; lane 2: the other projects one at a time; then the demo and the fault suite)..."
: >"$LOG"; : >"$LOG2"
{ lane1; echo $? >"$LANES/lane1.rc"; } &
{ lane2; echo $? >"$LANES/lane2.rc"; } &
wait -n # the first lane to end; the demo and the faults take its place
tail_phase
wait
status=$(( $(cat "$LANES/lane1.rc") || $(cat "$LANES/lane2.rc") ))
faults_status=$(cat "$LANES/faults.rc")
demo_status=$(cat "$LANES/demo.rc")
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
if { [ "$status" -ne 0 ] || [ "$demo_status" -ne 0 ] || [ "$faults_status" -ne 0 ]; } && [ "$failed" -eq 0 ]; then
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
[ "$status" -eq 0 ] && [ "$demo_status" -eq 0 ] && [ "$faults_status" -eq 0 ] && [ "$failed" -eq 0 ]
