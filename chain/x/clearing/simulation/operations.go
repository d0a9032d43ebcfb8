package simulation

import (
	"math/rand"

	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// Operation weights, relative to each other and to the SDK modules' operations (about 100 each, some 20 of them):
// the clearing messages make up about half of a block.
const (
	WeightDeposit      = 300
	WeightWithdraw     = 100
	WeightTransfer     = 80
	WeightSetIsolated  = 30
	WeightSubmitTrades = 700
	WeightCancelOrders = 60
	WeightLiquidate    = 40
	WeightUpdateParams = 10
	WeightUpdateMarket = 25
	WeightCreateMarket = 6
)

// WeightedOperations returns a random operation for every clearing message: deposits, withdrawals, transfers,
// isolation, signed trades from random venues, cancellations, liquidations, and governance parameter and market
// changes executed by the authority.
func WeightedOperations(simState module.SimulationState, k *keeper.Keeper, d *Deps) []simtypes.WeightedOperation {
	txCfg := simState.TxConfig
	return []simtypes.WeightedOperation{
		simulation.NewWeightedOperation(WeightDeposit, SimulateMsgDeposit(k, d, txCfg)),
		simulation.NewWeightedOperation(WeightWithdraw, SimulateMsgWithdraw(k, d, txCfg)),
		simulation.NewWeightedOperation(WeightTransfer, SimulateMsgTransfer(k, d, txCfg)),
		simulation.NewWeightedOperation(WeightSetIsolated, SimulateMsgSetIsolated(k, d, txCfg)),
		simulation.NewWeightedOperation(WeightSubmitTrades, SimulateMsgSubmitTrades(k, d, txCfg)),
		simulation.NewWeightedOperation(WeightCancelOrders, SimulateMsgCancelOrders(k, d, txCfg)),
		simulation.NewWeightedOperation(WeightLiquidate, SimulateMsgLiquidate(k, d, txCfg)),
		simulation.NewWeightedOperation(WeightUpdateParams, SimulateMsgUpdateParams(k, d)),
		simulation.NewWeightedOperation(WeightUpdateMarket, SimulateMsgUpdateMarket(k, d)),
		simulation.NewWeightedOperation(WeightCreateMarket, SimulateMsgCreateMarket(k, d)),
	}
}

// collateralDenom returns the params' collateral denom.
func collateralDenom(ctx sdk.Context, k *keeper.Keeper) string {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return types.DefaultCollateralDenom
	}
	return p.CollateralDenom
}

// randomFraction returns a random amount in 1..max (max > 0), biased toward small amounts; one in twenty is
// max + 1 (over the limit, which the chain must refuse).
func randomFraction(r *rand.Rand, maxAmt math.Int) math.Int {
	if r.Intn(20) == 0 {
		return maxAmt.AddRaw(1)
	}
	div := int64(1 + r.Intn(10))
	amt := maxAmt.QuoRaw(div)
	if amt.IsPositive() {
		amt, _ = simtypes.RandPositiveInt(r, amt)
	}
	if !amt.IsPositive() {
		return math.OneInt()
	}
	return amt
}

// SimulateMsgDeposit deposits part of a random account's collateral balance into one of its first subaccounts.
func SimulateMsgDeposit(k *keeper.Keeper, d *Deps, txCfg client.TxConfig) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		name := sdk.MsgTypeURL(&types.MsgDeposit{})
		acc, _ := simtypes.RandomAcc(r, accs)
		denom := collateralDenom(ctx, k)
		bal := d.BK.GetBalance(ctx, acc.Address, denom)
		if !bal.Amount.IsPositive() {
			return simtypes.NoOpMsg(types.ModuleName, name, "no collateral balance"), nil, nil
		}
		msg := &types.MsgDeposit{Sender: acc.Address.String(), SubaccountNumber: uint32(r.Intn(4)),
			Amount: sdk.NewCoin(denom, randomFraction(r, bal.Amount))}
		res, _, err := d.deliver(r, app, txCfg, ctx, chainID, acc, msg)
		return res, nil, err
	}
}

// SimulateMsgWithdraw withdraws part of a random subaccount's collateral (with positions, the margin rule decides).
func SimulateMsgWithdraw(k *keeper.Keeper, d *Deps, txCfg client.TxConfig) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		name := sdk.MsgTypeURL(&types.MsgWithdraw{})
		subs := simSubaccounts(ctx, k, accs)
		if len(subs) == 0 {
			return simtypes.NoOpMsg(types.ModuleName, name, "no subaccounts"), nil, nil
		}
		s := subs[r.Intn(len(subs))]
		if !s.sa.Collateral.IsPositive() {
			return simtypes.NoOpMsg(types.ModuleName, name, "no collateral"), nil, nil
		}
		msg := &types.MsgWithdraw{Sender: s.sa.Owner, SubaccountNumber: s.sa.Number,
			Amount: sdk.NewCoin(collateralDenom(ctx, k), randomFraction(r, s.sa.Collateral))}
		if r.Intn(4) == 0 {
			other, _ := simtypes.RandomAcc(r, accs)
			msg.Recipient = other.Address.String()
		}
		res, _, err := d.deliver(r, app, txCfg, ctx, chainID, s.acc, msg)
		return res, nil, err
	}
}

// SimulateMsgTransfer moves part of a subaccount's collateral to another subaccount of the same owner.
func SimulateMsgTransfer(k *keeper.Keeper, d *Deps, txCfg client.TxConfig) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		name := sdk.MsgTypeURL(&types.MsgTransfer{})
		subs := simSubaccounts(ctx, k, accs)
		if len(subs) == 0 {
			return simtypes.NoOpMsg(types.ModuleName, name, "no subaccounts"), nil, nil
		}
		s := subs[r.Intn(len(subs))]
		if !s.sa.Collateral.IsPositive() {
			return simtypes.NoOpMsg(types.ModuleName, name, "no collateral"), nil, nil
		}
		to := uint32(r.Intn(4))
		if to == s.sa.Number {
			to = (to + 1) % 4
		}
		msg := &types.MsgTransfer{Sender: s.sa.Owner, FromNumber: s.sa.Number, ToNumber: to,
			Amount: sdk.NewCoin(collateralDenom(ctx, k), randomFraction(r, s.sa.Collateral))}
		res, _, err := d.deliver(r, app, txCfg, ctx, chainID, s.acc, msg)
		return res, nil, err
	}
}

// SimulateMsgSetIsolated isolates a random subaccount to a random market (refused unless the subaccount is flat).
func SimulateMsgSetIsolated(k *keeper.Keeper, d *Deps, txCfg client.TxConfig) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		name := sdk.MsgTypeURL(&types.MsgSetIsolated{})
		subs := simSubaccounts(ctx, k, accs)
		ms := markets(ctx, k)
		if len(subs) == 0 || len(ms) == 0 {
			return simtypes.NoOpMsg(types.ModuleName, name, "no subaccounts or markets"), nil, nil
		}
		s := subs[r.Intn(len(subs))]
		marketID := ms[r.Intn(len(ms))].Id
		if r.Intn(3) == 0 {
			marketID = 0 // back to cross margin
		}
		msg := &types.MsgSetIsolated{Sender: s.sa.Owner, SubaccountNumber: s.sa.Number, MarketId: marketID}
		res, _, err := d.deliver(r, app, txCfg, ctx, chainID, s.acc, msg)
		return res, nil, err
	}
}
