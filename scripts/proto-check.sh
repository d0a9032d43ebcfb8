#!/usr/bin/env bash
# Fails when the committed generated code (Go *.pb.go / *.pb.gw.go, TS client/src/generated, the OpenAPI document
# docs/openapi/openapi.json and its embedded copy chain/rest/openapi.json) differs from what scripts/protocgen.sh
# produces from proto/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/protocgen.sh >/dev/null
changes="$(git status --porcelain -- 'chain/x/*/types/*.pb.go' 'chain/x/*/types/*.pb.gw.go' client/src/generated \
  docs/openapi chain/rest/openapi.json)"
if [ -n "$changes" ]; then
  echo "generated code is stale: run 'make proto-gen' and commit the result. Changed files:" >&2
  echo "$changes" >&2
  exit 1
fi
if ! cmp -s docs/openapi/openapi.json chain/rest/openapi.json; then
  echo "chain/rest/openapi.json (embedded in the node) differs from docs/openapi/openapi.json: run 'make proto-gen'" >&2
  exit 1
fi
echo "generated code is up to date"
