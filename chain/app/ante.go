package app

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"

	circuitkeeper "github.com/clearchain/clearchain/chain/x/circuit/keeper"
	circuittypes "github.com/clearchain/clearchain/chain/x/circuit/types"
)

// circuitBreakerDecorator rejects a transaction that carries a message type disabled by governance,
// with the registered circuit.ErrMsgDisabled code, before fees or signatures are processed.
type circuitBreakerDecorator struct{ keeper *circuitkeeper.Keeper }

// AnteHandle implements sdk.AnteDecorator.
func (d circuitBreakerDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	for _, msg := range tx.GetMsgs() {
		typeURL := sdk.MsgTypeURL(msg)
		allowed, err := d.keeper.IsAllowed(ctx, typeURL)
		if err != nil {
			return ctx, err
		}
		if !allowed {
			return ctx, errorsmod.Wrapf(circuittypes.ErrMsgDisabled, "%s", typeURL)
		}
	}
	return next(ctx, tx, simulate)
}

// newAnteHandler chains the circuit breaker and the canonical-signature rule before the SDK's standard ante
// handler, which warms the order signature cache for new transactions (sigcache.go).
func newAnteHandler(opts ante.HandlerOptions, circuit *circuitkeeper.Keeper) (sdk.AnteHandler, error) {
	std, err := ante.NewAnteHandler(opts)
	if err != nil {
		return nil, err
	}
	installOrderSigCache()
	std = warmOrderSignatures(std) // sigcache.go
	cb := circuitBreakerDecorator{keeper: circuit}
	canonical := canonicalSignaturesDecorator{accounts: opts.AccountKeeper} // ante_signatures.go
	checked := func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) {
		return canonical.AnteHandle(ctx, tx, simulate, std)
	}
	return withInjectedVotesGate(func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) { // ante_injected.go
		return cb.AnteHandle(ctx, tx, simulate, checked)
	}), nil
}
