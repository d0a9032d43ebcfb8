#!/usr/bin/env bash
# `make localnet` (after `make build`): a fresh 4-validator Clearchain network on 127.0.0.1, one price-feeder per node,
# demo accounts, build/localnet/localnet.json, then the SDK demo. Re-running resets it; `make localnet-stop` stops it.
#
# The network itself is created by scripts/localnet.ts (shared with the e2e harness in test/support/chain.ts): node i
# uses ports LOCALNET_BASE_PORT (default 26600) + 10*i + {0 p2p, 1 rpc, 2 rest, 3 grpc, 4 pprof, 5 feeder}; logs are
# build/localnet/nodeN/node.log and feeder.log. localnet.json records p2p as "tcp://127.0.0.1:PORT".
# Environment: LOCALNET_BASE_PORT, PRICE_SOURCE (feeder sources for all nodes), LOCALNET_KEEP_ON_FAILURE=1 (leave a
# half-started network running for inspection), LOCALNET_RUNNER=tsx|tsc (default: tsx, tsc if tsx does not work).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=lib/procs.sh
source "$ROOT/scripts/lib/procs.sh"

STATE="build/localnet/localnet.json"
START_MS=$(date +%s%3N)
START_MARK=$(mktemp)
step() { echo "==> $*"; }
die() {
  echo "error: $*" >&2
  exit 1
}

step "checking prerequisites"
[ -x build/clearchaind ] || die "build/clearchaind is missing: run 'make build' (make localnet builds first)"
build/clearchaind version >/dev/null 2>&1 || die "build/clearchaind does not run: rebuild it with 'make build'"
command -v node >/dev/null 2>&1 || die "node (>= 20) is required"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "node >= 20 is required (found $(node --version))"
[ -d node_modules/@cosmjs/stargate ] || die "npm packages are missing: run 'make npm-install'"
[ -f client/src/index.ts ] || die "client/src/index.ts (the TypeScript SDK) is missing"
for f in feeder/bin/clearchain-feeder.js feeder/dist/cli.js; do
  [ -e "$f" ] || die "$f is missing: run 'make build'"
done

# The TypeScript runner: tsx when it works here, otherwise compile with tsc (transpile only) and run with node.
runner="${LOCALNET_RUNNER:-}"
if [ -z "$runner" ]; then
  if node_modules/.bin/tsx --version >/dev/null 2>&1; then runner=tsx; else runner=tsc; fi
fi

step "stopping a previous localnet (if any)"
bash scripts/localnet-stop.sh 2>&1 | sed 's/^/    /'

# On failure or interrupt: show the end of every node log and stop whatever was started (pids from localnet.json).
on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  if [ "$rc" -ne 0 ]; then
    local what="failed (rc $rc)"
    [ "$rc" -eq 130 ] && what="interrupted"
    for log in build/localnet/node*/node.log; do
      [ -f "$log" ] && [ "$log" -nt "$START_MARK" ] || continue # only this run's logs
      echo "--- last lines of $log ---" >&2
      tail -n 15 "$log" >&2 || true
    done
    if [ "${LOCALNET_KEEP_ON_FAILURE:-0}" = 1 ]; then
      echo "error: localnet $what; processes left running for inspection: make localnet-stop" >&2
    else
      echo "error: localnet $what; stopping what was started (LOCALNET_KEEP_ON_FAILURE=1 keeps it)" >&2
      bash scripts/localnet-stop.sh >&2 || true
    fi
  fi
  rm -f "$START_MARK"
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

case "$runner" in
  tsx)
    node_modules/.bin/tsx scripts/localnet.ts
    ;;
  tsc)
    step "compiling scripts/localnet.ts with tsc (tsx unavailable or LOCALNET_RUNNER=tsc)"
    [ -f client/dist/cjs/index.js ] || die "client/dist is missing (the compiled runner imports the built SDK): run 'make build'"
    out="$ROOT/build/.localnet-js"
    rm -rf "$out"
    node_modules/.bin/tsc scripts/localnet.ts --outDir "$out" --rootDir "$ROOT" --module commonjs --moduleResolution node10 \
      --target ES2022 --lib ES2022,DOM --types node --esModuleInterop --skipLibCheck --noCheck
    CLEARCHAIN_REPO="$ROOT" node "$out/scripts/localnet.js"
    ;;
  *) die "LOCALNET_RUNNER must be tsx or tsc (got '$runner')" ;;
esac

[ -f "$STATE" ] || die "$STATE was not written"
pids=$(node -e 'const s=require(process.argv[1]); console.log(s.nodes.flatMap(n=>[n.pid,n.feeder_pid]).filter(Boolean).join(" "))' "$ROOT/$STATE")
for pid in $pids; do pid_alive "$pid" || die "process $pid from $STATE is not running"; done
elapsed_ms=$(($(date +%s%3N) - START_MS))
step "localnet ready in $((elapsed_ms / 1000)).$((elapsed_ms % 1000 / 100)) s (processes: $pids)"
