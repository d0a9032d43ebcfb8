#!/usr/bin/env bash
# test/faults/run.sh NAME DRIVER.ts: runs a fault/crash driver with tsx (bounded by `timeout`), then stops whatever the
# driver's pid registry (build/NAME/pids.jsonl, or FAULTS_LOG_DIR) still lists as running with an unchanged command line.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=procs.sh
source "$ROOT/scripts/lib/procs.sh"
name=$1 driver=$2
[ -x build/clearchaind ] || { echo "error: build/clearchaind is missing: run 'make build'" >&2; exit 1; }
[ -f feeder/bin/clearchain-feeder.js ] || { echo "error: the feeder is not built: run 'make build'" >&2; exit 1; }
logdir=${FAULTS_LOG_DIR:-$ROOT/build/$name}
export FAULTS_LOG_DIR=$logdir
mkdir -p "$logdir"
registry="$logdir/pids.jsonl"

sweep() {
  [ -f "$registry" ] || return 0
  node -e '
    const fs = require("fs");
    for (const l of fs.readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean)) {
      const e = JSON.parse(l); console.log(e.pid + "\t" + e.cmd);
    }' "$registry" | while IFS=$'\t' read -r pid cmd; do
    if pid_alive "$pid" && [ "$(pid_cmdline "$pid" | sed 's/ *$//')" = "$(echo "$cmd" | sed 's/ *$//')" ]; then
      kill -CONT "$pid" 2>/dev/null || true
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do pid_alive "$pid" || break; sleep 0.2; done
      pid_alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
      echo "$name: stopped leftover pid $pid"
    fi
  done
}
trap sweep EXIT
trap 'exit 130' INT TERM

echo "==> $name: $driver (logs in $logdir)"
# The SDK as built by `make build` (client/dist through node_modules), not client/src: the harness tests the package.
timeout --signal=TERM --kill-after=30s 20m node_modules/.bin/tsx --tsconfig test/faults/tsconfig.json "$driver"
