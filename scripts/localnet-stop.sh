#!/usr/bin/env bash
# Stops exactly the processes recorded in build/localnet/localnet.json — every node's `pid`, `feeder_pid` and any other
# per-node `*_pid`, and the top-level `liquidator_pid` — with SIGTERM, then SIGKILL after a bounded wait. A pid is only
# signalled while its command line still identifies it (the node's --home, the feeder's --listen address, the
# liquidator's --metrics-listen address, or this checkout's path for other processes), so a recycled pid is never hit.
# A no-op, with a message, when no localnet exists or it is already stopped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/procs.sh
source "$ROOT/scripts/lib/procs.sh"
STATE="$ROOT/build/localnet/localnet.json"
GRACE="${LOCALNET_STOP_GRACE:-15}"

if [ ! -f "$STATE" ]; then
  echo "==> no localnet to stop ($STATE does not exist)"
  exit 0
fi
command -v node >/dev/null 2>&1 || { echo "error: node is required to read $STATE" >&2; exit 1; }

# One line per recorded process: pid <TAB> label <TAB> string its command line must contain.
if ! entries=$(ROOT="$ROOT" node -e '
  const fs = require("fs");
  let s;
  try { s = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch (e) { console.log(e.message); process.exit(1); }
  for (const n of s.nodes || []) {
    for (const [k, v] of Object.entries(n)) {
      if (!/(^|_)pid$/.test(k) || !Number.isInteger(v) || v <= 1) continue;
      let needle = process.env.ROOT;
      if (k === "pid") needle = `--home ${n.home}`;
      else if (k === "feeder_pid" && n.feeder) needle = `--listen ${n.feeder.replace(/^https?:\/\//, "")}`;
      console.log([v, `${n.name} ${k === "pid" ? "node" : k.replace(/_pid$/, "")}`, needle].join("\t"));
    }
  }
  const lp = s.liquidator_pid;
  if (Number.isInteger(lp) && lp > 1) {
    const m = /^https?:\/\/([^/]+)\//.exec(s.liquidator_metrics || "");
    console.log([lp, "liquidator", m ? `--metrics-listen ${m[1]}` : "clearchain-liquidator"].join("\t"));
  }' "$STATE" 2>&1); then
  echo "error: cannot read $STATE: $entries" >&2
  exit 1
fi

pids=()
while IFS=$'\t' read -r pid label needle; do
  [ -n "$pid" ] || continue
  if pid_matches "$pid" "$needle"; then
    pids+=("$pid")
    echo "    stopping $label (pid $pid)"
  elif pid_alive "$pid"; then
    echo "    skipping pid $pid ($label): it is now another process (${needle} not in its command line)"
  fi
done <<<"$entries"

if [ ${#pids[@]} -eq 0 ]; then
  echo "==> localnet already stopped (no process from $STATE is running)"
  exit 0
fi
echo "==> stopping localnet: ${#pids[@]} processes (SIGTERM, SIGKILL after ${GRACE}s)"
if stop_pids "$GRACE" "${pids[@]}"; then
  echo "==> localnet stopped (pids ${pids[*]}); homes and logs kept in build/localnet/"
else
  echo "error: some localnet processes could not be stopped" >&2
  exit 1
fi
