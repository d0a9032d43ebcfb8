package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// adlSetup: two bankrupt longs (alice, erin: 4,500 USDC, 1 BTC from 60,000) against three shorts in profit at
// 55,000 — bob (1 BTC from 60,000 on 10,000 USDC: highest ADL score), frank (1 BTC from 60,000 on 50,000 USDC)
// and dave (0.5 BTC from 58,000 on 50,000 USDC: lowest) — with an empty insurance fund, so the backstop refuses
// and ADL closes both longs in one EndBlock.
func adlSetup(t *testing.T, params func(*types.Params)) (f *fixture, alice, erin, bob, frank, dave trader) {
	f, alice, bob, carol := liquidationSetup(t, 0)
	erin, frank, dave = newTrader(6), newTrader(7), newTrader(4)
	for _, c := range []struct {
		tr  trader
		amt int64
	}{{erin, 4_500_000_000}, {frank, 50_000_000_000}, {dave, 50_000_000_000}} {
		f.fund(c.tr.addr, usdc(c.amt))
		require.NoError(t, deposit(f, c.tr.addr, 0, usdc(c.amt)))
	}
	res := submit(t, f, fill(frank, frank.order(0, types.SIDE_SELL, oneBTC, btc60k, 5), erin, erin.order(0, types.SIDE_BUY, oneBTC, btc60k, 5), oneBTC, btc60k))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	f.oracle.prices[1] = 58_000_000_000
	res = submit(t, f, fill(dave, dave.order(0, types.SIDE_SELL, oneBTC, 58_000_000_000, 6), carol, carol.order(0, types.SIDE_BUY, oneBTC, 58_000_000_000, 6), 50_000_000, 58_000_000_000))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	if params != nil {
		p, err := f.k.Params.Get(f.ctx)
		require.NoError(t, err)
		params(&p)
		require.NoError(t, f.k.UpdateParams(f.ctx, p))
	}
	moveOracle(t, f, 55_000_000_000)
	require.True(t, liquidatable(t, f, alice))
	require.True(t, liquidatable(t, f, erin))
	return f, alice, erin, bob, frank, dave
}

// deleverageCounterparties lists the counterparties of the EventDeleverage events emitted, in order.
func deleverageCounterparties(t *testing.T, ctx sdk.Context) []string {
	var out []string
	for _, ev := range ctx.EventManager().ABCIEvents() {
		if ev.Type != "clearchain.clearing.v1.EventDeleverage" {
			continue
		}
		msg, err := sdk.ParseTypedEvent(ev)
		require.NoError(t, err)
		out = append(out, msg.(*types.EventDeleverage).Counterparty)
	}
	return out
}

func TestADLRankingServesSeveralBankruptAccountsInOneBlock(t *testing.T) {
	f, alice, erin, bob, frank, dave := adlSetup(t, nil)
	daveBefore := subaccount(t, f, dave, 0)
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	require.NoError(t, f.k.EndBlock(f.ctx))
	// The first victim takes all of bob (the best score); bob is then passed over and the second victim goes to the
	// next in the block's ranking, frank; dave (the lowest score) is not needed.
	require.Equal(t, []string{bob.addr.String(), frank.addr.String()}, deleverageCounterparties(t, f.ctx))
	for _, tr := range []trader{alice, erin, bob, frank} {
		require.Empty(t, subaccount(t, f, tr, 0).Positions, tr.addr.String())
		require.False(t, subaccount(t, f, tr, 0).Collateral.IsNegative())
	}
	require.Equal(t, daveBefore.Positions, subaccount(t, f, dave, 0).Positions, "dave untouched")
	queue, err := f.k.DeferredKeys(f.ctx)
	require.NoError(t, err)
	require.Empty(t, queue)
	f.requireAllInvariants(t)
}

func TestADLScanLimitBoundsEachPositionAndProgressContinuesNextBlock(t *testing.T) {
	// One candidate per position and one index entry per chunk: a position the first candidate cannot absorb is
	// deferred, and later blocks carry on until both longs are closed, touching only shorts in profit.
	f, alice, erin, _, _, _ := adlSetup(t, func(p *types.Params) { p.AdlScanLimit = 1 })
	var blocks int
	for blocks = 1; blocks <= 8; blocks++ {
		f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
		require.NoError(t, f.k.EndBlock(f.ctx))
		require.LessOrEqual(t, len(deleverageCounterparties(t, f.ctx)), 2, "at most one candidate per victim position")
		f.requireAllInvariants(t)
		if len(subaccount(t, f, alice, 0).Positions) == 0 && len(subaccount(t, f, erin, 0).Positions) == 0 {
			break
		}
		moveOracle(t, f, 55_000_000_000)
	}
	require.LessOrEqual(t, blocks, 8)
	require.Greater(t, blocks, 1, "one candidate each cannot close both longs in one block")
	require.Empty(t, subaccount(t, f, alice, 0).Positions)
	require.Empty(t, subaccount(t, f, erin, 0).Positions)
}

func TestWaterfallQueuesFreshAccountsOnceAndServesTheQueueFirst(t *testing.T) {
	// Cap 1: of two liquidatable accounts, the more underwater is processed and the other queued; an account that
	// turns liquidatable later is fresh and waits behind the queue.
	f, alice, bob, carol := liquidationSetup(t, 100_000_000_000)
	erin := newTrader(6)
	f.fund(erin.addr, usdc(4_800_000_000))
	require.NoError(t, deposit(f, erin.addr, 0, usdc(4_800_000_000)))
	res := submit(t, f, fill(carol, carol.order(0, types.SIDE_SELL, oneBTC, btc60k, 3), erin, erin.order(0, types.SIDE_BUY, oneBTC, btc60k, 3), oneBTC, btc60k))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	p, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	p.MaxLiquidationsPerBlock = 1
	require.NoError(t, f.k.UpdateParams(f.ctx, p))
	moveOracle(t, f, 56_000_000_000)
	require.True(t, liquidatable(t, f, alice))
	require.True(t, liquidatable(t, f, erin))
	fresh, err := f.k.FreshLiquidatableEntries(f.ctx)
	require.NoError(t, err)
	require.Len(t, fresh, 2)
	require.Equal(t, alice.addr.String(), fresh[0].Key.K1().String(), "alice (4,500 USDC) is more underwater than erin (4,800)")
	require.NoError(t, f.k.EndBlock(f.ctx))
	f.requireAllInvariants(t)
	queue, err := f.k.DeferredKeys(f.ctx)
	require.NoError(t, err)
	require.Len(t, queue, 1)
	require.Equal(t, erin.addr.String(), queue[0].K1().String(), "erin queued")
	fresh, err = f.k.FreshLiquidatableEntries(f.ctx)
	require.NoError(t, err)
	require.Empty(t, fresh, "nothing left to order: the queue holds the rest")
	_ = bob
	// Next block: erin (queued) goes first and leaves the queue.
	moveOracle(t, f, 56_000_000_000)
	require.NoError(t, f.k.EndBlock(f.ctx))
	f.requireAllInvariants(t)
	require.False(t, liquidatable(t, f, erin))
	queue, err = f.k.DeferredKeys(f.ctx)
	require.NoError(t, err)
	require.Empty(t, queue)
}

func TestBackstopBelowMaintenanceIsDeleveragedNotLeftToSink(t *testing.T) {
	// The backstop takes alice's long at 56,000; BTC then falls to 38,000 and the backstop's own equity drops below
	// its maintenance margin. Before, the backstop was skipped by the waterfall and kept sinking (its losses hidden
	// from the insurance-fund invariant); now its position is auto-deleveraged against bob's profitable short.
	f, alice, bob, _ := liquidationSetup(t, 100_000_000_000)
	moveOracle(t, f, 56_000_000_000)
	require.True(t, liquidatable(t, f, alice))
	require.NoError(t, f.k.EndBlock(f.ctx))
	backstop := trader{addr: keeper.BackstopAddress()}
	require.NotEmpty(t, subaccount(t, f, backstop, 0).Positions, "the backstop took over")
	for _, p := range []uint64{50_000_000_000, 45_000_000_000, 40_000_000_000, 38_000_000_000, 36_000_000_000} {
		moveOracle(t, f, p)
		f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
		require.NoError(t, f.k.EndBlock(f.ctx))
		f.requireAllInvariants(t)
		if len(subaccount(t, f, backstop, 0).Positions) == 0 {
			break
		}
	}
	require.Empty(t, subaccount(t, f, backstop, 0).Positions, "the backstop's long was deleveraged")
	var owners []string
	for _, ev := range f.ctx.EventManager().ABCIEvents() {
		if ev.Type == "clearchain.clearing.v1.EventDeleverage" {
			msg, err := sdk.ParseTypedEvent(ev)
			require.NoError(t, err)
			owners = append(owners, msg.(*types.EventDeleverage).Owner+">"+msg.(*types.EventDeleverage).Counterparty)
		}
	}
	require.Contains(t, owners, keeper.BackstopAddress().String()+">"+bob.addr.String())
	require.False(t, subaccount(t, f, backstop, 0).Collateral.IsNegative(), "the backstop never ends in debt")
	require.False(t, liquidatable(t, f, backstop))
}
