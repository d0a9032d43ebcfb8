package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// Regression (found by the full-app simulation, chain/app/sim_full_test.go): a waterfall liquidation of a
// subaccount with unsettled funding settled that funding into the funding pool twice (loadVictim settled it in
// memory and stored only the pool, then the close loaded the victim again), so the module owed more than it held.
func TestWaterfallSettlesPendingFundingOnce(t *testing.T) {
	f, alice, _, _ := liquidationSetup(t, 50_000_000_000)
	st, err := f.k.MarketStates.Get(f.ctx, 1)
	require.NoError(t, err)
	st.FundingIndex = st.FundingIndex.Add(math.NewInt(100_000_000_000_000)) // alice (long) owes 100 USDC
	require.NoError(t, f.k.MarketStates.Set(f.ctx, 1, st))
	f.requireAllInvariants(t)
	moveOracle(t, f, 55_500_000_000)
	require.True(t, liquidatable(t, f, alice))
	require.NoError(t, f.k.EndBlock(f.ctx))
	require.Empty(t, subaccount(t, f, alice, 0).Positions, "the backstop took the position")
	f.requireAllInvariants(t)
}

// Regression (found by the full-app simulation): a liquidation closes at the fillable price, which is not on the
// market's tick, and each side's cash flow is rounded against it, so one base unit per close belonged to nobody
// and the collateral-backed invariant broke. The dust now goes to the insurance fund.
func TestOffTickLiquidationKeepsCollateralBacked(t *testing.T) {
	f, alice, _, carol := liquidationSetup(t, 0)
	moveOracle(t, f, 57_000_123_457) // the fillable price ⌈q × 0.995⌉ is off the $1 tick
	require.True(t, liquidatable(t, f, alice))
	_, err := liquidateMsg(f, carol, alice, 30_000) // three steps: 0.0003 BTC × an off-tick price is fractional
	require.NoError(t, err)
	f.requireAllInvariants(t)
}

// Regression (found by the full-app simulation's import/export check): governance could lower
// max_subaccounts_per_owner below what an owner held, and the chain's export then failed genesis validation.
func TestMaxSubaccountsCannotDropBelowHoldings(t *testing.T) {
	f := newFixture(t)
	owner := newTrader(9)
	f.fund(owner.addr, usdc(3_000_000))
	for n := uint32(0); n < 3; n++ {
		require.NoError(t, deposit(f, owner.addr, n, usdc(1_000_000)))
	}
	params, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	params.MaxSubaccountsPerOwner = 2
	_, err = f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: params})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	params.MaxSubaccountsPerOwner = 3
	_, err = f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: params})
	require.NoError(t, err)
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate(), "the export stays importable")
}
