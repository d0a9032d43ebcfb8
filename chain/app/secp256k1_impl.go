package app

import "github.com/clearchain/clearchain/chain/crypto/secp256k1check"

// Secp256k1Impl names the secp256k1 signature verifier compiled into this binary: "libsecp256k1" (cgo, build tag
// libsecp256k1_sdk) or "go" (the SDK's pure-Go default). Both give the same verdicts (chain/crypto/secp256k1check).
// `clearchaind version --long` prints it as extra_info.secp256k1; the settlement benchmark as secp256k1_impl.
const Secp256k1Impl = secp256k1check.Impl
