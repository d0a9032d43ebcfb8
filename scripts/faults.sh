#!/usr/bin/env bash
# `make faults` (after `make build`): the network-fault harness test/faults/faults.ts on a 4-validator loopback network
# (kill -9, SIGSTOP 30 s, cut off from peers, all restarted, under SDK trade load). Prints a table per perturbation and
# writes build/bench/faults.json; logs in build/faults/ (FAULTS_LOG_DIR). FAULTS_KEEP=1 keeps the node homes.
# Bounded: the driver stops itself after 19 minutes; on any exit the trap stops every process it started (by pid,
# from its pid registry, only while the command line still matches).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
exec bash test/faults/run.sh faults test/faults/faults.ts
