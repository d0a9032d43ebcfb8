#!/usr/bin/env bash
# `make load` (after `make build-client`): ramps signed-trade and bank-send throughput against the running
# `make localnet` (endpoints and keys from build/localnet/localnet.json, all 127.0.0.1) until p99 submit→commit
# exceeds 3 s, prints `BENCH load ...` and writes build/bench/load.json. Bounded: LOAD_MAX_SECONDS (default 570 s,
# under 10 minutes) and a hard timeout; it stops by itself. Tunables: LOAD_VENUES, LOAD_TRADERS, LOAD_SENDERS,
# LOAD_FILLS_PER_TX, LOAD_ORDERS_PER_TRADER, LOAD_LEVEL_SECONDS (see test/load/load.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/localnet/localnet.json ] || { echo "error: no build/localnet/localnet.json: start the network with 'make localnet'" >&2; exit 1; }
rpc=$(node -p 'JSON.parse(require("fs").readFileSync("build/localnet/localnet.json","utf8")).nodes[0].rpc')
curl -sf --max-time 5 "$rpc/status" >/dev/null || { echo "error: the localnet is not answering at $rpc: start it with 'make localnet'" >&2; exit 1; }
[ -f client/dist/esm/index.js ] || { echo "error: client/dist is missing: run 'make build-client'" >&2; exit 1; }
mkdir -p build/bench
exec timeout --signal=TERM --kill-after=10 600 node_modules/.bin/tsx test/load/load.ts
