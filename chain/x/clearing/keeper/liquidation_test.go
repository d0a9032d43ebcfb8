package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// liquidationSetup: alice (4,500 USDC) is long 1 BTC from 60,000 against bob (10,000 USDC) short; carol (a
// liquidator) holds 20,000 USDC; the insurance fund holds fund uusdc.
func liquidationSetup(t *testing.T, fund int64) (*fixture, trader, trader, trader) {
	f := newFixture(t)
	alice, bob, carol := newTrader(1), newTrader(2), newTrader(3)
	for _, c := range []struct {
		tr  trader
		amt int64
	}{{alice, 4_500_000_000}, {bob, 10_000_000_000}, {carol, 20_000_000_000}} {
		f.fund(c.tr.addr, usdc(c.amt))
		require.NoError(t, deposit(f, c.tr.addr, 0, usdc(c.amt)))
	}
	if fund > 0 {
		seedInsurance(t, f, fund)
	}
	res := submit(t, f, fill(bob, bob.order(0, types.SIDE_SELL, oneBTC, btc60k, 1), alice, alice.order(0, types.SIDE_BUY, oneBTC, btc60k, 1), oneBTC, btc60k))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	return f, alice, bob, carol
}

// seedInsurance credits the insurance fund and the module account's balance together (the invariant holds).
func seedInsurance(t *testing.T, f *fixture, amt int64) {
	ins, err := f.k.InsuranceFund.Get(f.ctx)
	require.NoError(t, err)
	require.NoError(t, f.k.InsuranceFund.Set(f.ctx, ins.Add(math.NewInt(amt))))
	f.fund(authtypes.NewModuleAddress(types.ModuleName), usdc(amt))
}

// moveOracle sets BTC's oracle price and runs the block's sweep.
func moveOracle(t *testing.T, f *fixture, price uint64) {
	f.oracle.prices[1] = price
	f.ctx = f.ctx.WithBlockHeight(f.ctx.BlockHeight() + 1)
	require.NoError(t, f.k.Sweep(f.ctx))
}

func liquidatable(t *testing.T, f *fixture, tr trader) bool {
	ok, err := f.k.IsLiquidatable(f.ctx, collections.Join(tr.addr, uint32(0)))
	require.NoError(t, err)
	return ok
}

func requirementsOf(t *testing.T, f *fixture, tr trader) margin.Requirements {
	h, err := f.k.Health(f.ctx, subaccount(t, f, tr, 0))
	require.NoError(t, err)
	return margin.Requirements{Equity: h.Equity, InitialMargin: h.InitialMargin, MaintenanceMargin: h.MaintenanceMargin}
}

func liquidateMsg(f *fixture, liquidator trader, target trader, size uint64) (*types.MsgLiquidateResponse, error) {
	return f.msgs.Liquidate(f.ctx, &types.MsgLiquidate{Liquidator: liquidator.addr.String(), Owner: target.addr.String(), MarketId: 1, Size_: size})
}

func TestLiquidatorTakesOverPartiallyAtTheFillablePrice(t *testing.T) {
	f, alice, bob, carol := liquidationSetup(t, 0)
	moveOracle(t, f, 57_000_000_000) // alice: equity ≈ 1,488 < MM 1,710
	require.True(t, liquidatable(t, f, alice))
	require.False(t, liquidatable(t, f, bob))

	// A healthy target is refused with its code and nothing changes.
	before := f.snapshot(t)
	_, err := liquidateMsg(f, carol, bob, oneBTC)
	require.ErrorIs(t, err, types.ErrNotLiquidatable)
	require.Equal(t, before, f.snapshot(t))

	insuranceBefore, err := f.k.InsuranceFund.Get(f.ctx)
	require.NoError(t, err)
	res, err := liquidateMsg(f, carol, alice, oneBTC)
	require.NoError(t, err)
	require.Less(t, res.Size_, oneBTC, "only what restores MM × 1.1 is closed")
	require.Equal(t, uint64(56_715_000_000), res.Price, "oracle − 0.5% (above the bankruptcy price)")
	require.True(t, res.Fee.IsPositive())
	insuranceAfter, err := f.k.InsuranceFund.Get(f.ctx)
	require.NoError(t, err)
	require.Equal(t, insuranceBefore.Add(res.Fee).String(), insuranceAfter.String(), "the fee goes to the insurance fund")

	r := requirementsOf(t, f, alice)
	require.True(t, r.Equity.GTE(r.MaintenanceMargin), "alice is back above MM: %s vs %s", r.Equity, r.MaintenanceMargin)
	require.False(t, liquidatable(t, f, alice))
	require.Equal(t, int64(res.Size_), subaccount(t, f, carol, 0).Positions[0].Size_.Int64(), "carol took the long over")
	f.requireAllInvariants(t)
	// Once healthy, further liquidation is refused.
	_, err = liquidateMsg(f, carol, alice, oneBTC)
	require.ErrorIs(t, err, types.ErrNotLiquidatable)
}

func TestLiquidatorNeedsInitialMargin(t *testing.T) {
	f, alice, _, _ := liquidationSetup(t, 0)
	poor := newTrader(9)
	f.fund(poor.addr, usdc(10_000_000))
	require.NoError(t, deposit(f, poor.addr, 0, usdc(10_000_000))) // 10 USDC
	moveOracle(t, f, 57_000_000_000)
	before := f.snapshot(t)
	_, err := liquidateMsg(f, poor, alice, oneBTC)
	require.ErrorIs(t, err, types.ErrInsufficientMargin)
	require.Equal(t, before, f.snapshot(t))
}

func TestBackstopTakesWhatNoLiquidatorTookAndTheFundPaysBadDebt(t *testing.T) {
	f, alice, _, _ := liquidationSetup(t, 50_000_000_000)
	moveOracle(t, f, 55_000_000_000) // alice: equity ≈ −500: bankrupt
	require.True(t, liquidatable(t, f, alice))
	insuranceBefore, err := f.k.InsuranceFund.Get(f.ctx)
	require.NoError(t, err)
	require.NoError(t, f.k.EndBlock(f.ctx))
	sa := subaccount(t, f, alice, 0)
	require.Empty(t, sa.Positions, "the backstop took the whole position")
	require.True(t, sa.Collateral.IsZero(), "the debt was paid: %s", sa.Collateral)
	backstop, err := f.k.GetSubaccount(f.ctx, keeper.BackstopAddress(), 0)
	require.NoError(t, err)
	require.Len(t, backstop.Positions, 1)
	require.Equal(t, int64(oneBTC), backstop.Positions[0].Size_.Int64())
	insuranceAfter, err := f.k.InsuranceFund.Get(f.ctx)
	require.NoError(t, err)
	require.True(t, insuranceAfter.LT(insuranceBefore), "the fund paid the debt and margined the backstop")
	f.requireAllInvariants(t)
	require.False(t, liquidatable(t, f, alice))
}

func TestBackstopRespectsItsLeverageCap(t *testing.T) {
	// 10,000 USDC cannot margin a 55,000 USDC position at 3x: the backstop refuses and ADL closes it instead.
	f, alice, bob, _ := liquidationSetup(t, 10_000_000_000)
	moveOracle(t, f, 55_000_000_000)
	require.NoError(t, f.k.EndBlock(f.ctx))
	backstop, err := f.k.GetSubaccount(f.ctx, keeper.BackstopAddress(), 0)
	require.NoError(t, err)
	require.Empty(t, backstop.Positions)
	require.Empty(t, subaccount(t, f, alice, 0).Positions)
	require.Empty(t, subaccount(t, f, bob, 0).Positions, "bob, the only opposite position in profit, was deleveraged")
	f.requireAllInvariants(t)
}

func TestADLClosesTheMostProfitableOppositePositionWhenTheFundIsEmpty(t *testing.T) {
	f, alice, bob, carol := liquidationSetup(t, 0)
	// dave is short too, at a worse entry (less profit, less leverage): ranked after bob.
	dave := newTrader(4)
	f.fund(dave.addr, usdc(50_000_000_000))
	require.NoError(t, deposit(f, dave.addr, 0, usdc(50_000_000_000)))
	res := submit(t, f, fill(dave, dave.order(0, types.SIDE_SELL, oneBTC, 58_000_000_000, 2), carol, carol.order(0, types.SIDE_BUY, oneBTC, 58_000_000_000, 2), 50_000_000, 58_000_000_000))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	f.oracle.prices[1] = 58_000_000_000
	moveOracle(t, f, 55_000_000_000)
	require.True(t, liquidatable(t, f, alice))
	bobBefore := subaccount(t, f, bob, 0)
	daveBefore := subaccount(t, f, dave, 0)
	flat := newTrader(5)
	f.fund(flat.addr, usdc(1_000_000))
	require.NoError(t, deposit(f, flat.addr, 0, usdc(1_000_000)))
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	require.NoError(t, f.k.EndBlock(f.ctx))
	require.Empty(t, subaccount(t, f, alice, 0).Positions)
	require.False(t, subaccount(t, f, alice, 0).Collateral.IsNegative())
	require.Empty(t, subaccount(t, f, bob, 0).Positions, "bob (highest ADL score) closed first")
	require.True(t, subaccount(t, f, bob, 0).Collateral.GT(bobBefore.Collateral), "bob keeps a profit")
	require.Equal(t, daveBefore.Positions, subaccount(t, f, dave, 0).Positions, "dave untouched: bob absorbed it all")
	require.Equal(t, "1000000", subaccount(t, f, flat, 0).Collateral.String(), "a flat account never loses anything")
	found := false
	for _, ev := range f.ctx.EventManager().Events() {
		found = found || ev.Type == "clearchain.clearing.v1.EventDeleverage"
	}
	require.True(t, found)
	f.requireAllInvariants(t)
}

func TestLiquidationCapsDeferToTheNextBlock(t *testing.T) {
	f, alice, bob, carol := liquidationSetup(t, 100_000_000_000)
	// A second liquidatable account: carol long from 60,000 with little margin.
	erin := newTrader(6)
	f.fund(erin.addr, usdc(4_500_000_000))
	require.NoError(t, deposit(f, erin.addr, 0, usdc(4_500_000_000)))
	res := submit(t, f, fill(carol, carol.order(0, types.SIDE_SELL, oneBTC, btc60k, 3), erin, erin.order(0, types.SIDE_BUY, oneBTC, btc60k, 3), oneBTC, btc60k))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	p := types.DefaultParams()
	p.MaxLiquidationsPerBlock = 1
	require.NoError(t, f.k.UpdateParams(f.ctx, p))
	moveOracle(t, f, 56_000_000_000)
	require.True(t, liquidatable(t, f, alice))
	require.True(t, liquidatable(t, f, erin))
	require.NoError(t, f.k.EndBlock(f.ctx))
	queue, err := f.k.DeferredKeys(f.ctx)
	require.NoError(t, err)
	require.Len(t, queue, 1, "one account processed, one deferred")
	moveOracle(t, f, 56_000_000_000)
	require.NoError(t, f.k.EndBlock(f.ctx))
	require.False(t, liquidatable(t, f, alice))
	require.False(t, liquidatable(t, f, erin))
	_ = bob
	f.requireAllInvariants(t)
}

func TestInsuranceFundAndAdlRankQueries(t *testing.T) {
	f, alice, bob, carol := liquidationSetup(t, 0)
	moveOracle(t, f, 57_000_000_000)
	res, err := liquidateMsg(f, carol, alice, oneBTC)
	require.NoError(t, err)
	require.NoError(t, f.k.EndBlock(f.ctx))
	q, err := f.queries.InsuranceFund(f.ctx, &types.QueryInsuranceFundRequest{})
	require.NoError(t, err)
	require.True(t, q.Balance.GTE(res.Fee))
	require.NotEmpty(t, q.RecentFlows)
	reasons := map[string]bool{}
	for _, fl := range q.RecentFlows {
		reasons[fl.Reason] = true
	}
	require.True(t, reasons["liquidation_fee"], "%v", q.RecentFlows)
	require.True(t, reasons["trading_fees"], "%v", q.RecentFlows)
	require.Equal(t, keeper.BackstopAddress().String(), q.Backstop.Owner)

	rank, err := f.queries.AdlRank(f.ctx, &types.QueryAdlRankRequest{Owner: bob.addr.String(), Number: 0, MarketId: 1})
	require.NoError(t, err)
	require.True(t, rank.Eligible, "bob's short is in profit")
	require.Equal(t, uint32(1), rank.Rank)
	rank, err = f.queries.AdlRank(f.ctx, &types.QueryAdlRankRequest{Owner: carol.addr.String(), Number: 0, MarketId: 1})
	require.NoError(t, err)
	require.True(t, rank.Eligible, "carol bought below the oracle")
	require.Equal(t, uint32(1), rank.Rank, "carol leads the longs (alice's remaining long is at a loss)")
	_, err = f.queries.AdlRank(f.ctx, &types.QueryAdlRankRequest{Owner: bob.addr.String(), Number: 0, MarketId: 2})
	require.Error(t, err, "no ETH position")
}
