#!/usr/bin/env bash
# Measures StoreSales on this machine (see docs/benchmarks.md): ingest throughput with durable ack, ack and
# scan-to-board latency, the COPY baseline, and memory per active store grain. Arguments go to the program,
# e.g. --stores 50 --tills 4 --batch 25 --seconds 20 --memory-grains 10000. Other modes: --edge, --boards-only,
# --customer-import [--rows 100000] [--chunk 1000] (issue 8's CSV import speed), --grading [--customers 1000000]
# [--orders 2] (issue 8's nightly grading of a million customers).
# --cluster-ingest [--max-silos 3]: issue 12's ingest on 1, 2 and 3 silos of one cluster (rate ratio, CPU per 1,000 sales).
# PostgreSQL runs with its durable defaults (fsync on): an ack measured without fsync would not be durable.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
source deploy/local/lib.sh
need_postgres

PG_DIR="$ROOT/.data/pg-bench"
PG_PORT="${STORESALES_BENCH_PG_PORT:-55434}"
pg_start "$PG_DIR" "$PG_PORT"
trap 'pg_stop "$PG_DIR"' EXIT
export STORESALES_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"

dotnet build tests/StoreSales.Benchmarks -c Release -nologo -v q >/dev/null
dotnet tests/StoreSales.Benchmarks/bin/Release/net10.0/StoreSales.Benchmarks.dll "$@"
