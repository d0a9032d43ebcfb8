#!/usr/bin/env bash
# Starts a fresh 4-validator localnet (see scripts/localnet.ts). `make localnet` builds first.
set -euo pipefail
cd "$(dirname "$0")/.."
for f in build/clearchaind feeder/bin/clearchain-feeder.js feeder/dist/cli.js; do
  [ -e "$f" ] || { echo "missing $f: run 'make build' first" >&2; exit 1; }
done
bash scripts/localnet-stop.sh >/dev/null 2>&1 || true
exec npx --no-install tsx scripts/localnet.ts
