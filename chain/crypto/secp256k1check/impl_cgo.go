//go:build libsecp256k1_sdk

package secp256k1check

// Impl is the secp256k1 verifier this binary links: the SDK's cgo wrapper of bitcoin-core libsecp256k1
// (build tag libsecp256k1_sdk, chosen by `make` when a C compiler works).
const Impl = "libsecp256k1"
