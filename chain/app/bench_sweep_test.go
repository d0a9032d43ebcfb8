package app_test

import (
	"encoding/binary"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	"github.com/clearchain/clearchain/chain/internal/benchout"
	clearingkeeper "github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// sweepBench is a real app on an on-disk goleveldb store for the sweep benchmark.
type sweepBench struct {
	t      *testing.T
	app    *app.App
	dir    string
	height int64
}

// sweepBenchPrices are the starting prices of pairs 1..3 (6 decimals).
var sweepBenchPrices = map[uint32]uint64{1: 60_000_000_000, 2: 3_000_000_000, 3: 150_000_000}

func newSweepBench(t *testing.T) *sweepBench {
	dir := t.TempDir()
	db, err := dbm.NewGoLevelDB("application", dir, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() }) // before TempDir's removal (cleanups run last-registered first)
	a := app.New(log.NewNopLogger(), db, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(benchChainID))
	acc := authtypes.NewBaseAccountWithAddress(sdk.AccAddress([]byte("sweep-bench-account1")))
	balance := banktypes.Balance{Address: acc.GetAddress().String(), Coins: sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1e15))}
	// The module account holds more than all the collateral the benchmark writes (fee payouts are bank sends).
	module := banktypes.Balance{Address: authtypes.NewModuleAddress(clearingtypes.ModuleName).String(),
		Coins: sdk.NewCoins(sdk.NewCoin(app.CollateralDenom, math.NewInt(1).MulRaw(1e18)))}
	valSet, err := simtestutil.CreateRandomValidatorSet()
	require.NoError(t, err)
	genesis, err := simtestutil.GenesisStateWithValSet(a.AppCodec(), a.DefaultGenesis(), valSet, []authtypes.GenesisAccount{acc}, balance, module)
	require.NoError(t, err)
	var og oracletypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(genesis[oracletypes.ModuleName], &og)
	og.Prices = nil
	for i := range og.Pairs {
		og.Pairs[i].MaxStalenessBlocks = 1 << 40 // no vote extensions in this harness: prices are written directly
		if p, ok := sweepBenchPrices[og.Pairs[i].Id]; ok {
			og.Prices = append(og.Prices, oracletypes.PriceState{PairId: og.Pairs[i].Id, PriceQuantums: p, Height: 1,
				BlockTime: time.Unix(1_700_000_000, 0).UTC(), Variance: math.LegacyZeroDec()})
		}
	}
	genesis[oracletypes.ModuleName] = a.AppCodec().MustMarshalJSON(&og)
	var cg clearingtypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(genesis[clearingtypes.ModuleName], &cg)
	// Five markets (two more on the BTC and ETH pairs) so that cross subaccounts hold up to five positions.
	xbt := clearingtypes.DefaultMarket("XBT-USD", 1, 8, 1_000_000, 10_000, 50_000)
	xet := clearingtypes.DefaultMarket("XET-USD", 2, 8, 100_000, 100_000, 50_000)
	xbt.Id, xet.Id = 4, 5
	cg.Markets = append(cg.Markets, xbt, xet)
	for i := range cg.Markets {
		cg.Markets[i].OiLower, cg.Markets[i].OiUpper = 0, 0 // a calm market: the population's open interest does not move the IMF
	}
	cg.NextMarketId = 6
	cg.InsuranceFund = math.NewInt(100_000_000_000_000) // 100M USDC: the waterfall's backstop and bad debt draw on it
	genesis[clearingtypes.ModuleName] = a.AppCodec().MustMarshalJSON(&cg)
	bz, err := json.Marshal(genesis)
	require.NoError(t, err)
	cp := *simtestutil.DefaultConsensusParams
	_, err = a.InitChain(&abci.RequestInitChain{ChainId: benchChainID, AppStateBytes: bz, ConsensusParams: &cp, InitialHeight: 1})
	require.NoError(t, err)
	b := &sweepBench{t: t, app: a, dir: dir}
	b.block()
	return b
}

// block finalizes and commits one empty block (PreBlocker runs the sweep, EndBlock the waterfall).
func (b *sweepBench) block() (*abci.ResponseFinalizeBlock, time.Duration, time.Duration) {
	b.height++
	start := time.Now()
	res, err := b.app.FinalizeBlock(&abci.RequestFinalizeBlock{Height: b.height, Time: time.Unix(1_700_000_000+b.height, 0)})
	require.NoError(b.t, err)
	exec := time.Since(start)
	start = time.Now()
	_, err = b.app.Commit()
	require.NoError(b.t, err)
	return res, exec, time.Since(start)
}

// write runs fn on a context of a new block and commits it without FinalizeBlock (direct state writes).
func (b *sweepBench) write(fn func(ctx sdk.Context)) time.Duration {
	b.height++
	ctx := b.app.NewNextBlockContext(cmtproto.Header{Height: b.height, ChainID: benchChainID, Time: time.Unix(1_700_000_000+b.height, 0)})
	fn(ctx)
	b.app.SimWriteState()
	start := time.Now()
	_, err := b.app.Commit()
	require.NoError(b.t, err)
	return time.Since(start)
}

// readCtx is a read-only view of the last committed state.
func (b *sweepBench) readCtx() sdk.Context {
	return b.app.NewUncachedContext(false, cmtproto.Header{Height: b.height, ChainID: benchChainID, Time: time.Unix(1_700_000_000+b.height, 0)})
}

// setPrices writes every pair's price × (10^6 + ppm[pair]) / 10^6 as the oracle would.
func (b *sweepBench) setPrices(ctx sdk.Context, ppm func(pair uint32) int64) {
	for pair := uint32(1); pair <= 3; pair++ {
		ps, err := b.app.OracleKeeper.Prices.Get(ctx, pair)
		require.NoError(b.t, err)
		p := int64(ps.PriceQuantums)
		ps.PriceQuantums = uint64(p + p*ppm(pair)/1_000_000)
		ps.Height = ctx.BlockHeight()
		require.NoError(b.t, b.app.OracleKeeper.Prices.Set(ctx, pair, ps))
	}
}

// dirBytes is the size of the files under dir.
func dirBytes(t *testing.T, dir string) int64 {
	var n int64
	require.NoError(t, filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return err
	}))
	return n
}

// peakRSSMiB reads VmHWM (the process's peak resident set) from /proc/self/status; 0 when unavailable.
func peakRSSMiB() float64 {
	bz, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(bz), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return 0
}

// sweepEvent finds the block's EventSweep.
func sweepEvent(t *testing.T, events []abci.Event) clearingtypes.EventSweep {
	for _, e := range events {
		if e.Type == "clearchain.clearing.v1.EventSweep" {
			msg, err := sdk.ParseTypedEvent(e)
			require.NoError(t, err)
			return *msg.(*clearingtypes.EventSweep)
		}
	}
	t.Fatal("no EventSweep in the block")
	return clearingtypes.EventSweep{}
}

// countEvents counts events of one type.
func countEvents(events []abci.Event, typ string) int {
	n := 0
	for _, e := range events {
		if e.Type == typ {
			n++
		}
	}
	return n
}

// benchSubaccount builds subaccount i: a third isolated (one position), the rest cross with 1–5 positions;
// notional 100–100,000 USDC per position, 55% long, entries within ±2% of the oracle; leverage 1–12x of the
// total notional but never below initial margin, except one in 50 whose equity lies anywhere between MM and IM
// (as after adverse moves since it traded). Every account starts healthy.
func benchSubaccount(r *rand.Rand, i int, markets map[uint32]margin.Market, marketDefs []clearingtypes.Market) (sdk.AccAddress, clearingtypes.Subaccount) {
	var a [20]byte
	copy(a[:], "sweepbench")
	binary.BigEndian.PutUint64(a[12:], uint64(i/8))
	owner := sdk.AccAddress(a[:])
	sa := clearingtypes.NewSubaccount(owner.String(), uint32(i%8))
	n := 1 + r.Intn(5)
	if r.Intn(3) == 0 {
		n = 1
	}
	ids := r.Perm(len(marketDefs))[:n]
	for x := 1; x < len(ids); x++ {
		for y := x; y > 0 && ids[y] < ids[y-1]; y-- {
			ids[y], ids[y-1] = ids[y-1], ids[y]
		}
	}
	if n == 1 && r.Intn(2) == 0 {
		sa.IsolatedMarketId = marketDefs[ids[0]].Id
	}
	total := int64(0)
	for _, idx := range ids {
		def := marketDefs[idx]
		m := markets[def.Id]
		notional := int64(100_000_000) * int64(1+r.Intn(1000)) // 100..100,000 USDC
		total += notional
		entry := m.OraclePrice * uint64(980+r.Intn(41)) / 1000
		// size = notional × 10^(sd+pd) / (entry × 10^6) = notional × 10^8 / entry (sd 8, pd 6), whole steps.
		s := math.NewInt(notional).MulRaw(100_000_000).Quo(math.NewIntFromUint64(entry))
		s = s.Sub(s.ModRaw(int64(def.StepSize)))
		if s.IsZero() {
			s = math.NewIntFromUint64(def.StepSize)
		}
		if r.Intn(100) >= 55 {
			s = s.Neg()
		}
		sa.Positions = append(sa.Positions, clearingtypes.Position{MarketId: def.Id, Size_: s,
			QuoteBalance: margin.SignedValue(s, entry, def.SizeDecimals, 6).Neg(), FundingIndex: math.ZeroInt()})
	}
	acct := margin.Account{Collateral: math.ZeroInt()}
	for _, p := range sa.Positions {
		acct.Positions = append(acct.Positions, margin.Position{MarketID: p.MarketId, Size: p.Size_, QuoteBalance: p.QuoteBalance, FundingIndex: p.FundingIndex})
	}
	req := margin.ComputeRequirements(acct, markets)
	leverage := 1 + r.Int63n(12)
	collateral := math.NewInt(total / leverage)
	if floor := req.InitialMargin.Sub(req.Equity).AddRaw(1); collateral.LT(floor) {
		collateral = floor
	}
	if r.Intn(50) == 0 {
		gap := req.InitialMargin.Sub(req.MaintenanceMargin).Int64()
		collateral = req.MaintenanceMargin.Sub(req.Equity).AddRaw(int64(len(sa.Positions))*margin.BandSlackPerPosition + r.Int63n(gap+1))
	}
	sa.Collateral = collateral
	return owner, sa
}

// TestBenchSweep measures the liquidation sweep on CLEARCHAIN_SWEEP_SUBACCOUNTS (default 1,000,000) subaccounts
// in a real IAVL store on goleveldb: a calm block (every price moves ≤ 0.1%) against a full scan of the same state
// in the same run, the −10% block (accounts evaluated and found, checked against a full scan; the waterfall's
// liquidations and deferrals under the caps when CLEARCHAIN_SWEEP_WATERFALL is set or at ≤ 100,000), store growth
// per subaccount and peak RSS.
func TestBenchSweep(t *testing.T) {
	if !benchout.Enabled() {
		t.Skip("set CLEARCHAIN_BENCH_DIR (make bench) to run")
	}
	count := 1_000_000
	if s := os.Getenv("CLEARCHAIN_SWEEP_SUBACCOUNTS"); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(t, err)
		count = n
	}
	const batch = 100_000
	b := newSweepBench(t)
	k := b.app.ClearingKeeper
	ctx := b.readCtx()
	var defs []clearingtypes.Market
	require.NoError(t, k.Markets.Walk(ctx, nil, func(_ uint32, m clearingtypes.Market) (bool, error) {
		defs = append(defs, m)
		return false, nil
	}))
	require.Len(t, defs, 5)
	markets := map[uint32]margin.Market{}
	for _, d := range defs {
		markets[d.Id] = margin.Market{MarketID: d.Id, SizeDecimals: d.SizeDecimals, PriceDecimals: 6, OraclePrice: sweepBenchPrices[d.PairId],
			IMFPpm: d.InitialMarginPpm, MaintenanceFractionPpm: d.MaintenanceFractionPpm, FundingIndex: math.ZeroInt()}
	}

	// Population: written through the keeper (Subaccounts + Refile, as setSubaccount does) in committed blocks.
	sizeBefore := dirBytes(t, b.dir)
	r := rand.New(rand.NewSource(42))
	start := time.Now()
	var commitTotal time.Duration
	for done := 0; done < count; {
		n := min(batch, count-done)
		commitTotal += b.write(func(ctx sdk.Context) {
			for i := done; i < done+n; i++ {
				owner, sa := benchSubaccount(r, i, markets, defs)
				key := collections.Join(owner, sa.Number)
				require.NoError(t, k.Subaccounts.Set(ctx, key, sa))
				require.NoError(t, k.Refile(ctx, key))
			}
		})
		done += n
		t.Logf("populated %d subaccounts (%s)", done, time.Since(start).Round(time.Second))
	}
	// One market maker per market holds the other side of the population's net position, so that every market
	// has Σ long = Σ short = open interest, as trading guarantees.
	b.write(func(ctx sdk.Context) {
		net := map[uint32]math.Int{}
		long := map[uint32]math.Int{}
		for _, d := range defs {
			net[d.Id], long[d.Id] = math.ZeroInt(), math.ZeroInt()
		}
		require.NoError(t, k.Subaccounts.Walk(ctx, nil, func(_ clearingkeeper.SubaccountKey, sa clearingtypes.Subaccount) (bool, error) {
			for _, p := range sa.Positions {
				net[p.MarketId] = net[p.MarketId].Add(p.Size_)
				if p.Size_.IsPositive() {
					long[p.MarketId] = long[p.MarketId].Add(p.Size_)
				}
			}
			return false, nil
		}))
		for _, d := range defs {
			owner := sdk.AccAddress([]byte("sweepbench-maker-" + strconv.Itoa(int(d.Id)) + "00"))
			size := net[d.Id].Neg()
			sa := clearingtypes.NewSubaccount(owner.String(), 0)
			sa.Collateral = math.NewInt(1).MulRaw(1e16)
			if !size.IsZero() {
				sa.Positions = []clearingtypes.Position{{MarketId: d.Id, Size_: size, FundingIndex: math.ZeroInt(),
					QuoteBalance: margin.SignedValue(size, markets[d.Id].OraclePrice, d.SizeDecimals, 6).Neg()}}
			}
			key := collections.Join(owner, uint32(0))
			require.NoError(t, k.Subaccounts.Set(ctx, key, sa))
			require.NoError(t, k.Refile(ctx, key))
			oi := long[d.Id]
			if size.IsPositive() {
				oi = oi.Add(size)
			}
			st, err := k.MarketStates.Get(ctx, d.Id)
			require.NoError(t, err)
			st.OpenInterest = oi.Uint64()
			require.NoError(t, k.MarketStates.Set(ctx, d.Id, st))
		}
	})
	populate := time.Since(start)
	_, _, _ = b.block() // settle: one ordinary block over the new state
	runtime.GC()
	sizeAfter := dirBytes(t, b.dir)
	// The sweep's own state: index keys and filings (logical key + value bytes, without IAVL's node overhead).
	var indexKeys, filings, sweepBytes int
	ctx = b.readCtx()
	require.NoError(t, k.SweepIndex.Walk(ctx, nil, func(key clearingkeeper.SweepIndexKey) (bool, error) {
		indexKeys++
		sweepBytes += 1 + 8 + 8 + 1 + len(key.K3()) + 4
		return false, nil
	}))
	require.NoError(t, k.SweepFilings.Walk(ctx, nil, func(key clearingkeeper.SubaccountKey, f clearingkeeper.SweepFiling) (bool, error) {
		filings++
		sweepBytes += 1 + 1 + len(key.K1()) + 4 + 4 + 9*len(f.Entries)
		return false, nil
	}))

	// A block without any price change: the fixed cost of a block (every module's begin/end block, the sweep's
	// O(markets) range checks).
	_, emptyExec, _ := b.block()

	// (a) A calm block: every price moves by at most 0.1%.
	pr := rand.New(rand.NewSource(7))
	b.write(func(ctx sdk.Context) { b.setPrices(ctx, func(uint32) int64 { return pr.Int63n(2_001) - 1_000 }) })
	sweepCtx, _ := b.readCtx().CacheContext()
	start = time.Now()
	require.NoError(t, k.Sweep(sweepCtx))
	calmSweep := time.Since(start)
	calmRes, calmExec, calmCommit := b.block()
	calmEv := sweepEvent(t, calmRes.Events)

	// (b) The full scan of the same state.
	ctx = b.readCtx()
	start = time.Now()
	full, err := k.FullScanLiquidatable(ctx)
	require.NoError(t, err)
	fullScan := time.Since(start)
	var set []clearingkeeper.SubaccountKey
	require.NoError(t, k.Liquidatable.Walk(ctx, nil, func(key clearingkeeper.SubaccountKey) (bool, error) {
		set = append(set, key)
		return false, nil
	}))
	sameSet := len(set) == len(full)
	for i := 0; sameSet && i < len(set); i++ {
		sameSet = set[i].K1().Equals(full[i].K1()) && set[i].K2() == full[i].K2()
	}

	// (c) A −10% block on every pair. The sweep runs in a committed block of its own (sweep + commit; the EndBlock
	// waterfall is measured separately below, only when CLEARCHAIN_SWEEP_WATERFALL is set or the population is at
	// most 100,000: it is bounded by the caps, not by the population). Its set is checked against a full scan.
	b.write(func(ctx sdk.Context) { b.setPrices(ctx, func(uint32) int64 { return -100_000 }) })
	var crashSweep, orderTime time.Duration
	var crashFound, crashFull []clearingkeeper.SubaccountKey
	var crashEv clearingtypes.EventSweep
	crashCommit := b.write(func(ctx sdk.Context) {
		start := time.Now()
		require.NoError(t, k.Sweep(ctx))
		crashSweep = time.Since(start)
		crashEv = sweepEvent(t, ctx.EventManager().ABCIEvents())
		start = time.Now()
		var err error
		crashFound, err = k.LiquidatableKeys(ctx) // the whole set, most underwater first (the crash block orders all of it: every account is fresh)
		require.NoError(t, err)
		orderTime = time.Since(start)
		crashFull, err = k.FullScanLiquidatable(ctx)
		require.NoError(t, err)
	})
	sameSetCrash := len(crashFound) == len(crashFull) && int(crashEv.Liquidatable) == len(crashFull)
	cap := int(clearingtypes.DefaultMaxLiquidationsPerBlock)
	figures := map[string]any{}
	if os.Getenv("CLEARCHAIN_SWEEP_WATERFALL") != "" || count <= 100_000 {
		// The next block: its EndBlock hands the set to the waterfall under the caps; the rest is deferred. The
		// block after: the queue is still liquidatable and the sweep evaluates only what moved (nothing).
		res, exec, _ := b.block()
		queued, err := k.DeferredKeys(b.readCtx())
		require.NoError(t, err)
		next, nextExec, _ := b.block()
		nextEv := sweepEvent(t, next.Events)
		figures["waterfall_block_ms"] = float64(exec.Microseconds()) / 1000
		figures["waterfall_liquidations"] = countEvents(res.Events, "clearchain.clearing.v1.EventLiquidation")
		figures["waterfall_deleverages"] = countEvents(res.Events, "clearchain.clearing.v1.EventDeleverage")
		figures["waterfall_queued"] = len(queued)
		figures["next_block_ms"] = float64(nextExec.Microseconds()) / 1000
		figures["next_block_evaluated"] = nextEv.Evaluated
		figures["next_block_deferred"] = nextEv.Deferred
	}

	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	round := func(x float64) float64 { return float64(int64(x*100)) / 100 }
	for k, v := range map[string]any{
		"subaccounts":                count,
		"positions_indexed":          indexKeys,
		"filings":                    filings,
		"populate_s":                 round(populate.Seconds()),
		"populate_commit_s":          round(commitTotal.Seconds()),
		"calm_sweep_ms":              round(ms(calmSweep)),
		"empty_block_ms":             round(ms(emptyExec)),
		"calm_block_ms":              round(ms(calmExec)),
		"calm_commit_ms":             round(ms(calmCommit)),
		"calm_evaluated":             calmEv.Evaluated,
		"full_scan_ms":               round(ms(fullScan)),
		"ratio_full_scan_to_sweep":   round(ms(fullScan) / ms(calmSweep)),
		"ratio_full_scan_to_block":   round(ms(fullScan) / ms(calmExec)),
		"same_set":                   strconv.FormatBool(sameSet),
		"liquidatable_calm":          len(set),
		"crash_sweep_ms":             round(ms(crashSweep)),
		"crash_commit_ms":            round(ms(crashCommit)),
		"crash_block_ms":             round(ms(crashSweep + crashCommit)),
		"crash_evaluated":            crashEv.Evaluated,
		"crash_liquidatable_found":   len(crashFound),
		"crash_queued_by_caps":       max(0, len(crashFound)-cap),
		"same_set_crash":             strconv.FormatBool(sameSetCrash),
		"liquidatable_keys_ms":       round(ms(orderTime)),
		"sweep_us_per_evaluated":     round(float64(crashSweep.Microseconds()) / float64(max(crashEv.Evaluated, 1))),
		"full_scan_us_per_account":   round(float64(fullScan.Microseconds()) / float64(count)),
		"sweep_bytes_per_subaccount": sweepBytes / count,
		"bytes_per_subaccount":       (sizeAfter - sizeBefore) / int64(count),
		"rss_mib":                    round(peakRSSMiB()),
		"max_liquidations_per_block": cap,
	} {
		figures[k] = v
	}
	require.NoError(t, benchout.Record("sweep", figures))
}
