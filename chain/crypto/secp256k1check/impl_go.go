//go:build !libsecp256k1_sdk

package secp256k1check

// Impl is the secp256k1 verifier this binary links: the SDK's pure-Go default (decred dcrec/secp256k1), used
// when the build tag libsecp256k1_sdk is not set (no C compiler, CGO_ENABLED=0, or `make build GO_TAGS=`).
const Impl = "go"
