#!/usr/bin/env bash
# Fails when the committed generated code (Go *.pb.go / *.pb.gw.go, TS client/src/generated) differs from what
# scripts/protocgen.sh produces from proto/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/protocgen.sh >/dev/null
changes="$(git status --porcelain -- 'chain/x/*/types/*.pb.go' 'chain/x/*/types/*.pb.gw.go' client/src/generated)"
if [ -n "$changes" ]; then
  echo "generated code is stale: run 'make proto-gen' and commit the result. Changed files:" >&2
  echo "$changes" >&2
  exit 1
fi
echo "generated code is up to date"
