package keeper_test

import (
	"math/rand"
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// batchScenario builds a fixture with four funded traders (two subaccounts each), open positions and a
// moved funding index, so the fills that follow settle funding on touch.
func batchScenario(t *testing.T) (*fixture, []trader) {
	t.Helper()
	f := newFixture(t)
	traders := []trader{newTrader(1), newTrader(2), newTrader(3), newTrader(4)}
	for _, tr := range traders {
		f.fund(tr.addr, usdc(20_000_000_000))
		require.NoError(t, deposit(f, tr.addr, 0, usdc(10_000_000_000)))
		require.NoError(t, deposit(f, tr.addr, 1, usdc(2_000_000_000)))
	}
	p := types.DefaultParams()
	p.MaxSubaccountsPerOwner = 2 // every trader holds 2: a fill naming subaccount 2 is refused
	require.NoError(t, f.k.UpdateParams(f.ctx, p))
	setFundingInterval(t, f, 2)
	endBlocks(t, f, 1)
	// Positions opened above the oracle price move the premium, so funding is due at the next interval.
	for i, pair := range [][2]int{{0, 1}, {2, 3}} {
		m, tk := traders[pair[0]], traders[pair[1]]
		mo, to := m.order(0, types.SIDE_SELL, 2_000_000, 61_200_000_000, uint64(900+i)), tk.order(0, types.SIDE_BUY, 2_000_000, 61_200_000_000, uint64(900+i))
		res := submit(t, f, fill(m, mo, tk, to, 2_000_000, 61_200_000_000))
		require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	}
	endBlocks(t, f, 2)
	require.NotZero(t, marketState(t, f).FundingIndex.Int64(), "the funding index moved")
	return f, traders
}

// batchFills is a seeded sequence of fills that reuses orders (partial fills, then overfills), creates new
// subaccounts up to the per-owner limit and beyond, trades past the limit price, outside the band, past the
// margin, between two subaccounts of one owner and into the same subaccount.
func batchFills(traders []trader, n int, seed int64) []types.Fill {
	rng := rand.New(rand.NewSource(seed))
	var orders []struct {
		tr trader
		o  types.Order
	}
	fills := make([]types.Fill, 0, n)
	for i := 0; i < n; i++ {
		a, b := traders[rng.Intn(len(traders))], traders[rng.Intn(len(traders))]
		price := 60_000_000_000 + uint64(rng.Intn(9)-4)*1_000_000_000 // 56k..64k: some outside the 5% band
		size := uint64(1+rng.Intn(8)) * 1_000_000                     // 0.01..0.08 BTC
		if rng.Intn(10) == 0 {
			size *= 50 // past the margin of a 2,000 USDC subaccount
		}
		var mo types.Order
		var mt trader
		if len(orders) > 0 && rng.Intn(3) == 0 {
			pick := orders[rng.Intn(len(orders))] // refill a resting order: partial fills, then overfills
			mt, mo = pick.tr, pick.o
		} else {
			mt = a
			mo = a.order(subaccountNumber(rng), types.SIDE_SELL, 10_000_000, price-uint64(rng.Intn(2))*2_000_000_000, uint64(1000+i))
			orders = append(orders, struct {
				tr trader
				o  types.Order
			}{mt, mo})
		}
		to := b.order(subaccountNumber(rng), types.SIDE_BUY, size, price, uint64(5000+i))
		if rng.Intn(12) == 0 {
			to.LimitPrice = price - 1_000_000_000 // the fill price is past the taker's limit
		}
		fills = append(fills, fill(mt, mo, b, to, size, price))
	}
	return fills
}

// subaccountNumber is 0 mostly, 1 often and 2 (over the per-owner limit) rarely.
func subaccountNumber(rng *rand.Rand) uint32 {
	switch r := rng.Intn(10); {
	case r < 6:
		return 0
	case r < 9:
		return 1
	default:
		return 2
	}
}

// TestBatchSettlesAsFillByFill holds the batch to its contract: a message of many fills (accepted and rejected,
// touching the same subaccounts, orders and funding) gives the same results, events and state as the same fills
// each in its own message.
func TestBatchSettlesAsFillByFill(t *testing.T) {
	for _, seed := range []int64{1, 2, 3, 4} {
		batched, traders := batchScenario(t)
		single, _ := batchScenario(t)
		fills := batchFills(traders, 80, seed)

		res := submit(t, batched, fills...)
		settled, codes := uint32(0), map[uint32]int{}
		for i, f := range fills {
			one := submit(t, single, f)
			require.Len(t, one.Results, 1)
			want, got := one.Results[0], res.Results[i]
			require.Equal(t, want.Success, got.Success, "seed %d fill %d: %s vs %s", seed, i, want.Log, got.Log)
			require.Equal(t, want.Code, got.Code, "seed %d fill %d", seed, i)
			require.Equal(t, want.Log, got.Log, "seed %d fill %d", seed, i)
			settled += one.Settled
			codes[got.Code]++
		}
		require.Equal(t, settled, res.Settled)
		// Independently of the reference run: every order's fill record holds the sum of its accepted fills, and
		// every subaccount an accepted fill touched settled its funding.
		filled := map[string]uint64{}
		for i, f := range fills {
			if res.Results[i].Success {
				for _, o := range []types.Order{f.MakerOrder, f.TakerOrder} {
					p, err := types.PrepareOrder(o)
					require.NoError(t, err)
					filled[string(p.Hash)] += f.Size_
				}
			}
		}
		for hash, want := range filled {
			st, err := batched.k.OrderFills.Get(batched.ctx, []byte(hash))
			require.NoError(t, err)
			require.Equal(t, want, st.Filled, "seed %d: order %x", seed, hash)
		}
		index := marketState(t, batched).FundingIndex
		for i, f := range fills {
			if !res.Results[i].Success {
				continue
			}
			for _, o := range []types.Order{f.MakerOrder, f.TakerOrder} {
				sa, err := batched.k.GetSubaccount(batched.ctx, sdk.MustAccAddressFromBech32(o.Owner), o.SubaccountNumber)
				require.NoError(t, err)
				for _, p := range sa.Positions {
					require.True(t, p.FundingIndex.Equal(index), "seed %d: %s/%d settled funding", seed, o.Owner, o.SubaccountNumber)
				}
			}
		}
		require.Equal(t, single.snapshot(t), batched.snapshot(t), "seed %d: state after the batch", seed)
		batched.requireAllInvariants(t)
		// The sequence exercises what the batch holds: accepted fills and at least three kinds of rejection.
		require.Greater(t, codes[0], 10, "seed %d: %v", seed, codes)
		require.GreaterOrEqual(t, len(codes), 4, "seed %d: %v", seed, codes)
		for _, c := range []error{types.ErrOverfill, types.ErrTooManySubaccounts} {
			require.Positive(t, codes[code(c)], "seed %d: no %s in %v", seed, c, codes)
		}
	}
}

// TestOrderPruningAcrossExpiryBuckets: new fill records are indexed in one bucket per good_til_block and message
// (at most max_order_prunes_per_block hashes each), pruning takes at most that many records per block (splitting a
// bucket when needed), and the index covers exactly the records at every step.
func TestOrderPruningAcrossExpiryBuckets(t *testing.T) {
	f, traders := batchScenario(t)
	p, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	p.MaxOrderPrunesPerBlock = 3
	require.NoError(t, f.k.UpdateParams(f.ctx, p))
	base := f.ctx.BlockHeight()
	alice, bob := traders[0], traders[1]
	order := func(tr trader, side types.Side, nonce uint64, gtb int64) types.Order {
		o := tr.order(0, side, 1_000_000, btc60k, nonce)
		o.GoodTilBlock = gtb
		return o
	}
	countBuckets := func() int {
		n := 0
		require.NoError(t, f.k.OrderExpiry.Walk(f.ctx, nil, func(collections.Pair[int64, []byte], []byte) (bool, error) { n++; return false, nil }))
		return n
	}
	before := countBuckets()
	var hashes [][]byte
	message := func(gtb int64, nonces ...uint64) {
		var fills []types.Fill
		for _, n := range nonces {
			mo, to := order(alice, types.SIDE_SELL, n, gtb), order(bob, types.SIDE_BUY, n, gtb)
			fills = append(fills, fill(alice, mo, bob, to, 1_000_000, btc60k))
			for _, o := range []types.Order{mo, to} {
				h, err := types.OrderHash(o)
				require.NoError(t, err)
				hashes = append(hashes, h)
			}
		}
		require.Equal(t, uint32(len(nonces)), submit(t, f, fills...).Settled)
	}
	message(base+2, 11, 12, 13) // 6 records, one bucket
	message(base+2, 14)         // 2 records, a second bucket at the same height
	message(base+3, 15)         // 2 records at the next height
	// One bucket per message and good_til_block, split at max_order_prunes_per_block (3): 6 → 3+3, 2, 2.
	require.Equal(t, before+4, countBuckets())
	f.requireAllInvariants(t)

	require.Equal(t, 10, liveRecords(t, f, hashes))
	f.ctx = f.ctx.WithBlockHeight(base + 4) // every record has expired
	for _, want := range []int{7, 4, 1, 0, 0} {
		require.NoError(t, f.k.EndBlock(f.ctx))
		require.Equal(t, want, liveRecords(t, f, hashes))
		f.requireAllInvariants(t)
		f.ctx = f.ctx.WithBlockHeight(f.ctx.BlockHeight() + 1)
	}
}

// TestOrderExpiryInvariantDetectsAnUnindexedRecord: a fill record without an expiry entry would never be pruned.
func TestOrderExpiryInvariantDetectsAnUnindexedRecord(t *testing.T) {
	f, _ := batchScenario(t)
	_, broken := f.k.CheckOrderExpiry(f.ctx)
	require.False(t, broken)
	require.NoError(t, f.k.OrderFills.Set(f.ctx, make([]byte, 32), types.OrderFillState{Filled: 1, GoodTilBlock: 50}))
	msg, broken := f.k.CheckOrderExpiry(f.ctx)
	require.True(t, broken)
	require.Contains(t, msg, "not indexed")
}

// TestOrderPruningReadsEntriesOfTheOneKeyPerOrderLayout: an expiry entry written before buckets (key (good_til_block,
// hash), no value) is the bucket of that one hash: it costs one unit of the prune budget and its record is removed
// (reading it as an empty bucket orphaned the record and let one block prune every old entry).
func TestOrderPruningReadsEntriesOfTheOneKeyPerOrderLayout(t *testing.T) {
	f, _ := batchScenario(t)
	p, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	p.MaxOrderPrunesPerBlock = 3
	require.NoError(t, f.k.UpdateParams(f.ctx, p))
	gtb := f.ctx.BlockHeight() + 1
	var hashes [][]byte
	for i := 0; i < 7; i++ {
		h := make([]byte, 32)
		h[0], h[31] = 0xee, byte(i)
		hashes = append(hashes, h)
		require.NoError(t, f.k.OrderFills.Set(f.ctx, h, types.OrderFillState{Filled: 1, GoodTilBlock: gtb}))
		require.NoError(t, f.k.OrderExpiry.Set(f.ctx, collections.Join(gtb, h), nil)) // the old layout
	}
	f.requireAllInvariants(t)
	f.ctx = f.ctx.WithBlockHeight(gtb + 1)
	for _, want := range []int{4, 1, 0} {
		require.NoError(t, f.k.EndBlock(f.ctx))
		require.Equal(t, want, liveRecords(t, f, hashes))
		f.requireAllInvariants(t)
		f.ctx = f.ctx.WithBlockHeight(f.ctx.BlockHeight() + 1)
	}
}

// liveRecords counts the hashes that still have an order fill record.
func liveRecords(t *testing.T, f *fixture, hashes [][]byte) int {
	t.Helper()
	n := 0
	for _, h := range hashes {
		has, err := f.k.OrderFills.Has(f.ctx, h)
		require.NoError(t, err)
		if has {
			n++
		}
	}
	return n
}
