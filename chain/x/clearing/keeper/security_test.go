package keeper_test

import (
	"strings"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// Regression tests for the security review (docs/SECURITY.md). Each failed before its fix.

// code returns a registered error's ABCI code.
func code(err error) uint32 { return err.(interface{ ABCICode() uint32 }).ABCICode() }

// requireRejected asserts one rejected fill with the given error and an unchanged state.
func requireRejected(t *testing.T, f *fixture, want error, fills ...types.Fill) {
	t.Helper()
	before := f.snapshot(t)
	res := submit(t, f, fills...)
	require.Equal(t, uint32(0), res.Settled)
	require.Equal(t, code(want), res.Results[0].Code, res.Results[0].Log)
	require.Equal(t, before, f.snapshot(t), "a rejected fill changed state")
	f.requireAllInvariants(t)
}

// requireAllInvariants checks every registered clearing invariant.
func (f *fixture) requireAllInvariants(t *testing.T) {
	t.Helper()
	for _, check := range []func() (string, bool){
		func() (string, bool) { return f.k.CheckCollateralInvariant(f.ctx) },
		func() (string, bool) { return f.k.CheckNoFlatDebt(f.ctx) },
		func() (string, bool) { return f.k.CheckOpenInterest(f.ctx) },
		func() (string, bool) { return f.k.CheckInsuranceNonNegative(f.ctx) },
		func() (string, bool) { return f.k.CheckLiquidationQueue(f.ctx) },
		func() (string, bool) { return f.k.CheckOrderExpiry(f.ctx) },
	} {
		msg, broken := check()
		require.False(t, broken, msg)
	}
}

// drainSetup: two accounts of one attacker each deposit 1,300 USDC and open 0.4 BTC at the 60,000 oracle (20x);
// the taker (long) is attacker1.
func drainSetup(t *testing.T) (*fixture, trader, trader) {
	f := newFixture(t)
	a1, a2 := newTrader(7), newTrader(8)
	for _, tr := range []trader{a1, a2} {
		f.fund(tr.addr, usdc(1_300_000_000))
		require.NoError(t, deposit(f, tr.addr, 0, usdc(1_300_000_000)))
	}
	size := 40_000_000 // 0.4 BTC
	res := submit(t, f, fill(a2, a2.order(0, types.SIDE_SELL, uint64(size), btc60k, 1), a1, a1.order(0, types.SIDE_BUY, uint64(size), btc60k, 1), uint64(size), btc60k))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	return f, a1, a2
}

// closeFill is attacker1 selling size back to attacker2 at price.
func closeFill(a1, a2 trader, nonce, size, price uint64) types.Fill {
	return fill(a2, a2.order(0, types.SIDE_BUY, size, price, nonce), a1, a1.order(0, types.SIDE_SELL, size, price, nonce), size, price)
}

func TestSecurityDrainThroughRiskReducingFillAtOneDollar(t *testing.T) {
	f, a1, a2 := drainSetup(t)
	requireRejected(t, f, types.ErrFillOutsideBand, closeFill(a1, a2, 2, 40_000_000, 1_000_000))
}

func TestSecurityDrainAtTheBandEdgeAfterAPriceDrop(t *testing.T) {
	f, a1, a2 := drainSetup(t)
	f.oracle.prices[1] = 57_600_000_000 // −4%: attacker1 is below maintenance margin
	// Inside the 5% band (54,720 = oracle × 0.95) the close would leave attacker1 with negative equity.
	requireRejected(t, f, types.ErrInsufficientMargin, closeFill(a1, a2, 2, 40_000_000, 54_720_000_000))
	// With the widest band governance may set, the margin rule alone still refuses.
	m, err := f.k.GetMarket(f.ctx, 1)
	require.NoError(t, err)
	m.FillPriceBandPpm = types.MaxFillPriceBandPpm
	require.NoError(t, f.k.UpdateMarket(f.ctx, m))
	requireRejected(t, f, types.ErrInsufficientMargin, closeFill(a1, a2, 3, 40_000_000, 51_840_000_000))
	// A partial close 2% under the oracle keeps equity positive but lowers equity ÷ MM: refused.
	requireRejected(t, f, types.ErrInsufficientMargin, closeFill(a1, a2, 4, 20_000_000, 56_448_000_000))
	// Closing at the oracle price is risk-reducing without worsening anything: accepted, no debt anywhere.
	res := submit(t, f, closeFill(a1, a2, 5, 40_000_000, 57_600_000_000))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	sa := subaccount(t, f, a1, 0)
	require.Empty(t, sa.Positions)
	require.True(t, sa.Collateral.IsPositive(), sa.Collateral.String())
	f.requireAllInvariants(t)
	require.NoError(t, f.k.EndBlock(f.ctx))
}

func TestSecurityUndercollateralisedSideMayImproveItself(t *testing.T) {
	f, a1, a2 := drainSetup(t)
	f.oracle.prices[1] = 57_600_000_000
	// Half at the oracle: equity ÷ MM rises, equity stays positive: the owner may de-risk below IM.
	res := submit(t, f, closeFill(a1, a2, 2, 20_000_000, 57_600_000_000))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	// Growing the position below IM is refused.
	requireRejected(t, f, types.ErrInsufficientMargin,
		fill(a2, a2.order(0, types.SIDE_SELL, 10_000_000, 57_600_000_000, 3), a1, a1.order(0, types.SIDE_BUY, 10_000_000, 57_600_000_000, 3), 10_000_000, 57_600_000_000))
}

// setFundingInterval makes market 1 apply funding every n blocks.
func setFundingInterval(t *testing.T, f *fixture, n uint64) {
	m, err := f.k.GetMarket(f.ctx, 1)
	require.NoError(t, err)
	m.FundingIntervalBlocks = n
	require.NoError(t, f.k.UpdateMarket(f.ctx, m))
}

// endBlocks runs EndBlock at the next n heights.
func endBlocks(t *testing.T, f *fixture, n int) {
	for i := 0; i < n; i++ {
		require.NoError(t, f.k.EndBlock(f.ctx))
		f.ctx = f.ctx.WithBlockHeight(f.ctx.BlockHeight() + 1)
	}
}

func marketState(t *testing.T, f *fixture) types.MarketState {
	st, err := f.k.MarketStates.Get(f.ctx, 1)
	require.NoError(t, err)
	return st
}

func TestSecurityDustAndWashTradesDoNotMoveFunding(t *testing.T) {
	f, alice, bob := funded(t)
	setFundingInterval(t, f, 2)
	endBlocks(t, f, 1) // starts the interval
	// A 0.0001 BTC print at twice the oracle price is outside the band.
	requireRejected(t, f, types.ErrFillOutsideBand, fill(alice, alice.order(0, types.SIDE_SELL, 10_000, 120_000_000_000, 1), bob, bob.order(0, types.SIDE_BUY, 10_000, 120_000_000_000, 1), 10_000, 120_000_000_000))
	// Dust inside the band between two owners, and a large trade between two subaccounts of one owner, settle but
	// never count toward the premium.
	res := submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, 10_000, 62_400_000_000, 2), bob, bob.order(0, types.SIDE_BUY, 10_000, 62_400_000_000, 2), 10_000, 62_400_000_000))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	require.NoError(t, deposit(f, alice.addr, 1, usdc(5_000_000_000)))
	res = submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, 10_000_000, 62_400_000_000, 3), alice, alice.order(1, types.SIDE_BUY, 10_000_000, 62_400_000_000, 3), 10_000_000, 62_400_000_000))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	endBlocks(t, f, 2)
	st := marketState(t, f)
	require.Equal(t, int64(0), st.LastFundingRatePpm, "dust and wash trades set the funding rate")
	require.NotZero(t, st.LastFundingHeight)
	// A real trade between two owners (61,200 = +2%) counts with its notional weight for its block only.
	res = submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, 2_000_000, 61_200_000_000, 4), bob, bob.order(0, types.SIDE_BUY, 2_000_000, 61_200_000_000, 4), 2_000_000, 61_200_000_000))
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	endBlocks(t, f, 1)
	st = marketState(t, f)
	require.Equal(t, int64(20_000), st.PremiumSumPpm)
	require.True(t, st.BlockPremiumNotional.IsZero())
	endBlocks(t, f, 1)
	require.Equal(t, int64(10_000), marketState(t, f).LastFundingRatePpm) // (20,000 + 0) / 2 samples
}

func TestSecurityVenueBoundOrder(t *testing.T) {
	f, alice, bob := funded(t)
	venue := addr(300)
	mo := alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1)
	mo.Venue = venue.String()
	fl := fill(alice, mo, bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1), 10_000, btc60k)
	requireRejected(t, f, types.ErrVenueMismatch, fl) // submitted by addr(submitFr)
	res, err := f.msgs.SubmitTrades(f.ctx, &types.MsgSubmitTrades{Submitter: venue.String(), Fills: []types.Fill{fl}})
	require.NoError(t, err)
	require.Equal(t, uint32(1), res.Settled, res.Results[0].Log)
	// The venue is signed: changing it breaks the signature.
	forged := fl
	forged.MakerOrder.Venue = addr(submitFr).String()
	requireRejected(t, f, types.ErrInvalidSignature, forged)
	// A malformed venue fails the whole message.
	bad := fl
	bad.MakerOrder.Venue = "clear1notanaddress"
	_, err = f.msgs.SubmitTrades(f.ctx, &types.MsgSubmitTrades{Submitter: venue.String(), Fills: []types.Fill{bad}})
	require.ErrorIs(t, err, types.ErrInvalidAddress)
}

func cancel(f *fixture, owner sdk.AccAddress, n uint32, gtb int64, hashes ...[]byte) (*types.MsgCancelOrdersResponse, error) {
	return f.msgs.CancelOrders(f.ctx, &types.MsgCancelOrders{Sender: owner.String(), SubaccountNumber: n, OrderHashes: hashes, GoodTilBlock: gtb})
}

func TestSecurityCancelledOrderNeverFills(t *testing.T) {
	f, alice, bob := funded(t)
	mo := alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1)
	hash, err := types.OrderHash(mo)
	require.NoError(t, err)
	fl := func(nonce uint64) types.Fill {
		return fill(alice, mo, bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, nonce), 10_000, btc60k)
	}
	// Someone else's cancellation has no effect on the order.
	res, err := cancel(f, bob.addr, 0, 0, hash)
	require.NoError(t, err)
	require.Equal(t, uint32(1), res.Cancelled)
	r := submit(t, f, fl(1))
	require.Equal(t, uint32(1), r.Settled, r.Results[0].Log)
	// The owner's cancellation stops it; it lasts until the order's own good_til_block (known from its fill record).
	res, err = cancel(f, alice.addr, 0, 0, hash, hash)
	require.NoError(t, err)
	require.Equal(t, uint32(1), res.Cancelled)
	requireRejected(t, f, types.ErrOrderCancelled, fl(2))
	c, err := f.k.Cancellations.Get(f.ctx, makeCancelKey(alice.addr, hash))
	require.NoError(t, err)
	require.Equal(t, mo.GoodTilBlock, c.GoodTilBlock)
	// Cancellations are pruned after they expire, and the order is expired by then.
	f.ctx = f.ctx.WithBlockHeight(mo.GoodTilBlock + 1)
	require.NoError(t, f.k.EndBlock(f.ctx))
	has, err := f.k.Cancellations.Has(f.ctx, makeCancelKey(alice.addr, hash))
	require.NoError(t, err)
	require.False(t, has)
}

func TestSecurityCancelValidation(t *testing.T) {
	f, alice, _ := funded(t)
	_, err := cancel(f, alice.addr, 0, 0)
	require.ErrorIs(t, err, types.ErrInvalidCancel)
	_, err = cancel(f, alice.addr, 0, 0, []byte{1, 2, 3})
	require.ErrorIs(t, err, types.ErrInvalidCancel)
	hash := make([]byte, 32)
	_, err = cancel(f, alice.addr, 0, 5, hash) // before the current height
	require.ErrorIs(t, err, types.ErrInvalidCancel)
	_, err = cancel(f, alice.addr, 0, 10+2*int64(types.DefaultMaxOrderLifetimeBlocks)+1, hash)
	require.ErrorIs(t, err, types.ErrInvalidCancel)
	res, err := cancel(f, alice.addr, 0, 0, hash)
	require.NoError(t, err)
	require.Equal(t, uint32(1), res.Cancelled)
}

func TestSecurityOrderLifetimeIsBounded(t *testing.T) {
	f, alice, bob := funded(t)
	mo := alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1)
	mo.GoodTilBlock = f.ctx.BlockHeight() + int64(types.DefaultMaxOrderLifetimeBlocks) + 1
	requireRejected(t, f, types.ErrOrderLifetime, fill(alice, mo, bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1), 10_000, btc60k))
	mo.GoodTilBlock--
	r := submit(t, f, fill(alice, mo, bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 2), 10_000, btc60k))
	require.Equal(t, uint32(1), r.Settled, r.Results[0].Log)
}

func TestSecurityCollateralLeavesOnlyAtFreshPrices(t *testing.T) {
	f, alice, bob := funded(t)
	r := submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1), bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1), 1_000_000, btc60k))
	require.Equal(t, uint32(1), r.Settled, r.Results[0].Log)
	for _, setup := range []func(bool){func(v bool) { f.oracle.stale[1] = v }, func(v bool) { f.oracle.halted[1] = v }} {
		setup(true)
		before := f.snapshot(t)
		require.ErrorIs(t, withdraw(f, bob.addr, 0, usdc(1), ""), types.ErrPriceNotFresh)
		_, err := f.msgs.Transfer(f.ctx, &types.MsgTransfer{Sender: bob.addr.String(), FromNumber: 0, ToNumber: 1, Amount: usdc(1)})
		require.ErrorIs(t, err, types.ErrPriceNotFresh)
		require.Equal(t, before, f.snapshot(t))
		setup(false)
	}
	require.NoError(t, withdraw(f, bob.addr, 0, usdc(1), ""))
}

func TestSecurityFillsRespectMaxSubaccountsPerOwner(t *testing.T) {
	f, alice, bob := funded(t)
	p := types.DefaultParams()
	p.MaxSubaccountsPerOwner = 1
	require.NoError(t, f.k.UpdateParams(f.ctx, p))
	requireRejected(t, f, types.ErrTooManySubaccounts,
		fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1), bob, bob.order(1, types.SIDE_BUY, oneBTC, btc60k, 1), 10_000, btc60k))
}

func TestSecuritySignatureWorkerPanicIsAFillError(t *testing.T) {
	f, alice, bob := funded(t)
	restore := keeper.SetVerifyHookForTest(func(types.PreparedOrder, []byte, []byte) error { panic("boom") })
	defer restore()
	requireRejected(t, f, types.ErrInvalidSignature,
		fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1), bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1), 10_000, btc60k))
}

func TestSecurityFillResultsCarryNoBuildPaths(t *testing.T) {
	f, alice, bob := funded(t)
	delete(f.oracle.prices, 1) // the oracle's wrapped error formats with a [file:line] frame under %v
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	res := submit(t, f, fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1), bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1), 10_000, btc60k))
	require.Equal(t, code(types.ErrPriceUnavailable), res.Results[0].Code)
	require.Equal(t, types.ErrPriceUnavailable.Error(), res.Results[0].Log, "the consensus-hashed log is the registered description")
	for _, ev := range f.ctx.EventManager().Events() {
		for _, attr := range ev.Attributes {
			require.NotContains(t, attr.Value, ".go:", "event %s carries a source path", ev.Type)
		}
	}
	bz, err := res.Marshal()
	require.NoError(t, err)
	require.False(t, strings.Contains(string(bz), ".go"), "tx result data carries a source path")
}

func TestSecurityCollateralDenomLockedWhileCollateralExists(t *testing.T) {
	f := newFixture(t)
	p := types.DefaultParams()
	p.CollateralDenom = "uother"
	require.NoError(t, f.k.UpdateParams(f.ctx, p), "no collateral yet: the denom may change")
	p.CollateralDenom = types.DefaultCollateralDenom
	require.NoError(t, f.k.UpdateParams(f.ctx, p))
	a := addr(1)
	f.fund(a, usdc(10))
	require.NoError(t, deposit(f, a, 0, usdc(10)))
	p.CollateralDenom = "uother"
	require.ErrorIs(t, f.k.UpdateParams(f.ctx, p), types.ErrCollateralDenomLocked)
	p.CollateralDenom, p.OrderHeightOffset = types.DefaultCollateralDenom, 5
	require.ErrorIs(t, f.k.UpdateParams(f.ctx, p), types.ErrInvalidParams, "governance cannot move the order height offset")
}

func TestSecurityPairInUse(t *testing.T) {
	f := newFixture(t)
	used, err := f.k.PairInUse(f.ctx, 1)
	require.NoError(t, err)
	require.True(t, used)
	used, err = f.k.PairInUse(f.ctx, 4)
	require.NoError(t, err)
	require.False(t, used)
}

func TestSecurityNoFlatDebtInvariantDetectsDebt(t *testing.T) {
	f := newFixture(t)
	a := addr(1)
	sa := types.NewSubaccount(a.String(), 0)
	sa.Collateral = math.NewInt(-1)
	require.NoError(t, f.k.Subaccounts.Set(f.ctx, makeKey(a, 0), sa))
	_, broken := f.k.CheckNoFlatDebt(f.ctx)
	require.True(t, broken)
}

func TestSecurityZeroHeightRebaseKeepsExpiredOrdersExpired(t *testing.T) {
	f, alice, bob := funded(t)
	mo := alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 1) // good til block 100
	f.ctx = f.ctx.WithBlockHeight(150)
	require.NoError(t, f.k.PrepForZeroHeight(f.ctx))
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	g := newFixture(t)
	g.bank.balances = f.bank.balances
	require.NoError(t, g.k.InitGenesis(g.ctx, gs))
	g.ctx = g.ctx.WithBlockHeight(1) // the new chain restarts heights
	requireRejected(t, g, types.ErrOrderExpired, fill(alice, mo, bob, bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 1), 10_000, btc60k))
	fresh := alice.order(0, types.SIDE_SELL, oneBTC, btc60k, 2)
	fresh.GoodTilBlock = 160 // still ahead of the rebased order height 151
	taker := bob.order(0, types.SIDE_BUY, oneBTC, btc60k, 2)
	taker.GoodTilBlock = 160
	r := submit(t, g, fill(alice, fresh, bob, taker, 10_000, btc60k))
	require.Equal(t, uint32(1), r.Settled, r.Results[0].Log)
}

func makeCancelKey(owner sdk.AccAddress, hash []byte) keeper.CancellationKey {
	return collections.Join(owner, hash)
}
