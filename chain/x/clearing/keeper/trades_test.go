package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

const testChainID = "clearchain-test"

// trader is a key that signs orders.
type trader struct {
	priv *secp256k1.PrivKey
	addr sdk.AccAddress
}

func newTrader(seed byte) trader {
	priv := secp256k1.GenPrivKeyFromSecret([]byte{seed, 'c', 'l', 'r'})
	return trader{priv: priv, addr: sdk.AccAddress(priv.PubKey().Address())}
}

// order returns a BTC-USD order of this trader's subaccount n.
func (t trader) order(n uint32, side types.Side, size, limit uint64, nonce uint64) types.Order {
	return types.Order{Owner: t.addr.String(), SubaccountNumber: n, MarketId: 1, Side: side, Size_: size, LimitPrice: limit,
		Nonce: nonce, GoodTilBlock: 100, ChainId: testChainID}
}

func (t trader) sign(o types.Order) []byte {
	bz, err := types.OrderSignBytes(o)
	if err != nil {
		panic(err)
	}
	sig, err := t.priv.Sign(bz)
	if err != nil {
		panic(err)
	}
	return sig
}

// fill builds a signed fill.
func fill(maker trader, mo types.Order, taker trader, to types.Order, size, price uint64) types.Fill {
	return types.Fill{MakerOrder: mo, MakerPubKey: maker.priv.PubKey().Bytes(), MakerSignature: maker.sign(mo),
		TakerOrder: to, TakerPubKey: taker.priv.PubKey().Bytes(), TakerSignature: taker.sign(to), Size_: size, Price: price}
}

const (
	oneBTC   = uint64(100_000_000)
	btc60k   = uint64(60_000_000_000)
	submitFr = 200
)

// funded returns a fixture with alice and bob holding 10,000 USDC in subaccount 0.
func funded(t *testing.T) (*fixture, trader, trader) {
	f := newFixture(t)
	alice, bob := newTrader(1), newTrader(2)
	for _, tr := range []trader{alice, bob} {
		f.fund(tr.addr, usdc(20_000_000_000))
		require.NoError(t, deposit(f, tr.addr, 0, usdc(10_000_000_000)))
	}
	return f, alice, bob
}

func submit(t *testing.T, f *fixture, fills ...types.Fill) *types.MsgSubmitTradesResponse {
	t.Helper()
	res, err := f.msgs.SubmitTrades(f.ctx, &types.MsgSubmitTrades{Submitter: addr(submitFr).String(), Fills: fills})
	require.NoError(t, err)
	return res
}

func subaccount(t *testing.T, f *fixture, tr trader, n uint32) types.Subaccount {
	sa, err := f.k.GetSubaccount(f.ctx, tr.addr, n)
	require.NoError(t, err)
	return sa
}

func TestTradeSettlesBothSides(t *testing.T) {
	f, alice, bob := funded(t)
	mo := alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1)
	to := bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1)
	res := submit(t, f, fill(alice, mo, bob, to, oneBTC/2, btc60k))
	require.Equal(t, uint32(1), res.Settled, res.Results)

	a, b := subaccount(t, f, alice, 0), subaccount(t, f, bob, 0)
	require.Equal(t, "-50000000", a.Positions[0].Size_.String())
	require.Equal(t, "50000000", b.Positions[0].Size_.String())
	// Notional 30,000 USDC: maker fee 0.02% = 6 USDC, taker fee 0.05% = 15 USDC.
	require.Equal(t, "9994000000", a.Collateral.String())
	require.Equal(t, "9985000000", b.Collateral.String())
	ins, _ := f.k.InsuranceFund.Get(f.ctx)
	fees, _ := f.k.FeesAccrued.Get(f.ctx)
	require.Equal(t, "10500000", ins.String())
	require.Equal(t, "10500000", fees.String())
	f.requireInvariant(t)

	st, err := f.k.MarketStates.Get(f.ctx, 1)
	require.NoError(t, err)
	require.Equal(t, uint64(50_000_000), st.OpenInterest)

	// The rest of both orders fills; then they are exhausted (replay protection).
	res = submit(t, f, fill(alice, mo, bob, to, oneBTC/2, btc60k))
	require.Equal(t, uint32(1), res.Settled)
	res = submit(t, f, fill(alice, mo, bob, to, 10_000, btc60k))
	require.Equal(t, uint32(0), res.Settled)
	require.Equal(t, types.ErrOverfill.ABCICode(), res.Results[0].Code)

	// Fees are paid out at the end of the block.
	require.NoError(t, f.k.EndBlock(f.ctx))
	fees, _ = f.k.FeesAccrued.Get(f.ctx)
	require.True(t, fees.IsZero())
	f.requireInvariant(t)
}

func TestBatchWithOneBadFillSettlesTheOthers(t *testing.T) {
	f, alice, bob := funded(t)
	good1 := fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1), bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1), 10_000, btc60k)
	bad := fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 2), bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k-1_000_000, 2), 10_000, btc60k)
	good2 := fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 3), bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 3), 10_000, btc60k)
	res := submit(t, f, good1, bad, good2)
	require.Equal(t, uint32(2), res.Settled)
	require.False(t, res.Results[1].Success)
	require.Equal(t, types.ErrPriceOutsideLimit.ABCICode(), res.Results[1].Code)
	require.Equal(t, "20000", subaccount(t, f, bob, 0).Positions[0].Size_.String())
	f.requireInvariant(t)
}

func TestFillBreachingInitialMarginIsRejected(t *testing.T) {
	f, alice, bob := funded(t)
	// 10,000 USDC at 5% IMF supports 200,000 notional: 4 BTC fits, 4.0001 does not (fees too).
	before := f.snapshot(t)
	res := submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, 10*oneBTC, btc60k, 1), bob, bob.order(0, types.SIDE_BUY, 10*oneBTC, btc60k, 1), 4*oneBTC, btc60k))
	require.Equal(t, uint32(0), res.Settled)
	require.Equal(t, types.ErrInsufficientMargin.ABCICode(), res.Results[0].Code)
	require.Equal(t, before, f.snapshot(t), "a rejected fill changes nothing")
	res = submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, 10*oneBTC, btc60k, 2), bob, bob.order(0, types.SIDE_BUY, 10*oneBTC, btc60k, 2), 3*oneBTC, btc60k))
	require.Equal(t, uint32(1), res.Settled, res.Results)
}

func TestReducingFillSkipsInitialMargin(t *testing.T) {
	f, alice, bob := funded(t)
	res := submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, 3*oneBTC, btc60k, 1), bob, bob.order(0, types.SIDE_BUY, 3*oneBTC, btc60k, 1), 3*oneBTC, btc60k))
	require.Equal(t, uint32(1), res.Settled)
	// Price rises 3%: alice (short 3 BTC) is below initial margin but may still reduce.
	f.oracle.prices[1] = 61_800_000_000
	carol := newTrader(3)
	f.fund(carol.addr, usdc(50_000_000_000))
	require.NoError(t, deposit(f, carol.addr, 0, usdc(50_000_000_000)))
	h, err := f.k.Health(f.ctx, subaccount(t, f, alice, 0))
	require.NoError(t, err)
	require.True(t, h.FreeCollateral.IsNegative())
	res = submit(t, f, fill(carol, carol.order(0, types.SIDE_SELL, oneBTC, 61_800_000_000, 1), alice, alice.order(0, types.SIDE_BUY, oneBTC, 61_800_000_000, 9), oneBTC, 61_800_000_000))
	require.Equal(t, uint32(1), res.Settled, res.Results)
	require.Equal(t, "-200000000", subaccount(t, f, alice, 0).Positions[0].Size_.String())
	f.requireInvariant(t)
}

func TestFundingAccruesAndSettles(t *testing.T) {
	f, alice, bob := funded(t)
	mkt, err := f.k.GetMarket(f.ctx, 1)
	require.NoError(t, err)
	mkt.FundingIntervalBlocks = 2
	mkt.InterestRatePpm = 100 // 0.01% per interval, longs pay
	_, err = f.msgs.UpdateMarket(f.ctx, &types.MsgUpdateMarket{Authority: f.authority, Market: mkt})
	require.NoError(t, err)
	res := submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1), bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1), oneBTC, btc60k))
	require.Equal(t, uint32(1), res.Settled)
	for i := 0; i < 3; i++ {
		f.ctx = f.ctx.WithBlockHeight(f.ctx.BlockHeight() + 1)
		require.NoError(t, f.k.EndBlock(f.ctx))
	}
	st, err := f.k.MarketStates.Get(f.ctx, 1)
	require.NoError(t, err)
	require.Equal(t, "6000000000000", st.FundingIndex.String(), "one interval at 0.01% of 60,000")
	hb, err := f.k.Health(f.ctx, subaccount(t, f, bob, 0))
	require.NoError(t, err)
	require.Equal(t, "6000000", hb.Positions[0].FundingOwed.String(), "the long owes 6 USDC")
	collBefore := subaccount(t, f, bob, 0).Collateral
	// Touching the subaccount settles funding lazily.
	_, err = f.msgs.Transfer(f.ctx, &types.MsgTransfer{Sender: bob.addr.String(), FromNumber: 0, ToNumber: 1, Amount: usdc(1)})
	require.NoError(t, err)
	require.Equal(t, collBefore.SubRaw(6_000_001).String(), subaccount(t, f, bob, 0).Collateral.String())
	f.requireInvariant(t)
}

func TestWithdrawalIsMarginChecked(t *testing.T) {
	f, alice, bob := funded(t)
	res := submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, 2*oneBTC, btc60k, 1), bob, bob.order(0, types.SIDE_BUY, 2*oneBTC, btc60k, 1), 2*oneBTC, btc60k))
	require.Equal(t, uint32(1), res.Settled, res.Results)
	// bob: 9,940 USDC collateral after the 60 USDC taker fee, IM 6,000 → 3,940 withdrawable.
	h, err := f.k.Health(f.ctx, subaccount(t, f, bob, 0))
	require.NoError(t, err)
	require.Equal(t, "3940000000", h.Withdrawable.String())
	require.ErrorIs(t, withdraw(f, bob.addr, 0, usdc(3_940_000_001), ""), types.ErrInsufficientMargin)
	// Profit is not withdrawable by default (max_upnl_withdraw_ppm = 0): a 10% rally changes nothing for bob.
	f.oracle.prices[1] = 66_000_000_000
	h, err = f.k.Health(f.ctx, subaccount(t, f, bob, 0))
	require.NoError(t, err)
	require.Equal(t, "3340000000", h.Withdrawable.String(), "IM grows with notional; profit does not count")
	require.NoError(t, withdraw(f, bob.addr, 0, usdc(3_340_000_000), ""))
	f.requireInvariant(t)
}

func TestIsolatedSubaccount(t *testing.T) {
	f, alice, bob := funded(t)
	_, err := f.msgs.SetIsolated(f.ctx, &types.MsgSetIsolated{Sender: bob.addr.String(), SubaccountNumber: 0, MarketId: 2})
	require.NoError(t, err)
	res := submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1), bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1), 10_000, btc60k))
	require.Equal(t, types.ErrIsolation.ABCICode(), res.Results[0].Code)
	_, err = f.msgs.SetIsolated(f.ctx, &types.MsgSetIsolated{Sender: bob.addr.String(), SubaccountNumber: 0, MarketId: 0})
	require.NoError(t, err)
	res = submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 2), bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 2), 10_000, btc60k))
	require.Equal(t, uint32(1), res.Settled)
	_, err = f.msgs.SetIsolated(f.ctx, &types.MsgSetIsolated{Sender: bob.addr.String(), SubaccountNumber: 0, MarketId: 1})
	require.ErrorIs(t, err, types.ErrNotFlat)
}

func TestOrderPruning(t *testing.T) {
	f, alice, bob := funded(t)
	mo := alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1)
	mo.GoodTilBlock = 12
	to := bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1)
	to.GoodTilBlock = 12
	require.Equal(t, uint32(1), submit(t, f, fill(alice, mo, bob, to, 10_000, btc60k)).Settled)
	h, _ := types.OrderHash(mo)
	has, _ := f.k.OrderFills.Has(f.ctx, h)
	require.True(t, has)
	f.ctx = f.ctx.WithBlockHeight(13)
	require.NoError(t, f.k.EndBlock(f.ctx))
	has, _ = f.k.OrderFills.Has(f.ctx, h)
	require.False(t, has, "expired records are pruned")
	res := submit(t, f, fill(alice, mo, bob, to, 10_000, btc60k))
	require.Equal(t, types.ErrOrderExpired.ABCICode(), res.Results[0].Code, "and the order cannot fill again")
}

func TestGenesisRoundTripWithPositions(t *testing.T) {
	f, alice, bob := funded(t)
	submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1), bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1), 30_000, btc60k))
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, gs))
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	a, _ := gs.Marshal()
	b, _ := again.Marshal()
	require.Equal(t, a, b)
	require.Len(t, gs.OrderFills, 2)
	_ = math.ZeroInt()
}
