// Package secp256k1check names the secp256k1 verifier a build links (Impl) and holds the consensus vectors
// (vectors_test.go) that both verifiers must answer identically: the SDK's pure-Go default and its cgo wrapper of
// libsecp256k1 (build tag libsecp256k1_sdk, which `make` sets when a C compiler works; scripts/lib/go-tags.sh).
package secp256k1check
