package secp256k1check

import (
	"bytes"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
)

// curveOrder is the secp256k1 group order N, 32 bytes big-endian (SEC 2 §2.4.1).
var curveOrder = []byte{
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
	0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
}

// CanonicalSignature reports whether sig is a 64-byte r||s with 0 < r < N and 0 < s < N. The SDK's pure-Go
// verifier reduces an r or s ≥ N modulo N before verifying while libsecp256k1 rejects it; requiring the range
// first makes both builds answer every signature alike (vectors_test.go).
func CanonicalSignature(sig []byte) bool {
	if len(sig) != 64 {
		return false
	}
	return inRange(sig[:32]) && inRange(sig[32:])
}

// inRange reports whether the 32-byte big-endian v satisfies 0 < v < N.
func inRange(v []byte) bool {
	return bytes.Compare(v, curveOrder) < 0 && !bytes.Equal(v, make([]byte, 32))
}

// Verify verifies sig over msg under pub as the SDK does, after requiring a canonical encoding
// (CanonicalSignature): the same verdict whichever verifier the binary links.
func Verify(pub *secp256k1.PubKey, msg, sig []byte) bool {
	return CanonicalSignature(sig) && pub.VerifySignature(msg, sig)
}
