package keeper_test

import (
	"strconv"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// openPosition writes a subaccount long notional uusdc of market id at the current oracle price with collateral
// MM + buffer (buffer may be negative).
func (w *sweepWorld) openPosition(t *testing.T, owner sdk.AccAddress, number uint32, id uint32, notional int64, long bool, buffer int64) keeper.SubaccountKey {
	t.Helper()
	m := w.market(t, id)
	st, err := w.k.MarketStates.Get(w.ctx, id)
	require.NoError(t, err)
	sa := types.NewSubaccount(owner.String(), number)
	sa.Positions = []types.Position{positionAt(m, notional, long, w.oracle.prices[m.PairId], st.FundingIndex)}
	sa.Collateral = math.ZeroInt()
	req := w.requirements(t, sa)
	sa.Collateral = req.MaintenanceMargin.Sub(req.Equity).AddRaw(buffer)
	require.NoError(t, w.k.SetSubaccountForTest(w.ctx, owner, sa))
	return makeKey(owner, number)
}

// sweep runs one block's sweep and asserts it equals the full scan.
func (w *sweepWorld) sweep(t *testing.T) (types.EventSweep, []keeper.SubaccountKey) {
	t.Helper()
	w.newBlock()
	require.NoError(t, w.k.Sweep(w.ctx))
	set := w.requireExact(t, "after sweep", true)
	ev := lastSweepEvent(t, w.ctx)
	require.Equal(t, w.height, ev.Height)
	require.Equal(t, uint32(len(set)), ev.Liquidatable)
	return ev, set
}

// TestSweepCalmBlockWakesNothing: accounts with at least 1% of notional above MM are not evaluated in a block
// where every price moves by 0.05%; a −10% block wakes the affected ones and finds exactly the full scan's set.
func TestSweepCalmBlockWakesNothing(t *testing.T) {
	w := newSweepWorld(t)
	for i := 0; i < 60; i++ {
		id := uint32(1 + i%5)
		w.openPosition(t, addr(i), 0, id, 10_000_000_000, i%2 == 0, 100_000_000+int64(i)*50_000_000) // 1%..30% of notional
	}
	ev, set := w.sweep(t)
	require.Zero(t, ev.Evaluated)
	require.Empty(t, set)
	for pair := range basePrices {
		w.oracle.prices[pair] = w.oracle.prices[pair] * 10_005 / 10_000
	}
	ev, _ = w.sweep(t)
	require.Zero(t, ev.Evaluated, "a calm block evaluates nothing")
	for pair := range basePrices {
		w.oracle.prices[pair] = w.oracle.prices[pair] * 9_990 / 10_000
	}
	ev, _ = w.sweep(t)
	require.Zero(t, ev.Evaluated)

	for pair := range basePrices {
		w.oracle.prices[pair] = w.oracle.prices[pair] * 9 / 10
	}
	ev, set = w.sweep(t)
	require.NotEmpty(t, set)
	require.GreaterOrEqual(t, ev.Evaluated, uint32(len(set)))
	require.Less(t, ev.Evaluated, uint32(60), "shorts are not woken by a fall")
	// The next calm block evaluates nothing: the liquidatable accounts stay provably liquidatable inside their
	// recovery bands.
	ev, set2 := w.sweep(t)
	require.Zero(t, ev.Evaluated)
	require.Equal(t, keyStrings(set), keyStrings(set2))
	// A rebound wakes them through their recovery bands; the full scan agrees (checked in sweep()).
	for pair := range basePrices {
		w.oracle.prices[pair] = w.oracle.prices[pair] * 10 / 9
	}
	ev, set3 := w.sweep(t)
	require.GreaterOrEqual(t, ev.Evaluated, uint32(len(set)))
	require.Less(t, len(set3), len(set))
}

// TestSweepHaltDelaysNeverCancels: while the pair is halted an account below MM at the current price but not at
// the reference is not liquidatable and is re-checked every block; it becomes liquidatable when the reference
// catches up or when the halt ends, with no further price move.
func TestSweepHaltDelaysNeverCancels(t *testing.T) {
	w := newSweepWorld(t)
	p0 := w.oracle.prices[1]
	// 10x long, liquidatable below about −7%; another one liquidatable at both prices.
	a := w.openPosition(t, addr(1), 0, 1, 10_000_000_000, true, 700_000_000)
	b := w.openPosition(t, addr(2), 0, 1, 10_000_000_000, true, -1_000)
	_, set := w.sweep(t)
	require.Equal(t, keyStrings([]keeper.SubaccountKey{b}), keyStrings(set))

	w.oracle.prices[1] = p0 * 90 / 100
	w.oracle.halted[1] = true
	w.oracle.setReference(1, p0)
	_, set = w.sweep(t)
	require.Equal(t, keyStrings([]keeper.SubaccountKey{b}), keyStrings(set), "a flash crash during a halt does not liquidate a")
	f, err := w.k.SweepFilings.Get(w.ctx, a)
	require.NoError(t, err)
	require.Equal(t, w.height+1, f.Recheck)
	require.Empty(t, f.Entries)

	ev, set := w.sweep(t)
	require.Equal(t, keyStrings([]keeper.SubaccountKey{b}), keyStrings(set))
	require.Equal(t, uint32(2), ev.Evaluated, "a is rechecked every block of the halt")

	// The reference catches up with the crash: liquidatable at both prices.
	w.oracle.setReference(1, p0*91/100)
	_, set = w.sweep(t)
	require.Len(t, set, 2)

	// Same again, but the halt simply ends.
	w.oracle.setReference(1, p0)
	c := w.openPosition(t, addr(3), 0, 1, 10_000_000_000, true, 1_000_000_000) // opened at the crashed price
	w.oracle.prices[1] = p0 * 80 / 100
	_, set = w.sweep(t)
	require.NotContains(t, keyStrings(set), keyStrings([]keeper.SubaccountKey{c})[0], "c is protected by the reference")
	w.oracle.halted[1] = false
	_, set = w.sweep(t)
	require.Contains(t, keyStrings(set), keyStrings([]keeper.SubaccountKey{c})[0], "when the halt ends the current price rules")
}

// TestSweepFundingIMFAndGovernance: with the price unchanged, funding accrual, effective-IMF steps and a
// governance rise of the maintenance fraction make accounts liquidatable; the sweep finds each in the block after.
func TestSweepFundingIMFAndGovernance(t *testing.T) {
	w := newSweepWorld(t)
	btc := w.market(t, 1)
	btc.FundingIntervalBlocks, btc.InterestRatePpm, btc.MaxFundingRatePpm = 1, 2_000, 10_000 // longs pay 0.2% per block
	require.NoError(t, w.k.UpdateMarket(w.ctx, btc))
	funded := w.openPosition(t, addr(1), 0, 1, 10_000_000_000, true, 50_000_000) // 0.5% of notional above MM
	eth := w.market(t, 2)
	eth.VolatilityMultiplierPpm, eth.ImfStepLimitPpm = 20_000_000, 2_000
	require.NoError(t, w.k.UpdateMarket(w.ctx, eth))
	// The effective IMF rises at most ~134 ppm of itself per block: MM of 10,000 USDC at 5% × 60% grows by about
	// 0.04 USDC per block, so 0.1 USDC above MM lasts two or three blocks.
	stepped := w.openPosition(t, addr(2), 0, 2, 10_000_000_000, false, 100_000)
	sol := w.market(t, 3)
	gov := w.openPosition(t, addr(3), 0, 3, 10_000_000_000, true, 200_000_000) // 2% above MM

	w.oracle.vol = math.LegacyNewDecWithPrec(5, 3) // the IMF target rises: ETH steps up every block
	seen := map[string]int64{}
	for b := 0; b < 6; b++ {
		require.NoError(t, w.k.UpdateMarketsForTest(w.ctx))
		if b == 3 {
			sol.MaintenanceFractionPpm = 900_000 // MM 3% → 9% of notional
			require.NoError(t, w.k.UpdateMarket(w.ctx, sol))
		}
		_, set := w.sweep(t)
		for _, s := range keyStrings(set) {
			if _, ok := seen[s]; !ok {
				seen[s] = w.height
			}
		}
	}
	for _, key := range []keeper.SubaccountKey{funded, stepped, gov} {
		_, ok := seen[keyStrings([]keeper.SubaccountKey{key})[0]]
		require.True(t, ok, "%s never found", string(key.K1()))
	}
}

// TestSweepDeferredQueue: Defer keeps processing order, is idempotent, shows in the queries and ends when the
// account is healthy again.
func TestSweepDeferredQueue(t *testing.T) {
	w := newSweepWorld(t)
	a := w.openPosition(t, addr(1), 0, 1, 10_000_000_000, true, -5_000_000)
	b := w.openPosition(t, addr(2), 0, 2, 10_000_000_000, false, -1_000_000)
	c := w.openPosition(t, addr(3), 0, 3, 10_000_000_000, true, -9_000_000)
	_, set := w.sweep(t)
	require.Len(t, set, 3)
	// Most underwater first: c (−9 USDC), a (−5), b (−1).
	order, err := w.k.LiquidatableKeys(w.ctx)
	require.NoError(t, err)
	require.Equal(t, keyStrings([]keeper.SubaccountKey{c, a, b}), keyStrings(order))

	require.NoError(t, w.k.Defer(w.ctx, b))
	require.NoError(t, w.k.Defer(w.ctx, a))
	require.NoError(t, w.k.Defer(w.ctx, b)) // no-op: keeps its place
	queue, err := w.k.DeferredKeys(w.ctx)
	require.NoError(t, err)
	require.Equal(t, keyStrings([]keeper.SubaccountKey{b, a}), keyStrings(queue))
	qres, err := w.queries.LiquidationQueue(w.ctx, &types.QueryLiquidationQueueRequest{})
	require.NoError(t, err)
	require.Len(t, qres.Subaccounts, 2)
	require.Equal(t, addr(2).String(), qres.Subaccounts[0].Owner)
	require.True(t, qres.Subaccounts[0].Queued)
	require.Equal(t, "-1000000", qres.Subaccounts[0].Equity.Sub(qres.Subaccounts[0].MaintenanceMargin).String())

	ev, _ := w.sweep(t)
	require.Equal(t, uint32(2), ev.Deferred)
	require.Equal(t, uint32(3), ev.Liquidatable)
	require.Zero(t, ev.Evaluated, "queued accounts stay provably liquidatable: no work until their recovery bands wake")

	// b deposits: healthy at the re-filing, out of the set and the queue at once.
	sa, err := w.k.GetSubaccount(w.ctx, b.K1(), b.K2())
	require.NoError(t, err)
	sa.Collateral = sa.Collateral.AddRaw(500_000_000)
	require.NoError(t, w.k.SetSubaccountForTest(w.ctx, b.K1(), sa))
	in, err := w.k.IsLiquidatable(w.ctx, b)
	require.NoError(t, err)
	require.False(t, in)
	queue, err = w.k.DeferredKeys(w.ctx)
	require.NoError(t, err)
	require.Equal(t, keyStrings([]keeper.SubaccountKey{a}), keyStrings(queue))
	ev, _ = w.sweep(t)
	require.Equal(t, uint32(1), ev.Deferred)
	require.Equal(t, uint32(2), ev.Liquidatable)

	// A partial liquidation that leaves a still liquidatable keeps it listed (and queued).
	sa, err = w.k.GetSubaccount(w.ctx, a.K1(), a.K2())
	require.NoError(t, err)
	sa.Positions[0].Size_ = sa.Positions[0].Size_.QuoRaw(2)
	sa.Positions[0].QuoteBalance = sa.Positions[0].QuoteBalance.QuoRaw(2)
	sa.Collateral = sa.Collateral.QuoRaw(2)
	require.NoError(t, w.k.SetSubaccountForTest(w.ctx, a.K1(), sa))
	in, err = w.k.IsLiquidatable(w.ctx, a)
	require.NoError(t, err)
	require.True(t, in)
	// Closing it entirely (flat, collateral left) ends both.
	sa.Positions = nil
	sa.Collateral = math.NewInt(1)
	require.NoError(t, w.k.SetSubaccountForTest(w.ctx, a.K1(), sa))
	queue, err = w.k.DeferredKeys(w.ctx)
	require.NoError(t, err)
	require.Empty(t, queue)
	w.requireExact(t, "after the close", true)
}

// TestSweepQueries: Liquidatable pages the set with equity and MM; LiquidatableFullScan pages the subaccounts
// (capped at max_query_page_size) and, paged through, finds the same set.
func TestSweepQueries(t *testing.T) {
	w := newSweepWorld(t)
	params, err := w.k.Params.Get(w.ctx)
	require.NoError(t, err)
	params.MaxQueryPageSize = 3
	require.NoError(t, w.k.Params.Set(w.ctx, params))
	for i := 0; i < 10; i++ {
		buffer := int64(1_000_000_000)
		if i%3 == 0 {
			buffer = -int64(i+1) * 1_000
		}
		w.openPosition(t, addr(i), uint32(i%2), uint32(1+i%5), 10_000_000_000, i%2 == 0, buffer)
	}
	_, set := w.sweep(t)
	require.Len(t, set, 4)

	res, err := w.queries.Liquidatable(w.ctx, &types.QueryLiquidatableRequest{Pagination: &query.PageRequest{Limit: 100}})
	require.NoError(t, err)
	require.Len(t, res.Subaccounts, 3, "capped at max_query_page_size")
	require.NotNil(t, res.Pagination.NextKey)
	res2, err := w.queries.Liquidatable(w.ctx, &types.QueryLiquidatableRequest{Pagination: &query.PageRequest{Key: res.Pagination.NextKey}})
	require.NoError(t, err)
	require.Len(t, res2.Subaccounts, 1)
	for _, e := range append(res.Subaccounts, res2.Subaccounts...) {
		require.True(t, e.Equity.LT(e.MaintenanceMargin))
		require.False(t, e.Queued)
	}

	var scanned []string
	var key []byte
	pages := 0
	for {
		r, err := w.queries.LiquidatableFullScan(w.ctx, &types.QueryLiquidatableFullScanRequest{Pagination: &query.PageRequest{Key: key}})
		require.NoError(t, err)
		pages++
		for _, e := range r.Subaccounts {
			scanned = append(scanned, e.Owner+"/"+strconv.Itoa(int(e.Number)))
		}
		if r.Pagination == nil || len(r.Pagination.NextKey) == 0 {
			break
		}
		key = r.Pagination.NextKey
	}
	require.Equal(t, 4, pages, "10 subaccounts in pages of 3")
	require.Equal(t, keyStrings(set), scanned)

	_, err = w.queries.Liquidatable(w.ctx, nil)
	require.Error(t, err)
}

// TestSweepGenesisRebuildsIndex: the index is derived state; importing an exported genesis rebuilds it, so the
// liquidatable set is exact at once and the first sweep after a crash finds everything.
func TestSweepGenesisRebuildsIndex(t *testing.T) {
	w := newSweepWorld(t)
	for i := 0; i < 20; i++ {
		w.openPosition(t, addr(i), 0, uint32(1+i%5), 10_000_000_000, i%3 != 0, int64(i-3)*20_000_000)
	}
	_, set := w.sweep(t)
	require.NotEmpty(t, set)
	require.NoError(t, w.k.Defer(w.ctx, set[0])) // the queue is not exported: after import it is fresh again
	gs, err := w.k.ExportGenesis(w.ctx)
	require.NoError(t, err)

	v := newSweepWorld(t)
	for pair, p := range w.oracle.prices {
		v.oracle.prices[pair] = p
	}
	v.ctx, v.height = v.ctx.WithBlockHeight(w.height), w.height
	require.NoError(t, v.k.InitGenesis(v.ctx, gs))
	require.Equal(t, keyStrings(set), keyStrings(v.requireExact(t, "after import", true)))
	fresh, err := v.k.FreshLiquidatableEntries(v.ctx)
	require.NoError(t, err)
	require.Len(t, fresh, len(set), "every liquidatable account, the formerly queued one included, is ordered by the next EndBlock")
	for pair := range basePrices {
		v.oracle.prices[pair] = v.oracle.prices[pair] * 93 / 100
	}
	_, after := v.sweep(t)
	require.Greater(t, len(after), len(set))
}

// TestRefileKeepsConservativeEntries: a deposit leaves the filed entries in place (still valid, no index
// writes); when the market later crosses the old, conservative band the sweep wakes the account and files fresh
// bands from its larger buffer.
func TestRefileKeepsConservativeEntries(t *testing.T) {
	w := newSweepWorld(t)
	key := w.openPosition(t, addr(1), 0, 1, 10_000_000_000, true, 500_000_000)
	before, err := w.k.SweepFilings.Get(w.ctx, key)
	require.NoError(t, err)
	sa, err := w.k.GetSubaccount(w.ctx, key.K1(), key.K2())
	require.NoError(t, err)
	sa.Collateral = sa.Collateral.AddRaw(2_000_000_000)
	require.NoError(t, w.k.SetSubaccountForTest(w.ctx, key.K1(), sa))
	after, err := w.k.SweepFilings.Get(w.ctx, key)
	require.NoError(t, err)
	require.Equal(t, before, after, "the deposit keeps the (more conservative) entries")

	// A fall of 6% crosses the old band (5% + 3% MM headroom) but not the new one: woken, still healthy, re-filed.
	w.oracle.prices[1] = w.oracle.prices[1] * 94 / 100
	ev, set := w.sweep(t)
	require.Empty(t, set)
	require.Equal(t, uint32(1), ev.Evaluated)
	fresh, err := w.k.SweepFilings.Get(w.ctx, key)
	require.NoError(t, err)
	require.Less(t, fresh.Entries[0].Trigger, before.Entries[0].Trigger, "the new band lies further away")
	ev, _ = w.sweep(t)
	require.Zero(t, ev.Evaluated)
}
