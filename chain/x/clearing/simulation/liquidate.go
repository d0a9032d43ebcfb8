package simulation

import (
	"math/rand"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// liquidationMsg builds a MsgLiquidate of target's position in a random held market by liquidator, for a random
// size (sometimes more than the closing size, which the keeper caps).
func liquidationMsg(r *rand.Rand, liquidator types.Subaccount, target types.Subaccount) *types.MsgLiquidate {
	msg := &types.MsgLiquidate{Liquidator: liquidator.Owner, LiquidatorSubaccountNumber: liquidator.Number,
		Owner: target.Owner, SubaccountNumber: target.Number, MarketId: 1, Size_: uint64(1 + r.Intn(1_000_000_000))}
	if len(target.Positions) > 0 {
		p := target.Positions[r.Intn(len(target.Positions))]
		msg.MarketId = p.MarketId
		if abs := p.Size_.Abs(); abs.IsUint64() && abs.Uint64() > 0 && r.Intn(2) == 0 {
			msg.Size_ = abs.Uint64()
		}
	}
	return msg
}

// SimulateMsgLiquidate has a funded simulation account try to take over a position: of a subaccount in the
// Liquidatable set when there is one, else of a random subaccount with positions (which must be refused with
// ErrNotLiquidatable). Operations run after the block's EndBlock, where the waterfall has already handled what
// the sweep found, so most real takeovers happen in the in-block liquidator (LiquidationRound).
func SimulateMsgLiquidate(k *keeper.Keeper, d *Deps, txCfg client.TxConfig) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		name := sdk.MsgTypeURL(&types.MsgLiquidate{})
		subs := simSubaccounts(ctx, k, accs)
		var funded, withPositions []subaccountRef
		for _, s := range subs {
			if s.sa.Collateral.IsPositive() {
				funded = append(funded, s)
			}
			if len(s.sa.Positions) > 0 {
				withPositions = append(withPositions, s)
			}
		}
		if len(funded) == 0 {
			return simtypes.NoOpMsg(types.ModuleName, name, "no funded liquidator"), nil, nil
		}
		var target types.Subaccount
		if keys, err := k.LiquidatableKeys(ctx); err == nil && len(keys) > 0 {
			key := keys[r.Intn(len(keys))]
			sa, err := k.Subaccounts.Get(ctx, key)
			if err != nil {
				return simtypes.NoOpMsg(types.ModuleName, name, "liquidatable subaccount gone"), nil, nil
			}
			target = sa
		} else if len(withPositions) > 0 {
			target = withPositions[r.Intn(len(withPositions))].sa
		} else {
			return simtypes.NoOpMsg(types.ModuleName, name, "no positions"), nil, nil
		}
		liq := funded[r.Intn(len(funded))]
		op, _, err := d.deliver(r, app, txCfg, ctx, chainID, liq.acc, liquidationMsg(r, liq.sa, target))
		return op, nil, err
	}
}

// LiquidationRound is the simulation's permissionless liquidator. Run it in the block after the sweep (the
// app's PreBlocker) and before EndBlock's waterfall: for every subaccount in the Liquidatable set, with
// probability 1/2, the best-funded other subaccount delivers a MsgLiquidate through the message router, as a
// liquidator's transaction early in the block would. A panic fails the simulation.
func (d *Deps) LiquidationRound(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, k *keeper.Keeper) error {
	keys, err := k.LiquidatableKeys(ctx)
	if err != nil || len(keys) == 0 {
		return nil
	}
	d.Counters.LiquidatableSeen += len(keys)
	var best types.Subaccount
	_ = k.Subaccounts.Walk(ctx, nil, func(_ keeper.SubaccountKey, sa types.Subaccount) (bool, error) {
		if len(sa.Positions) == 0 && sa.IsolatedMarketId == 0 && (best.Collateral.IsNil() || sa.Collateral.GT(best.Collateral)) {
			best = sa
		}
		return false, nil
	})
	if best.Collateral.IsNil() || !best.Collateral.IsPositive() {
		return nil
	}
	for _, key := range keys {
		if r.Intn(2) == 0 {
			continue
		}
		target, err := k.Subaccounts.Get(ctx, key)
		if err != nil || (target.Owner == best.Owner && target.Number == best.Number) {
			continue
		}
		op, err := d.ExecAuthority(app, ctx, liquidationMsg(r, best, target))
		if err != nil {
			return err
		}
		if op.OK {
			d.Counters.InBlockLiquidations++
		} else {
			d.Counters.InBlockLiquidationsFailed++
		}
	}
	return nil
}
