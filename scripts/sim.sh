#!/usr/bin/env bash
# Full-app simulation (chain/app/sim_full_test.go): SIM_SEEDS seeds (default 3) × SIM_BLOCKS blocks (default 50),
# SIM_RUNS identical runs per seed (default 2, determinism), SIM_BLOCK_SIZE operations per block at most (default
# 40); every registered invariant after every block; export/import with every store compared. Prints the summary
# (blocks, operations by type, invariant checks, failures) and exits non-zero on any failure.
# Built with the node's tags (GO_TAGS from make, else scripts/lib/go-tags.sh detects them): the signed simulated
# transactions go through the same secp256k1 verifier as the node.
set -euo pipefail
tags="$(bash "$(dirname "$0")/lib/go-tags.sh")"
cd "$(dirname "$0")/../chain"
export SIM_SEEDS="${SIM_SEEDS:-3}" SIM_BLOCKS="${SIM_BLOCKS:-50}" SIM_RUNS="${SIM_RUNS:-2}" SIM_BLOCK_SIZE="${SIM_BLOCK_SIZE:-40}"
echo "sim: seeds=$SIM_SEEDS blocks=$SIM_BLOCKS runs=$SIM_RUNS block_size=$SIM_BLOCK_SIZE tags=\"$tags\""
exec go test -tags "$tags" ./app -run '^TestFullAppSimulation$' -count=1 -timeout 60m -v
