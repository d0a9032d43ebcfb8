#!/usr/bin/env bash
# `make localnet` (after `make build`): a fresh 4-validator Clearchain network on 127.0.0.1, one price-feeder per node,
# demo accounts, build/localnet/localnet.json, then the SDK demo. Re-running resets it; `make localnet-stop` stops it.
#
# The network itself is created by scripts/localnet.ts (shared with the e2e harness in test/support/chain.ts): node i
# uses ports LOCALNET_BASE_PORT (default 26600) + 10*i + {0 p2p, 1 rpc, 2 rest, 3 grpc, 4 pprof, 5 feeder}; logs are
# build/localnet/nodeN/node.log and feeder.log. localnet.json records p2p as "tcp://127.0.0.1:PORT".
# Environment: LOCALNET_BASE_PORT, PRICE_SOURCE (feeder sources for all nodes), LOCALNET_KEEP_ON_FAILURE=1 (leave a
# half-started network running for inspection), LOCALNET_RUNNER=tsx|tsc (default: tsx, tsc if tsx does not work),
# LOCALNET_LIQUIDATOR=0 (do not start the liquidator).
# After the network is up, one clearchain-liquidator runs with the "faucet" key on node0 (its feeder as price source,
# 100,000 USDC deposited into its subaccount 0), metrics on 127.0.0.1:LOCALNET_BASE_PORT+6; localnet.json records
# liquidator_pid, liquidator_metrics and liquidator_log (build/localnet/liquidator/liquidator.log).
#
# For wallets, browsers, governance and operations (`testnet init-files` defaults plus LOCALNET_VOTING_PERIOD):
# - CORS for http(s)://localhost:* and 127.0.0.1:* origins on every node's RPC (config.toml cors_allowed_origins) and
#   REST ([api-cors] allowed-origins) ports;
# - the Swagger UI and OpenAPI document at <rest>/swagger/ ([api] swagger = true);
# - metrics: <rest>/metrics?format=prometheus ([telemetry]) and CometBFT's at 127.0.0.1:LOCALNET_BASE_PORT+10*i+7/metrics;
# - a short governance voting period: LOCALNET_VOTING_PERIOD (default 30s; expedited proposals half of it);
# - the demo accounts (trader1..3, faucet) in node0's test keyring, and every node's client.toml pointing at that
#   node (chain-id, keyring-backend test, node), so `build/clearchaind tx ... --from trader1 --home build/localnet/node0`
#   and `--from validator --home build/localnet/nodeN` work with no other flag (README "Governance walkthrough").
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
for f in feeder/bin/clearchain-feeder.js feeder/dist/cli.js liquidator/bin/clearchain-liquidator.js liquidator/dist/cli.js; do
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

# Read by `clearchaind testnet init-files` (every flag can be given as CLEARCHAIND_<FLAG>).
export CLEARCHAIND_GOV_VOTING_PERIOD="${LOCALNET_VOTING_PERIOD:-30s}"

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
unset CLEARCHAIND_GOV_VOTING_PERIOD

# The demo accounts in node0's test keyring, and node0's client.toml, so the CLI works with --from NAME --home node0.
read -r home0 chain_id < <(node -e 'const s=require(process.argv[1]); console.log(s.nodes[0].home, s.chain_id)' "$ROOT/$STATE")
step "importing the demo keys into ${home0#"$ROOT/"}'s test keyring (--from trader1 --home ${home0#"$ROOT/"})"
while read -r name mnemonic; do
  build/clearchaind keys add "$name" --recover --keyring-backend test --home "$home0" --output json <<<"$mnemonic" >/dev/null 2>&1 ||
    die "cannot import key $name into $home0"
done < <(node -e '
  for (const k of require(process.argv[1]).keys) if (!k.name.startsWith("validator")) console.log(k.name, k.mnemonic);' "$ROOT/$STATE")
# Every node's client.toml: its chain id, the test keyring (where its "validator" key is) and its own RPC.
while read -r home rpc; do
  build/clearchaind config set client chain-id "$chain_id" --home "$home" >/dev/null
  build/clearchaind config set client keyring-backend test --home "$home" >/dev/null
  build/clearchaind config set client node "${rpc/http:/tcp:}" --home "$home" >/dev/null
done < <(node -e 'for (const n of require(process.argv[1]).nodes) console.log(n.home, n.rpc)' "$ROOT/$STATE")

# One liquidator on node0, with the faucet key (the demos use trader1..3), after the feeders and the demo.
if [ "${LOCALNET_LIQUIDATOR:-1}" != 0 ]; then
  base_port="${LOCALNET_BASE_PORT:-26600}"
  liq_listen="127.0.0.1:$((base_port + 6))"
  liq_dir="build/localnet/liquidator"
  liq_log="$liq_dir/liquidator.log"
  mkdir -p "$liq_dir"
  port_in_use "$((base_port + 6))" && die "port $((base_port + 6)) (liquidator metrics) is in use"
  ( umask 077 && node -e '
    const s = require(process.argv[1]);
    const k = s.keys.find((x) => x.name === "faucet");
    if (!k) { console.error("no faucet key in localnet.json"); process.exit(1); }
    require("fs").writeFileSync(process.argv[2], k.mnemonic + "\n", { mode: 0o600 });' "$ROOT/$STATE" "$liq_dir/mnemonic" )
  read -r rpc rest feeder < <(node -e 'const n=require(process.argv[1]).nodes[0]; console.log(n.rpc, n.api, n.feeder)' "$ROOT/$STATE")
  step "starting clearchain-liquidator (faucet key, prices ${feeder}/prices, metrics http://${liq_listen}/metrics)"
  launcher=()
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  "${launcher[@]}" nohup node liquidator/bin/clearchain-liquidator.js --rpc "$rpc" --rest "$rest" --prices "${feeder}/prices" \
    --mnemonic-file "$liq_dir/mnemonic" --subaccount 0 --deposit 100000 --metrics-listen "$liq_listen" --interval-ms 500 \
    >>"$liq_log" 2>&1 </dev/null &
  liq_pid=$!
  node -e '
    const fs = require("fs");
    const [file, pid, url, log] = process.argv.slice(1);
    const s = JSON.parse(fs.readFileSync(file, "utf8"));
    Object.assign(s, { liquidator_pid: Number(pid), liquidator_metrics: url, liquidator_log: log });
    fs.writeFileSync(file, JSON.stringify(s, null, 2));' "$ROOT/$STATE" "$liq_pid" "http://${liq_listen}/metrics" "$ROOT/$liq_log"
  healthy() { node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"; }
  for _ in $(seq 1 100); do
    pid_alive "$liq_pid" || die "the liquidator exited: $(tail -n 5 "$liq_log")"
    healthy "http://${liq_listen}/healthz" && break
    sleep 0.3
  done
  healthy "http://${liq_listen}/healthz" || die "the liquidator is not healthy after 30 s: $(tail -n 5 "$liq_log")"
  echo "    liquidator: pid $liq_pid, metrics http://${liq_listen}/metrics, log $liq_log"
fi

pids=$(node -e 'const s=require(process.argv[1]); console.log([...s.nodes.flatMap(n=>[n.pid,n.feeder_pid]), s.liquidator_pid].filter(Boolean).join(" "))' "$ROOT/$STATE")
for pid in $pids; do pid_alive "$pid" || die "process $pid from $STATE is not running"; done
elapsed_ms=$(($(date +%s%3N) - START_MS))
read -r rest0 < <(node -e 'console.log(require(process.argv[1]).nodes[0].api)' "$ROOT/$STATE")
echo "    swagger: ${rest0}/swagger/   metrics: ${rest0}/metrics?format=prometheus   CometBFT metrics: http://127.0.0.1:$((${LOCALNET_BASE_PORT:-26600} + 7))/metrics"
echo "    CLI: build/clearchaind q bank balances \$(build/clearchaind keys show trader1 -a --home ${home0#"$ROOT/"}) --home ${home0#"$ROOT/"}"
step "localnet ready in $((elapsed_ms / 1000)).$((elapsed_ms % 1000 / 100)) s (processes: $pids)"
