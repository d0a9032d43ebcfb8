package keeper

import (
	"errors"

	errorsmod "cosmossdk.io/errors"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// GasPerFill is charged per fill on top of store access: two secp256k1 verifications at the ante handler's price.
const GasPerFill storetypes.Gas = 2 * 1000

// SubmitTrades settles a venue's fills. The whole message fails on too many fills or an unknown market;
// otherwise each fill is checked against the store and the batch without writing, failing fills are reported
// (response and EventFillRejected) while the others proceed, and the accepted fills' effects (subaccounts, order
// fill records, funding pool, market state, insurance fund, accrued fees) are stored once at the end (tradeBatch).
func (k *Keeper) SubmitTrades(ctx sdk.Context, submitter string, fills []types.Fill) (*types.MsgSubmitTradesResponse, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if uint32(len(fills)) > params.MaxFillsPerTx {
		return nil, errorsmod.Wrapf(types.ErrTooManyFills, "%d fills, limit %d", len(fills), params.MaxFillsPerTx)
	}
	known := map[uint32]bool{} // markets already found (a missing one fails the message at once)
	for i, f := range fills {
		for _, id := range []uint32{f.MakerOrder.MarketId, f.TakerOrder.MarketId} {
			if known[id] {
				continue
			}
			if _, err := k.GetMarket(ctx, id); err != nil {
				return nil, errorsmod.Wrapf(err, "fill %d", i)
			}
			known[id] = true
		}
	}
	ctx.GasMeter().ConsumeGas(GasPerFill*storetypes.Gas(len(fills)), "clearing fill signatures")
	prepared := prepareFills(fills)
	batch := newTradeBatch(ctx, params, len(prepared))
	res := &types.MsgSubmitTradesResponse{Results: make([]types.FillResult, 0, len(fills))}
	for i := range prepared {
		// SettleFill writes nothing: a rejected fill leaves store and batch as they were.
		effects, err := k.SettleFill(ctx, batch, submitter, uint32(i), &prepared[i])
		if err == nil {
			batch.apply(effects)
			ctx.EventManager().EmitEvent(effects.event)
			res.Settled++
			res.Results = append(res.Results, types.FillResult{Index: uint32(i), Success: true})
			continue
		}
		codespace, code, description := RegisteredError(err)
		res.Results = append(res.Results, types.FillResult{Index: uint32(i), Codespace: codespace, Code: code, Log: description})
		if err := ctx.EventManager().EmitTypedEvent(&types.EventFillRejected{Index: uint32(i), Codespace: codespace, Code: code, Reason: err.Error()}); err != nil {
			return nil, err
		}
	}
	if err := k.flush(ctx, batch); err != nil {
		return nil, err
	}
	return res, nil
}

// RegisteredError returns the codespace, code and registered description of err: text fixed by the error
// registry, identical on every honest binary, so it may enter consensus-hashed results. An unregistered error
// reports the SDK's internal code with the fixed text "internal error".
func RegisteredError(err error) (codespace string, code uint32, description string) {
	var reg *errorsmod.Error
	if errors.As(err, &reg) {
		return reg.Codespace(), reg.ABCICode(), reg.Error()
	}
	return errorsmod.UndefinedCodespace, 1, "internal error"
}
