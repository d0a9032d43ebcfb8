#!/usr/bin/env bash
# Regenerates all code from proto/ entirely offline:
#   Go:  gogoproto (protoc-gen-gocosmos) + grpc-gateway v1  → chain/x/<module>/types
#   TS:  ts-proto (forceLong=bigint, esModuleInterop)       → client/src/generated
#   OpenAPI: protoc-gen-openapiv2 (grpc-gateway v2, one merged Swagger 2.0 document of the Clearchain routes and the
#        SDK services the app serves) + scripts/openapi-merge.mjs → docs/openapi/openapi.json and chain/rest/openapi.json
#        (the copy the node embeds and serves at /swagger/ when [api] swagger = true)
# Third-party protos come from the Go module cache (cosmos-sdk proto/, gogoproto, cosmos-proto, grpc-gateway
# v1.16 third_party/googleapis); plugins are the chain/go.mod `tool` lines and the pinned npm ts-proto.
# Output is deterministic: run it twice and nothing changes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

ensure_protoc() {
  if command -v protoc >/dev/null 2>&1 && [ -d /usr/include/google/protobuf ]; then return; fi
  echo "==> installing protoc (Debian protobuf-compiler)"
  if [ "$(id -u)" -ne 0 ]; then echo "protoc is missing and this user cannot apt-get install it" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq protobuf-compiler libprotobuf-dev >/dev/null
}
ensure_protoc

moddir() { (cd chain && go list -m -f '{{.Dir}}' "$1"); }
(cd chain && go mod download github.com/cosmos/cosmos-sdk github.com/cosmos/gogoproto github.com/cosmos/cosmos-proto github.com/grpc-ecosystem/grpc-gateway)
SDK="$(moddir github.com/cosmos/cosmos-sdk)"
GOGO="$(moddir github.com/cosmos/gogoproto)"
CPROTO="$(moddir github.com/cosmos/cosmos-proto)"
GW="$(moddir github.com/grpc-ecosystem/grpc-gateway)"
INCLUDES=(-I "$ROOT/proto" -I "$SDK/proto" -I "$CPROTO/proto" -I "$GOGO" -I "$GW/third_party/googleapis" -I /usr/include)

TOOLS="$ROOT/build/tools"
mkdir -p "$TOOLS"
(cd chain && go build -o "$TOOLS/" tool)
TS_PLUGIN="$ROOT/node_modules/.bin/protoc-gen-ts_proto"
[ -x "$TS_PLUGIN" ] || { echo "ts-proto missing: run npm ci first" >&2; exit 1; }

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "==> Go code (gogoproto, grpc-gateway)"
mkdir -p "$TMP/go"
# One protoc run per proto package: protoc-gen-gocosmos requires one Go package per invocation.
for dir in $(cd proto && find clearchain -name '*.proto' -exec dirname {} \; | sort -u); do
  PATH="$TOOLS:$PATH" protoc "${INCLUDES[@]}" \
    --gocosmos_out=plugins=grpc,Mgoogle/protobuf/any.proto=github.com/cosmos/gogoproto/types/any:"$TMP/go" \
    --grpc-gateway_out=logtostderr=true,allow_colon_final_segments=true:"$TMP/go" \
    $(ls "$ROOT/proto/$dir"/*.proto)
done
for moddir_out in "$TMP"/go/github.com/clearchain/clearchain/chain/x/*/types; do
  module="$(basename "$(dirname "$moddir_out")")"
  dest="chain/x/$module/types"
  mkdir -p "$dest"
  rm -f "$dest"/*.pb.go "$dest"/*.pb.gw.go
  cp "$moddir_out"/*.go "$dest"/
done

echo "==> OpenAPI (protoc-gen-openapiv2)"
# The SDK services whose REST routes chain/app RegisterAPIRoutes registers (x/auth/tx, cmtservice, node and every
# module of app.BasicModuleManager with a gateway): not authz, epochs, protocolpool, evidence, params, ... which
# the app does not have. chain/rest's test checks that the node routes every path of the document.
SDK_OPENAPI_PROTOS=(
  cosmos/auth/v1beta1/query.proto
  cosmos/bank/v1beta1/query.proto
  cosmos/base/node/v1beta1/query.proto
  cosmos/base/tendermint/v1beta1/query.proto
  cosmos/consensus/v1/query.proto
  cosmos/distribution/v1beta1/query.proto
  cosmos/feegrant/v1beta1/query.proto
  cosmos/gov/v1/query.proto
  cosmos/gov/v1beta1/query.proto
  cosmos/mint/v1beta1/query.proto
  cosmos/slashing/v1beta1/query.proto
  cosmos/staking/v1beta1/query.proto
  cosmos/tx/v1beta1/service.proto
  cosmos/upgrade/v1beta1/query.proto
)
mkdir -p "$TMP/openapi" docs/openapi
PATH="$TOOLS:$PATH" protoc "${INCLUDES[@]}" \
  --openapiv2_out="$TMP/openapi" \
  --openapiv2_opt=allow_merge=true,merge_file_name=clearchain,openapi_naming_strategy=fqn,json_names_for_fields=false,include_package_in_tags=true \
  $(find proto/clearchain -name '*.proto' | sort | sed "s#^#$ROOT/#") "${SDK_OPENAPI_PROTOS[@]}"
node scripts/openapi-merge.mjs "$TMP/openapi/clearchain.swagger.json" docs/openapi/openapi.json chain/rest/openapi.json

echo "==> TypeScript code (ts-proto)"
rm -rf client/src/generated
mkdir -p client/src/generated
protoc "${INCLUDES[@]}" \
  --plugin=protoc-gen-ts_proto="$TS_PLUGIN" \
  --ts_proto_out=client/src/generated \
  --ts_proto_opt=forceLong=bigint,esModuleInterop=true,useOptionals=messages,outputClientImpl=true,importSuffix=.js,useDate=false,env=both,outputServices=default \
  $(find proto/clearchain -name '*.proto' | sort | sed "s#^#$ROOT/#")
echo "==> done"
