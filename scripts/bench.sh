#!/usr/bin/env bash
# Runs every Clearchain benchmark. Each prints one `BENCH <name> key=value ...` line and writes
# build/bench/<name>.json with the same figures. Benchmarks are sized for a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export CLEARCHAIN_BENCH_DIR="$PWD/build/bench"
mkdir -p "$CLEARCHAIN_BENCH_DIR"
echo "==> Go benchmarks (results in $CLEARCHAIN_BENCH_DIR)"
(cd chain && go test -count=1 -run '^TestBench' ./... 2>&1 | grep -E '^(BENCH|FAIL|---|panic)' || true)
status=0
for f in "$CLEARCHAIN_BENCH_DIR"/*.json; do
  [ -e "$f" ] || { echo "no benchmark results written"; status=1; }
done
exit $status
