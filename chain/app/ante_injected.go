package app

import (
	errorsmod "cosmossdk.io/errors"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"

	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// injectedVotesDecorator gates the oracle transaction (MsgInjectedVotes). A transaction carrying that message is
// refused in CheckTx, ReCheckTx, simulation, PrepareProposal and ProcessProposal, and in FinalizeBlock anywhere but
// as transaction 0, with other messages, or with signatures: no account can send it. Transaction 0 of a block in
// FinalizeBlock (placed by the proposer, checked by ProcessProposal) skips the rest of the chain — no fee, no
// signature, no gas limit — so it executes with code 0. Every other transaction goes on to next unchanged.
type injectedVotesDecorator struct{}

// AnteHandle implements sdk.AnteDecorator.
func (injectedVotesDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	msgs := tx.GetMsgs()
	n := oracletypes.CountInjectedVotes(msgs)
	if n == 0 {
		return next(ctx, tx, simulate)
	}
	switch {
	case simulate || ctx.IsCheckTx() || ctx.IsReCheckTx() || ctx.ExecMode() != sdk.ExecModeFinalize:
		return ctx, errorsmod.Wrap(oracletypes.ErrInjectedTxRefused, "only a block proposer places it, as the block's first transaction")
	case ctx.TxIndex() != 0:
		return ctx, errorsmod.Wrapf(oracletypes.ErrInjectedTxRefused, "transaction %d of the block; only transaction 0 may carry it", ctx.TxIndex())
	case n != 1 || len(msgs) != 1:
		return ctx, errorsmod.Wrap(oracletypes.ErrInjectedTxRefused, "it must be the transaction's only message")
	}
	if sigTx, ok := tx.(authsigning.SigVerifiableTx); ok {
		sigs, err := sigTx.GetSignaturesV2()
		if err != nil || len(sigs) != 0 {
			return ctx, errorsmod.Wrap(oracletypes.ErrInjectedTxRefused, "it carries no signatures")
		}
	}
	return ctx.WithGasMeter(unlimitedZeroLimitGasMeter{storetypes.NewInfiniteGasMeter()}), nil
}

// unlimitedZeroLimitGasMeter is an infinite gas meter that reports a limit of 0, so the oracle transaction's
// gas_wanted reads 0 (the tx asks for none) instead of the infinite meter's MaxUint64.
type unlimitedZeroLimitGasMeter struct{ storetypes.GasMeter }

// Limit reports no gas requested.
func (unlimitedZeroLimitGasMeter) Limit() storetypes.Gas { return 0 }

// withInjectedVotesGate runs injectedVotesDecorator before the given ante handler.
func withInjectedVotesGate(next sdk.AnteHandler) sdk.AnteHandler {
	gate := injectedVotesDecorator{}
	return func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) {
		return gate.AnteHandle(ctx, tx, simulate, next)
	}
}
