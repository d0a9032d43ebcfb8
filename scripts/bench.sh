#!/usr/bin/env bash
# Runs every Clearchain benchmark. Each prints one `BENCH <name> key=value ...` line and writes
# build/bench/<name>.json with the same figures. Benchmarks are sized for a 2-core machine.
#   oracle      VerifyVoteExtension + aggregation, 100 validators × 50 pairs (Go)
#   settlement  in-process app: fills/s in 1,000-fill txs vs MsgSend txs/s, both counting the CPU of CheckTx +
#               FinalizeBlock + Commit; settlement CPU per fill without signatures; secp256k1 verifies/s (Go;
#               CLEARCHAIN_BENCH_CPUPROFILE=<file> profiles the fill phases, docs/PERFORMANCE.md)
#   margin      health of a subaccount with 1, 10, 100 positions: Go (go_*) and TypeScript (ts_*)
#   sweep       liquidation sweep on 1,000,000 subaccounts in IAVL/goleveldb: calm block vs full scan, −10% block (Go;
#               CLEARCHAIN_SWEEP_SUBACCOUNTS overrides the count; about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
export CLEARCHAIN_BENCH_DIR="$PWD/build/bench"
rm -rf "$CLEARCHAIN_BENCH_DIR"
mkdir -p "$CLEARCHAIN_BENCH_DIR"
# The node's build tags (GO_TAGS from make, else detected the same way): the settlement benchmark's verifies/s and
# CheckTx figures depend on the secp256k1 verifier (secp256k1_impl in settlement.json).
tags="$(bash scripts/lib/go-tags.sh)"
echo "==> Go benchmarks (results in $CLEARCHAIN_BENCH_DIR; -tags \"$tags\")"
log="$CLEARCHAIN_BENCH_DIR/go-bench.log"
status=0
(cd chain && go test -tags "$tags" -v -count=1 -timeout 90m -run '^TestBench' ./...) >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  grep -E '^(BENCH|--- FAIL|FAIL|panic)' "$log" || true
  echo "Go benchmarks failed (full log: $log)"
  exit "$status"
fi
grep -E '^BENCH (oracle|settlement|sweep) ' "$log"

if [ -f client/bench/margin.bench.ts ]; then
  echo "==> TypeScript margin benchmark"
  (cd client && npx --no-install tsx bench/margin.bench.ts) >"$CLEARCHAIN_BENCH_DIR/ts-bench.log" 2>&1 || { cat "$CLEARCHAIN_BENCH_DIR/ts-bench.log"; exit 1; }
fi
# One `margin` result with both languages' figures.
node -e '
const fs = require("fs"), dir = process.env.CLEARCHAIN_BENCH_DIR;
const read = (f) => fs.existsSync(`${dir}/${f}`) ? JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8")) : {};
const out = { ...read("margin.json") };
for (const [k, v] of Object.entries(read("margin_ts.json"))) if (k !== "name") out[k.startsWith("ts_") ? k : `ts_${k}`] = v;
out.name = "margin";
fs.writeFileSync(`${dir}/margin.json`, JSON.stringify(out, null, 2) + "\n");
console.log("BENCH margin " + Object.keys(out).filter((k) => k !== "name").sort().map((k) => `${k}=${out[k]}`).join(" "));
'
