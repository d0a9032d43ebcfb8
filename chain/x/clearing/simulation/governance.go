package simulation

import (
	"fmt"
	"math/rand"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// randomParamsFrom changes a few of the current params to random valid values (order_height_offset, which
// governance cannot change, is kept).
func randomParamsFrom(r *rand.Rand, p types.Params) types.Params {
	switch r.Intn(6) {
	case 0:
		p.MaxFillsPerTx = uint32(1 + r.Intn(50))
	case 1:
		p.MaxPositionsPerSubaccount = uint32(1 + r.Intn(16))
	case 2:
		p.MaxUpnlWithdrawPpm = uint64(r.Intn(1_000_001))
	case 3:
		p.InsuranceFeeSharePpm = uint64(r.Intn(1_000_001))
	case 4:
		p.MaxSubaccountsPerOwner = uint32(1 + r.Intn(16))
	default:
		p.MaxOrderPrunesPerBlock = uint32(1 + r.Intn(5))
	}
	return p
}

// SimulateMsgUpdateParams changes a few clearing params by the governance authority.
func SimulateMsgUpdateParams(k *keeper.Keeper, d *Deps) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, _ []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		p, err := k.Params.Get(ctx)
		if err != nil {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgUpdateParams{}), "no params"), nil, err
		}
		op, err := d.ExecAuthority(app, ctx, &types.MsgUpdateParams{Authority: k.Authority(), Params: randomParamsFrom(r, p)})
		return op, nil, err
	}
}

// randomMarketChange changes one risk or status field of a market to a random value (mostly valid).
func randomMarketChange(r *rand.Rand, m types.Market) types.Market {
	switch r.Intn(7) {
	case 0:
		m.InitialMarginPpm = uint64(20_000 + r.Intn(200_001))
		if m.MaxImfPpm < m.InitialMarginPpm {
			m.MaxImfPpm = m.InitialMarginPpm
		}
	case 1:
		m.MaintenanceFractionPpm = uint64(300_000 + r.Intn(600_001))
	case 2:
		m.MakerFeePpm, m.TakerFeePpm = uint64(r.Intn(2_001)), uint64(r.Intn(5_001))
	case 3:
		m.FillPriceBandPpm = uint64(r.Intn(int(types.MaxFillPriceBandPpm) + 1))
	case 4:
		m.FundingIntervalBlocks, m.InterestRatePpm = uint64(1+r.Intn(20)), int64(r.Intn(201))-100
	case 5:
		m.Status = []types.MarketStatus{types.MARKET_STATUS_ACTIVE, types.MARKET_STATUS_ACTIVE, types.MARKET_STATUS_ACTIVE,
			types.MARKET_STATUS_REDUCE_ONLY, types.MARKET_STATUS_HALTED}[r.Intn(5)]
	default:
		m.TickSize *= 10 // changes the divisibility rule's outcome; may be refused
	}
	return m
}

// SimulateMsgUpdateMarket changes a random market by the governance authority (risk parameters, fees, band,
// funding, status).
func SimulateMsgUpdateMarket(k *keeper.Keeper, d *Deps) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, _ []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		ms := markets(ctx, k)
		if len(ms) == 0 {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgUpdateMarket{}), "no markets"), nil, nil
		}
		m := randomMarketChange(r, ms[r.Intn(len(ms))])
		op, err := d.ExecAuthority(app, ctx, &types.MsgUpdateMarket{Authority: k.Authority(), Market: m})
		return op, nil, err
	}
}

// SimulateMsgCreateMarket lists a new market on a random existing market's oracle pair, with a tick and step that
// satisfy the whole-collateral-unit rule for that pair's 6 decimals (other pairs' decimals may be refused).
func SimulateMsgCreateMarket(k *keeper.Keeper, d *Deps) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, _ []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		ms := markets(ctx, k)
		if len(ms) == 0 || len(ms) >= 12 {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgCreateMarket{}), "market count bound"), nil, nil
		}
		base := ms[r.Intn(len(ms))]
		tickExp := 2 + r.Intn(5)
		stepExp := max(0, 8-tickExp) + r.Intn(2)
		tick, step := uint64(1), uint64(1)
		for range tickExp {
			tick *= 10
		}
		for range stepExp {
			step *= 10
		}
		m := types.DefaultMarket(fmt.Sprintf("SIM%d-USD", r.Intn(1000)), base.PairId, 8, tick, step, uint64(50_000+r.Intn(100_001)))
		m.FundingIntervalBlocks = uint64(1 + r.Intn(20))
		op, err := d.ExecAuthority(app, ctx, &types.MsgCreateMarket{Authority: k.Authority(), Market: m})
		return op, nil, err
	}
}
