package app

import (
	"math/big"
	"testing"

	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	kmultisig "github.com/cosmos/cosmos-sdk/crypto/keys/multisig"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	"github.com/cosmos/cosmos-sdk/crypto/types/multisig"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	"github.com/stretchr/testify/require"
)

// secp256k1N is the group order; N + 1 is the out-of-range encoding of s = 1 that only the pure-Go verifier reduces.
var secp256k1N, _ = new(big.Int).SetString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16)

func rsSig(r, s *big.Int) []byte {
	return append(r.FillBytes(make([]byte, 32)), s.FillBytes(make([]byte, 32))...)
}

// TestCanonicalSignatureData: out-of-range secp256k1 signatures are refused, alone or inside a multisig; other
// key types are left to the SDK.
func TestCanonicalSignatureData(t *testing.T) {
	k1, k2 := secp256k1.GenPrivKeyFromSecret([]byte("canon-1")), secp256k1.GenPrivKeyFromSecret([]byte("canon-2"))
	good, err := k1.Sign([]byte("msg"))
	require.NoError(t, err)
	r := new(big.Int).SetBytes(good[:32])
	outOfRange := rsSig(r, new(big.Int).Add(secp256k1N, big.NewInt(1)))
	single := func(sig []byte) signing.SignatureData {
		return &signing.SingleSignatureData{SignMode: signing.SignMode_SIGN_MODE_DIRECT, Signature: sig}
	}

	require.True(t, canonicalSignatureData(k1.PubKey(), single(good)))
	require.False(t, canonicalSignatureData(k1.PubKey(), single(outOfRange)))
	require.False(t, canonicalSignatureData(k1.PubKey(), single(rsSig(big.NewInt(0), big.NewInt(1)))), "r = 0")
	require.True(t, canonicalSignatureData(ed25519.GenPrivKey().PubKey(), single(outOfRange)), "not a secp256k1 key: the SDK decides")

	mk := kmultisig.NewLegacyAminoPubKey(2, []cryptotypes.PubKey{k1.PubKey(), k2.PubKey()})
	multi := func(a, b []byte) signing.SignatureData {
		data := multisig.NewMultisig(2)
		require.NoError(t, multisig.AddSignatureFromPubKey(data, single(a), k1.PubKey(), mk.GetPubKeys()))
		require.NoError(t, multisig.AddSignatureFromPubKey(data, single(b), k2.PubKey(), mk.GetPubKeys()))
		return data
	}
	require.True(t, canonicalSignatureData(mk, multi(good, good)))
	require.False(t, canonicalSignatureData(mk, multi(good, outOfRange)), "an out-of-range member signature")
}
