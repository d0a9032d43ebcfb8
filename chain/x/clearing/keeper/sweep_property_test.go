package keeper_test

import (
	"math/big"
	"math/rand"
	"os"
	"strconv"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// sweepEnvInt reads an integer knob from the environment.
func sweepEnvInt(name string, def int) int {
	if s := os.Getenv(name); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			return n
		}
	}
	return def
}

// basePrices are the pairs' starting prices (6 decimals); pair 4 is added for the fourth market.
var basePrices = map[uint32]uint64{1: 60_000_000_000, 2: 3_000_000_000, 3: 150_000_000, 4: 20_000_000}

// sweepWorld is a fixture with five markets (two share pair 1) for sweep tests.
type sweepWorld struct {
	*fixture
	markets []types.Market
	height  int64
}

func newSweepWorld(t *testing.T) *sweepWorld {
	f := newFixture(t)
	f.oracle.prices[4] = basePrices[4]
	extra := []types.Market{
		types.DefaultMarket("AVAX-USD", 4, 8, 10_000, 10_000_000, 100_000),
		types.DefaultMarket("XBT-USD", 1, 8, 1_000_000, 10_000, 100_000),
	}
	for _, m := range extra {
		_, err := f.k.CreateMarket(f.ctx, m)
		require.NoError(t, err)
	}
	w := &sweepWorld{fixture: f, height: f.ctx.BlockHeight()}
	require.NoError(t, f.k.Markets.Walk(f.ctx, nil, func(_ uint32, m types.Market) (bool, error) {
		w.markets = append(w.markets, m)
		return false, nil
	}))
	require.Len(t, w.markets, 5)
	return w
}

// market returns the current definition of market id.
func (w *sweepWorld) market(t *testing.T, id uint32) types.Market {
	m, err := w.k.GetMarket(w.ctx, id)
	require.NoError(t, err)
	return m
}

// newBlock advances the height with a fresh event manager.
func (w *sweepWorld) newBlock() {
	w.height++
	w.ctx = w.ctx.WithBlockHeight(w.height).WithEventManager(sdk.NewEventManager())
}

// requireExact asserts the Liquidatable set equals the full scan and (with consistency) that the sweep state is
// self-consistent.
func (w *sweepWorld) requireExact(t *testing.T, msg string, consistency bool) []keeper.SubaccountKey {
	t.Helper()
	want, err := w.k.FullScanLiquidatable(w.ctx)
	require.NoError(t, err)
	var got []keeper.SubaccountKey
	require.NoError(t, w.k.Liquidatable.Walk(w.ctx, nil, func(key keeper.SubaccountKey) (bool, error) {
		got = append(got, key)
		return false, nil
	}))
	require.Equal(t, keyStrings(want), keyStrings(got), msg)
	if consistency {
		require.NoError(t, w.k.CheckSweepStateForTest(w.ctx), msg)
		queueMsg, broken := w.k.CheckLiquidationQueue(w.ctx)
		require.False(t, broken, msg+": "+queueMsg)
	}
	return got
}

func keyStrings(keys []keeper.SubaccountKey) []string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, k.K1().String()+"/"+strconv.Itoa(int(k.K2())))
	}
	return out
}

// positionAt opens a position of about notional uusdc at entry (price quantums) in market m.
func positionAt(m types.Market, notionalUusdc int64, long bool, entry uint64, fundingIndex math.Int) types.Position {
	// size = notional × 10^(sd+pd) / (price × 10^6), at least one step.
	size := new(big.Int).Mul(big.NewInt(notionalUusdc), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(m.SizeDecimals+6)), nil))
	size.Quo(size, new(big.Int).Mul(new(big.Int).SetUint64(entry), big.NewInt(1_000_000)))
	if size.Sign() == 0 {
		size.SetInt64(1)
	}
	s := math.NewIntFromBigInt(size)
	if !long {
		s = s.Neg()
	}
	return types.Position{MarketId: m.Id, Size_: s, QuoteBalance: margin.SignedValue(s, entry, m.SizeDecimals, 6).Neg(), FundingIndex: fundingIndex}
}

// requirements returns equity and MM of sa at the current state.
func (w *sweepWorld) requirements(t *testing.T, sa types.Subaccount) margin.Requirements {
	h, err := w.k.Health(w.ctx, sa)
	require.NoError(t, err)
	return margin.Requirements{Equity: h.Equity, InitialMargin: h.InitialMargin, MaintenanceMargin: h.MaintenanceMargin}
}

// randomSubaccount builds a subaccount with 1–5 positions (one when isolated) whose collateral leaves it
// between 1% of notional below MM and 8% above.
func (w *sweepWorld) randomSubaccount(t *testing.T, r *rand.Rand, owner sdk.AccAddress, number uint32) types.Subaccount {
	sa := types.NewSubaccount(owner.String(), number)
	n := 1 + r.Intn(5)
	ids := r.Perm(len(w.markets))[:n]
	if r.Intn(3) == 0 {
		ids = ids[:1]
		sa.IsolatedMarketId = w.markets[ids[0]].Id
	}
	total := int64(0)
	sortInts(ids)
	for _, i := range ids {
		m := w.market(t, w.markets[i].Id)
		st, err := w.k.MarketStates.Get(w.ctx, m.Id)
		require.NoError(t, err)
		price := w.oracle.prices[m.PairId]
		entry := price * uint64(970+r.Intn(61)) / 1000
		notional := int64(100_000_000 + r.Int63n(100_000_000_000))
		total += notional
		snapshot := st.FundingIndex.Sub(math.NewInt(r.Int63n(3) * 1_000_000_000))
		sa.Positions = append(sa.Positions, positionAt(m, notional, r.Intn(2) == 0, entry, snapshot))
	}
	sa.Collateral = math.ZeroInt()
	req := w.requirements(t, sa)
	buffer := total * (r.Int63n(900) - 100) / 10_000
	sa.Collateral = req.MaintenanceMargin.Sub(req.Equity).AddRaw(buffer)
	return sa
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// randomizeMarkets gives every market random funding, IMF-step and margin parameters (funding every 1–3
// blocks at up to 3% per interval, IMF steps up to 5% per block, volatility add-on up to 50 × volatility).
func (w *sweepWorld) randomizeMarkets(t *testing.T, r *rand.Rand) {
	for _, base := range w.markets {
		m := w.market(t, base.Id)
		m.FundingIntervalBlocks = uint64(1 + r.Intn(3))
		m.MaxFundingRatePpm = uint64(1_000 + r.Intn(30_000))
		m.InterestRatePpm = int64(r.Intn(60_001)) - 30_000
		m.ImfStepLimitPpm = uint64(1_000 + r.Intn(50_000))
		m.MaintenanceFractionPpm = uint64(300_000 + r.Intn(600_000))
		m.VolatilityMultiplierPpm = uint64(r.Intn(50_000_000))
		require.NoError(t, w.k.UpdateMarket(w.ctx, m))
	}
}

// movePrices moves every pair: unchanged, a small step (±2%) or a jump (−15%..+10%); sometimes toggles a band
// halt with the pre-move price as reference.
func (w *sweepWorld) movePrices(r *rand.Rand) {
	for pair := uint32(1); pair <= 4; pair++ {
		old := w.oracle.prices[pair]
		var ppm int64
		switch x := r.Intn(10); {
		case x < 3:
		case x < 9:
			ppm = r.Int63n(40_001) - 20_000
		default:
			ppm = r.Int63n(250_001) - 150_000
		}
		next := int64(old) + int64(old)*ppm/1_000_000
		if next < 1_000 {
			next = 1_000
		}
		w.oracle.prices[pair] = uint64(next)
		switch {
		case w.oracle.halted[pair] && r.Intn(3) == 0:
			w.oracle.halted[pair] = false
			w.oracle.setReference(pair, 0)
		case !w.oracle.halted[pair] && r.Intn(12) == 0:
			w.oracle.halted[pair] = true
			w.oracle.setReference(pair, old)
		}
	}
	w.oracle.vol = math.LegacyNewDecWithPrec(int64(r.Intn(5_000)), 6)
}

// TestSweepProperty holds the incremental sweep to the full scan: SWEEP_PATHS random price paths (default 10,000)
// over random populations (cross and isolated, 1–5 positions) with funding every 1–3 blocks, effective-IMF steps
// (volatility and open interest), governance changes of the maintenance fraction, halts with reference prices,
// deferrals and writes between sweeps. After every Sweep, and after every write within a block, the Liquidatable
// set equals FullScanLiquidatable and the sweep state is self-consistent.
func TestSweepProperty(t *testing.T) {
	paths := sweepEnvInt("SWEEP_PATHS", 10_000)
	seed := int64(sweepEnvInt("SWEEP_SEED", 1))
	r := rand.New(rand.NewSource(seed))
	w := newSweepWorld(t)
	start := time.Now()
	var sweeps, evaluated, found, protectedSeen int
	for path := 0; path < paths; path++ {
		for pair, p := range basePrices {
			w.oracle.prices[pair] = p * uint64(800+r.Intn(401)) / 1000
			w.oracle.halted[pair] = false
			w.oracle.setReference(pair, 0)
		}
		if path%4 == 0 { // market parameters change every fourth path; prices and populations every path
			w.randomizeMarkets(t, r)
		}
		var keys []keeper.SubaccountKey
		population := 2 + r.Intn(4)
		for i := 0; i < population; i++ {
			owner := addr(r.Intn(6))
			number := uint32(r.Intn(3))
			sa := w.randomSubaccount(t, r, owner, number)
			require.NoError(t, w.k.SetSubaccountForTest(w.ctx, owner, sa))
			keys = append(keys, makeKey(owner, number))
		}
		w.requireExact(t, "after population", false)
		blocks := 2 + r.Intn(2)
		for b := 0; b < blocks; b++ {
			w.newBlock()
			w.movePrices(r)
			require.NoError(t, w.k.Sweep(w.ctx))
			set := w.requireExact(t, "after sweep, path "+strconv.Itoa(path), b == blocks-1)
			sweeps++
			evaluated += sweepEvaluated(t, w.ctx)
			found += len(set)
			for _, key := range keys {
				if f, err := w.k.SweepFilings.Get(w.ctx, key); err == nil && f.Recheck != 0 && !f.Liquidatable {
					protectedSeen++
				}
			}
			// Transactions: defer some liquidatable accounts, rewrite or empty others.
			for _, key := range set {
				if r.Intn(3) == 0 {
					require.NoError(t, w.k.Defer(w.ctx, key))
				}
			}
			writes := r.Intn(4)
			for a := writes; a > 0; a-- {
				key := keys[r.Intn(len(keys))]
				sa, err := w.k.GetSubaccount(w.ctx, key.K1(), key.K2())
				require.NoError(t, err)
				switch r.Intn(4) {
				case 0: // deposit or withdrawal
					sa.Collateral = sa.Collateral.AddRaw(r.Int63n(2_000_000_000) - 1_000_000_000)
				case 1: // a fresh position set at the current prices
					sa = w.randomSubaccount(t, r, key.K1(), key.K2())
				case 2: // flat, collateral kept
					sa.Positions = nil
					sa.IsolatedMarketId = 0
					if !sa.Collateral.IsPositive() {
						sa.Collateral = math.NewInt(1)
					}
				default: // emptied: deleted
					sa = types.NewSubaccount(key.K1().String(), key.K2())
				}
				require.NoError(t, w.k.SetSubaccountForTest(w.ctx, key.K1(), sa))
			}
			if writes > 0 {
				w.requireExact(t, "after writes", false)
			}
			// EndBlock: open interest and volatility move the IMF target; funding at interval ends.
			for _, m := range w.markets {
				st, err := w.k.MarketStates.Get(w.ctx, m.Id)
				require.NoError(t, err)
				mk := w.market(t, m.Id)
				st.OpenInterest = uint64(r.Int63n(int64(mk.OiUpper/2 + 1)))
				require.NoError(t, w.k.MarketStates.Set(w.ctx, m.Id, st))
			}
			require.NoError(t, w.k.UpdateMarketsForTest(w.ctx))
			if r.Intn(20) == 0 { // a governance proposal changes a maintenance fraction
				m := w.market(t, w.markets[r.Intn(len(w.markets))].Id)
				m.MaintenanceFractionPpm = uint64(300_000 + r.Intn(600_000))
				require.NoError(t, w.k.UpdateMarket(w.ctx, m))
			}
		}
		// Clear the population: every sweep entry must disappear with it.
		for _, key := range keys {
			require.NoError(t, w.k.SetSubaccountForTest(w.ctx, key.K1(), types.NewSubaccount(key.K1().String(), key.K2())))
		}
		if path%16 != 15 {
			continue // the emptiness check below runs every 16th path
		}
		// Commit now and then: an IAVL tree that is never saved makes every iterator walk all unsaved writes.
		if cms, ok := w.ctx.MultiStore().(storetypes.CommitMultiStore); ok {
			cms.Commit()
		}
		for _, c := range []func() (bool, error){
			func() (bool, error) { it, err := w.k.SweepIndex.Iterate(w.ctx, nil); return valid(it, err) },
			func() (bool, error) { it, err := w.k.SweepRecheck.Iterate(w.ctx, nil); return valid(it, err) },
			func() (bool, error) { it, err := w.k.Liquidatable.Iterate(w.ctx, nil); return valid(it, err) },
			func() (bool, error) { it, err := w.k.DeferredQueue.Iterate(w.ctx, nil); return valid(it, err) },
			func() (bool, error) { it, err := w.k.SweepRecovery.Iterate(w.ctx, nil); return valid(it, err) },
		} {
			nonEmpty, err := c()
			require.NoError(t, err)
			require.False(t, nonEmpty, "sweep state left after the population was deleted")
		}
	}
	require.Greater(t, found, paths/4, "the paths must produce liquidations")
	require.Greater(t, protectedSeen, 0, "halts must protect some accounts")
	t.Logf("%d paths, %d sweeps, %d evaluations, %d liquidatable found, %d halt/marginal rechecks, %s",
		paths, sweeps, evaluated, found, protectedSeen, time.Since(start).Round(time.Millisecond))
}

// valid reports whether an iterator has an element (and closes it).
func valid[K any](it collections.KeySetIterator[K], err error) (bool, error) {
	if err != nil {
		return false, err
	}
	defer it.Close()
	return it.Valid(), nil
}

// sweepEvaluated returns the evaluated count of the last EventSweep in ctx.
func sweepEvaluated(t *testing.T, ctx sdk.Context) int {
	t.Helper()
	ev := lastSweepEvent(t, ctx)
	return int(ev.Evaluated)
}

// lastSweepEvent parses the last EventSweep emitted in ctx.
func lastSweepEvent(t *testing.T, ctx sdk.Context) types.EventSweep {
	t.Helper()
	events := ctx.EventManager().Events()
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Type != "clearchain.clearing.v1.EventSweep" {
			continue
		}
		msg, err := sdk.ParseTypedEvent(abciEvent(events[i]))
		require.NoError(t, err)
		return *msg.(*types.EventSweep)
	}
	t.Fatal("no EventSweep")
	return types.EventSweep{}
}

// abciEvent converts an SDK event for ParseTypedEvent.
func abciEvent(e sdk.Event) abci.Event { return abci.Event(e) }
