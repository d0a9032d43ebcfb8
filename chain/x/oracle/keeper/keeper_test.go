package keeper_test

import (
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/oracle"
	"github.com/clearchain/clearchain/chain/x/oracle/keeper"
	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

const btc = uint32(1)

type fixture struct {
	ctx       sdk.Context
	k         *keeper.Keeper
	msgs      types.MsgServer
	queries   types.QueryServer
	authority string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx
	enc := moduletestutil.MakeTestEncodingConfig(oracle.AppModule{})
	authority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), authority)
	require.NoError(t, k.InitGenesis(ctx, types.DefaultGenesis()))
	return &fixture{ctx: ctx.WithBlockHeight(1).WithBlockTime(time.Unix(1_700_000_000, 0)), k: k,
		msgs: keeper.NewMsgServerImpl(k), queries: keeper.NewQueryServer(k), authority: authority}
}

// vote builds one validator's vote with a BTC price.
func vote(v byte, power int64, btcPrice uint64) keeper.ValidatorVote {
	return keeper.ValidatorVote{ConsAddress: []byte{v}, Power: power,
		Extension: types.OracleVoteExtension{Prices: []types.PairPrice{{PairId: btc, PriceQuantums: btcPrice}}}}
}

// block advances one block and applies votes.
func (f *fixture) block(t *testing.T, total int64, votes ...keeper.ValidatorVote) {
	t.Helper()
	f.ctx = f.ctx.WithBlockHeight(f.ctx.BlockHeight() + 1).WithBlockTime(f.ctx.BlockTime().Add(500 * time.Millisecond)).
		WithEventManager(sdk.NewEventManager())
	require.NoError(t, f.k.ApplyVotes(f.ctx, votes, total))
}

func (f *fixture) view(t *testing.T) types.PriceView {
	t.Helper()
	res, err := f.queries.Price(f.ctx, &types.QueryPriceRequest{Base: "BTC", Quote: "USD"})
	require.NoError(t, err)
	return res.Price
}

func hasEvent(ctx sdk.Context, typ string) bool {
	for _, e := range ctx.EventManager().Events() {
		if e.Type == typ {
			return true
		}
	}
	return false
}

func TestQuorumAndStaleness(t *testing.T) {
	f := newFixture(t)
	require.True(t, f.view(t).Stale, "never priced is stale")

	f.block(t, 40, vote(1, 10, 60_000_000_000), vote(2, 10, 60_010_000_000), vote(3, 10, 59_990_000_000))
	v := f.view(t)
	require.Equal(t, "60000", v.Price)
	require.False(t, v.Stale)
	require.Equal(t, uint32(3), v.Reporters)

	// Exactly 2/3 of the power reporting is not enough: the old price stays.
	f.block(t, 30, vote(1, 10, 70_000_000_000), vote(2, 10, 70_000_000_000))
	require.Equal(t, "60000", f.view(t).Price)
	require.True(t, hasEvent(f.ctx, "clearchain.oracle.v1.EventOracleNoQuorum"))

	// Ten blocks without quorum: stale, and still the last price.
	for i := 0; i < 10; i++ {
		f.block(t, 40, vote(1, 10, 1))
	}
	v = f.view(t)
	require.True(t, v.Stale)
	require.Equal(t, "60000", v.Price)
	stale, err := f.k.IsStale(f.ctx, btc)
	require.NoError(t, err)
	require.True(t, stale)

	// Quorum again: fresh.
	f.block(t, 40, vote(1, 10, 61_000_000_000), vote(2, 10, 61_000_000_000), vote(3, 10, 61_000_000_000), vote(4, 10, 61_000_000_000))
	require.False(t, f.view(t).Stale)
	require.Equal(t, "61000", f.view(t).Price)
}

func TestLiarCannotMovePrice(t *testing.T) {
	f := newFixture(t)
	truth := uint64(60_000_000_000)
	for _, lie := range []uint64{truth * 10, truth / 10} {
		f.block(t, 40, vote(1, 10, truth), vote(2, 10, truth+1_000_000), vote(3, 10, truth-1_000_000), vote(4, 10, lie))
		q, _, err := f.k.GetPrice(f.ctx, btc)
		require.NoError(t, err)
		require.InDelta(t, float64(truth), float64(q), float64(truth)/100, "within 1%% of truth")
	}
}

func TestBandHaltAndCooldown(t *testing.T) {
	f := newFixture(t)
	p := uint64(60_000_000_000)
	for i := 0; i < 20; i++ {
		f.block(t, 10, vote(1, 10, p))
	}
	require.False(t, f.view(t).Halted)
	// A 3% jump against the moving median (band 2.5%) halts the pair; the price still updates.
	f.block(t, 10, vote(1, 10, p*103/100))
	v := f.view(t)
	require.True(t, v.Halted)
	require.Equal(t, "61800", v.Price)
	require.True(t, hasEvent(f.ctx, "clearchain.oracle.v1.EventPairHalted"))
	require.Equal(t, f.ctx.BlockHeight()+60, v.HaltedUntilHeight)
	// While the price stays beyond the band of the moving median, every block re-trips and extends the halt;
	// once the median catches up, the halt ends cooldown_blocks after the last trip.
	lastTrip := f.ctx.BlockHeight()
	for i := 0; i < 200 && f.view(t).Halted; i++ {
		f.block(t, 10, vote(1, 10, p*103/100))
		if hasEvent(f.ctx, "clearchain.oracle.v1.EventPairHalted") {
			lastTrip = f.ctx.BlockHeight()
		}
	}
	require.False(t, f.view(t).Halted, "the halt ends")
	require.Equal(t, lastTrip+60, f.ctx.BlockHeight(), "cooldown counted from the last trip")

	// Governance halts and resumes explicitly.
	_, err := f.msgs.SetPairHalt(f.ctx, &types.MsgSetPairHalt{Authority: f.authority, Pair: "BTC/USD", Halted: true})
	require.NoError(t, err)
	f.block(t, 10, vote(1, 10, p*103/100))
	require.True(t, f.view(t).Halted)
	_, err = f.msgs.SetPairHalt(f.ctx, &types.MsgSetPairHalt{Authority: f.authority, Pair: "BTC/USD", Halted: false})
	require.NoError(t, err)
	require.False(t, f.view(t).Halted)
	_, err = f.msgs.SetPairHalt(f.ctx, &types.MsgSetPairHalt{Authority: "clear1xyz", Pair: "BTC/USD", Halted: true})
	require.ErrorIs(t, err, types.ErrInvalidAuthority)
	_, err = f.msgs.SetPairHalt(f.ctx, &types.MsgSetPairHalt{Authority: f.authority, Pair: "DOGE/USD", Halted: true})
	require.ErrorIs(t, err, types.ErrPairNotFound)
}

func TestSlowCrashTripsBand(t *testing.T) {
	f := newFixture(t)
	p := uint64(60_000_000_000)
	for i := 0; i < 120; i++ {
		f.block(t, 10, vote(1, 10, p))
	}
	// −30% over 600 blocks (5 minutes at 0.5 s): the move against the 120-block moving median exceeds 2.5%.
	tripped := false
	for i := 1; i <= 600 && !tripped; i++ {
		f.block(t, 10, vote(1, 10, p-p*3*uint64(i)/10/600))
		tripped = f.view(t).Halted
	}
	require.True(t, tripped)
}

func TestHistoryRingBufferIsBounded(t *testing.T) {
	f := newFixture(t)
	params := types.DefaultParams()
	params.HistoryBlocks = 150
	_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: params})
	require.NoError(t, err)
	for i := 0; i < 400; i++ {
		f.block(t, 10, vote(1, 10, 60_000_000_000+uint64(i)))
	}
	n := 0
	require.NoError(t, f.k.History.Walk(f.ctx, nil, func(keeper.HistoryKey, types.PricePoint) (bool, error) { n++; return false, nil }))
	require.Equal(t, 150, n, "one entry per slot, never more")
	res, err := f.queries.PriceHistory(f.ctx, &types.QueryPriceHistoryRequest{Base: "BTC", Quote: "USD"})
	require.NoError(t, err)
	require.Len(t, res.Points, 150)
	require.Equal(t, f.ctx.BlockHeight(), res.Points[0].Height, "newest first")
	require.Equal(t, uint64(60_000_000_399), res.Points[0].PriceQuantums)
}

func TestVolatilityIsRecorded(t *testing.T) {
	// Default pairs sample once per vol_sample_blocks (≈ 1 h): the first price is the anchor, moves within the span
	// change nothing, and the first update at least vol_sample_blocks after the anchor adds one sample.
	f := newFixture(t)
	f.block(t, 10, vote(1, 10, 100_000_000)) // anchor
	anchor := f.ctx.BlockHeight()
	f.block(t, 10, vote(1, 10, 150_000_000))
	f.block(t, 10, vote(1, 10, 90_000_000))
	require.Equal(t, "0.000000000000000000", f.view(t).Volatility, "no sample within the span")
	f.ctx = f.ctx.WithBlockHeight(anchor + int64(types.DefaultVolSampleBlocks) - 2)
	f.block(t, 10, vote(1, 10, 120_000_000)) // anchor + 5,142: still inside
	require.Equal(t, "0.000000000000000000", f.view(t).Volatility)
	f.block(t, 10, vote(1, 10, 110_000_000)) // anchor + 5,143: +10% since the anchor, weight 1 − 0.94
	require.Equal(t, "0.024494897427831781", f.view(t).Volatility)
	f.block(t, 10, vote(1, 10, 55_000_000)) // −50% in the next block: the new sample is an hour away
	require.Equal(t, "0.024494897427831781", f.view(t).Volatility)

	// vol_sample_blocks = 0: one sample per update (the return since the previous price).
	g := newFixture(t)
	pair, err := g.k.Pairs.Get(g.ctx, 1)
	require.NoError(t, err)
	pair.VolSampleBlocks = 0
	require.NoError(t, g.k.Pairs.Set(g.ctx, 1, pair))
	g.block(t, 10, vote(1, 10, 100_000_000))
	g.block(t, 10, vote(1, 10, 110_000_000))
	require.Equal(t, "0.024494897427831781", g.view(t).Volatility)
}

func TestVolatilityAnchorSurvivesHeightReset(t *testing.T) {
	// After a zero-height export heights restart below the stored anchor: the next price re-anchors instead of
	// never sampling again.
	f := newFixture(t)
	f.ctx = f.ctx.WithBlockHeight(1_000_000)
	f.block(t, 10, vote(1, 10, 100_000_000))
	f.ctx = f.ctx.WithBlockHeight(5)
	f.block(t, 10, vote(1, 10, 200_000_000)) // re-anchors at height 6, no sample
	require.Equal(t, "0.000000000000000000", f.view(t).Volatility)
	ps, err := f.k.Prices.Get(f.ctx, 1)
	require.NoError(t, err)
	require.Equal(t, int64(6), ps.VolAnchorHeight)
	require.Equal(t, uint64(200_000_000), ps.VolAnchorPrice)
	f.ctx = f.ctx.WithBlockHeight(6 + int64(types.DefaultVolSampleBlocks) - 1)
	f.block(t, 10, vote(1, 10, 220_000_000))
	require.Equal(t, "0.024494897427831781", f.view(t).Volatility)
}

func TestUpsertPairAndGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	pair := types.DefaultPair("DOGE", "USD", 8)
	res, err := f.msgs.UpsertPair(f.ctx, &types.MsgUpsertPair{Authority: f.authority, Pair: pair})
	require.NoError(t, err)
	require.Equal(t, uint32(5), res.Id)
	pair.BandPpm = 50_000
	res, err = f.msgs.UpsertPair(f.ctx, &types.MsgUpsertPair{Authority: f.authority, Pair: pair})
	require.NoError(t, err)
	require.Equal(t, uint32(5), res.Id, "same BASE/QUOTE keeps its id")
	bad := pair
	bad.BandPpm = 0
	_, err = f.msgs.UpsertPair(f.ctx, &types.MsgUpsertPair{Authority: f.authority, Pair: bad})
	require.ErrorIs(t, err, types.ErrInvalidPair)

	for i := 0; i < 5; i++ {
		f.block(t, 10, vote(1, 10, 60_000_000_000+uint64(i)*1_000_000))
	}
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, gs))
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	a, _ := gs.Marshal()
	b, _ := again.Marshal()
	require.Equal(t, a, b)
}
