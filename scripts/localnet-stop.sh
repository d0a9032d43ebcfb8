#!/usr/bin/env bash
# Stops exactly the processes recorded in build/localnet/localnet.json (nodes and feeders): SIGTERM, then SIGKILL.
set -euo pipefail
cd "$(dirname "$0")/.."
state=build/localnet/localnet.json
if [ ! -f "$state" ]; then echo "no localnet running (no $state)"; exit 0; fi
pids=$(node -e 'const s=require("./'"$state"'"); for (const n of s.nodes) for (const p of [n.pid, n.feeder_pid]) if (p) console.log(p)')
for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
for _ in $(seq 1 100); do
  alive=""
  for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive="$alive $pid"; done
  [ -z "$alive" ] && break
  sleep 0.1
done
for pid in $pids; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true; done
echo "localnet stopped (pids:$(echo $pids | tr '\n' ' '))"
