#!/usr/bin/env bash
# `make crash` (after `make build`): the crash-recovery harness test/faults/crash.ts: node3 of a 4-validator loopback
# network is kill -9'd at seeded random points (CRASH_KILLS, default 20; CRASH_SEED, default 1) under SDK trade load,
# each restart checked against node0, the untouched replica. Writes build/bench/crash.json; logs in build/crash/.
# Bounded: the driver stops itself after 19 minutes; on any exit the trap stops every process it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
exec bash test/faults/run.sh crash test/faults/crash.ts
