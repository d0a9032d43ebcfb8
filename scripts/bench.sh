#!/usr/bin/env bash
# Runs every Clearchain benchmark. Each prints one `BENCH <name> key=value ...` line and writes
# build/bench/<name>.json with the same figures. Benchmarks are sized for a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export CLEARCHAIN_BENCH_DIR="$PWD/build/bench"
mkdir -p "$CLEARCHAIN_BENCH_DIR"
echo "==> Go benchmarks (results in $CLEARCHAIN_BENCH_DIR)"
log="$CLEARCHAIN_BENCH_DIR/go-bench.log"
status=0
(cd chain && go test -v -count=1 -run '^TestBench' ./...) >"$log" 2>&1 || status=$?
grep -E '^BENCH ' "$log" || true
if [ "$status" -ne 0 ]; then
  grep -E '^(--- FAIL|FAIL|panic)' "$log" || true
  echo "Go benchmarks failed (full log: $log)"
  exit "$status"
fi
