package app

import (
	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/crypto/keys/multisig"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"

	"github.com/clearchain/clearchain/chain/crypto/secp256k1check"
)

// canonicalSignaturesDecorator rejects a transaction carrying a secp256k1 signature whose r or s is not in 1..N−1,
// single or inside a multisig, before the SDK verifies signatures. The SDK's pure-Go verifier reduces such an r or
// s modulo N while the cgo libsecp256k1 verifier (the default build when a C compiler works) rejects it, so
// without this rule validators built either way could disagree on a crafted signature. Honest signers always
// produce canonical signatures, so nothing valid is refused. Simulation carries no real signatures and is skipped.
type canonicalSignaturesDecorator struct{ accounts ante.AccountKeeper }

// AnteHandle implements sdk.AnteDecorator.
func (d canonicalSignaturesDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	sigTx, ok := tx.(authsigning.Tx)
	if simulate || !ok {
		return next(ctx, tx, simulate) // the SDK's handler rejects a tx that is not a signing.Tx
	}
	sigs, err := sigTx.GetSignaturesV2()
	if err != nil {
		return next(ctx, tx, simulate) // reported by the SDK's handler
	}
	signers, err := sigTx.GetSigners()
	if err != nil {
		return next(ctx, tx, simulate)
	}
	for i, sig := range sigs {
		pub := sig.PubKey
		if pub == nil && i < len(signers) {
			if acc := d.accounts.GetAccount(ctx, signers[i]); acc != nil {
				pub = acc.GetPubKey()
			}
		}
		if !canonicalSignatureData(pub, sig.Data) {
			return ctx, errorsmod.Wrap(sdkerrors.ErrUnauthorized, "secp256k1 signature r or s out of range")
		}
	}
	return next(ctx, tx, simulate)
}

// canonicalSignatureData reports whether every secp256k1 signature in data (under pub) has a canonical encoding;
// other key types, and keys not known yet (the SDK's handler rejects those), pass.
func canonicalSignatureData(pub cryptotypes.PubKey, data signing.SignatureData) bool {
	switch d := data.(type) {
	case *signing.SingleSignatureData:
		if _, ok := pub.(*secp256k1.PubKey); ok {
			return secp256k1check.CanonicalSignature(d.Signature)
		}
		return true
	case *signing.MultiSignatureData:
		mk, ok := pub.(*multisig.LegacyAminoPubKey)
		if !ok || d.BitArray == nil {
			return true // the SDK's handler rejects a mismatched multisig
		}
		keys := mk.GetPubKeys()
		next := 0
		for k := 0; k < len(keys) && k < d.BitArray.Count() && next < len(d.Signatures); k++ {
			if !d.BitArray.GetIndex(k) {
				continue
			}
			if !canonicalSignatureData(keys[k], d.Signatures[next]) {
				return false
			}
			next++
		}
		return true
	default:
		return true
	}
}
