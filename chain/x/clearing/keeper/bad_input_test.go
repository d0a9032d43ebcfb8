package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// TestTradeBadInputTable: every malformed or disallowed request fails with its registered code and changes no
// state. Per-fill problems are reported in the response (the message succeeds); malformed messages fail whole.
func TestTradeBadInputTable(t *testing.T) {
	type outcome struct {
		wholeTx bool
		err     error
	}
	f, alice, bob := funded(t)
	carol := newTrader(3)
	sell := func(n uint64) types.Order { return alice.order(0, types.SIDE_SELL, oneBTC, btc60k, n) }
	buy := func(n uint64) types.Order { return bob.order(0, types.SIDE_BUY, oneBTC, btc60k, n) }
	good := func(n uint64) types.Fill { return fill(alice, sell(n), bob, buy(n), 10_000, btc60k) }

	// An order that already filled completely, for the replay case.
	replayed := fill(alice, alice.order(0, types.SIDE_SELL, 10_000, btc60k, 999), bob, bob.order(0, types.SIDE_BUY, 10_000, btc60k, 999), 10_000, btc60k)
	require.Equal(t, uint32(1), submit(t, f, replayed).Settled)
	// bob gets a position in BTC-USD (for isolation and reduce-only cases).
	require.Equal(t, uint32(1), submit(t, f, fill(alice, sell(998), bob, buy(998), oneBTC, btc60k)).Settled)

	mutate := func(fn func(*types.Fill)) types.Fill {
		fl := good(1)
		fn(&fl)
		return fl
	}
	resign := func(fl *types.Fill) {
		fl.MakerSignature, fl.TakerSignature = alice.sign(fl.MakerOrder), bob.sign(fl.TakerOrder)
	}
	setMarket := func(status types.MarketStatus) func() {
		return func() {
			m, _ := f.k.GetMarket(f.ctx, 1)
			m.Status = status
			require.NoError(t, f.k.Markets.Set(f.ctx, 1, m))
		}
	}
	restoreMarket := setMarket(types.MARKET_STATUS_ACTIVE)

	cases := []struct {
		name    string
		setup   func()
		cleanup func()
		fill    types.Fill
		fills   []types.Fill
		run     func() error
		want    outcome
	}{
		{name: "forged maker signature", fill: mutate(func(fl *types.Fill) { fl.MakerSignature = carol.sign(fl.MakerOrder) }), want: outcome{false, types.ErrInvalidSignature}},
		{name: "forged taker signature", fill: mutate(func(fl *types.Fill) { fl.TakerSignature = alice.sign(fl.TakerOrder) }), want: outcome{false, types.ErrInvalidSignature}},
		{name: "public key of someone else", fill: mutate(func(fl *types.Fill) { fl.MakerPubKey = carol.priv.PubKey().Bytes() }), want: outcome{false, types.ErrInvalidSignature}},
		{name: "signature over a different order", fill: mutate(func(fl *types.Fill) { fl.MakerOrder.LimitPrice-- }), want: outcome{false, types.ErrInvalidSignature}},
		{name: "bad signature bytes", fill: mutate(func(fl *types.Fill) { fl.MakerSignature = []byte{1, 2, 3} }), want: outcome{true, types.ErrInvalidSignature}},
		{name: "bad public key bytes", fill: mutate(func(fl *types.Fill) { fl.TakerPubKey = make([]byte, 65) }), want: outcome{true, types.ErrInvalidSignature}},
		{name: "order of another chain id", fill: mutate(func(fl *types.Fill) { fl.MakerOrder.ChainId = "other-chain"; resign(fl) }), want: outcome{false, types.ErrWrongChainID}},
		{name: "replayed order", fill: replayed, want: outcome{false, types.ErrOverfill}},
		{name: "over-filled order", fill: mutate(func(fl *types.Fill) { fl.Size_ = 2 * oneBTC }), want: outcome{false, types.ErrOverfill}},
		{name: "expired order", fill: mutate(func(fl *types.Fill) { fl.TakerOrder.GoodTilBlock = 9; resign(fl) }), want: outcome{false, types.ErrOrderExpired}},
		{name: "price above the buy limit", fill: mutate(func(fl *types.Fill) { fl.Price = btc60k + 1_000_000 }), want: outcome{false, types.ErrPriceOutsideLimit}},
		{name: "price below the sell limit", fill: mutate(func(fl *types.Fill) { fl.Price = btc60k - 1_000_000 }), want: outcome{false, types.ErrPriceOutsideLimit}},
		{name: "price off tick", fill: mutate(func(fl *types.Fill) { fl.MakerOrder.LimitPrice = btc60k - 1; resign(fl); fl.Price = btc60k - 1 }), want: outcome{false, types.ErrOffTick}},
		{name: "size off step", fill: mutate(func(fl *types.Fill) { fl.Size_ = 10_001 }), want: outcome{false, types.ErrOffStep}},
		{name: "zero size", fill: mutate(func(fl *types.Fill) { fl.Size_ = 0 }), want: outcome{true, types.ErrInvalidOrder}},
		{name: "zero price", fill: mutate(func(fl *types.Fill) { fl.Price = 0 }), want: outcome{true, types.ErrInvalidOrder}},
		{name: "self-trade", fill: fill(alice, sell(5), alice, alice.order(0, types.SIDE_BUY, oneBTC, btc60k, 5), 10_000, btc60k), want: outcome{false, types.ErrSelfTrade}},
		{name: "same side", fill: fill(alice, sell(6), bob, bob.order(0, types.SIDE_SELL, oneBTC, btc60k, 6), 10_000, btc60k), want: outcome{false, types.ErrOrderMismatch}},
		{name: "different markets", fill: mutate(func(fl *types.Fill) { fl.TakerOrder.MarketId = 2; resign(fl) }), want: outcome{false, types.ErrOrderMismatch}},
		{name: "unknown market", fill: mutate(func(fl *types.Fill) { fl.MakerOrder.MarketId, fl.TakerOrder.MarketId = 77, 77; resign(fl) }), want: outcome{true, types.ErrMarketNotFound}},
		{name: "halted market", setup: setMarket(types.MARKET_STATUS_HALTED), cleanup: restoreMarket, fill: good(7), want: outcome{false, types.ErrMarketNotTradable}},
		{name: "settled market", setup: setMarket(types.MARKET_STATUS_SETTLED), cleanup: restoreMarket, fill: good(8), want: outcome{false, types.ErrMarketNotTradable}},
		{name: "reduce-only market increases", setup: setMarket(types.MARKET_STATUS_REDUCE_ONLY), cleanup: restoreMarket, fill: good(9), want: outcome{false, types.ErrReduceOnly}},
		{name: "stale oracle makes the market reduce-only", setup: func() { f.oracle.stale[1] = true }, cleanup: func() { f.oracle.stale[1] = false }, fill: good(10), want: outcome{false, types.ErrReduceOnly}},
		{name: "halted oracle makes the market reduce-only", setup: func() { f.oracle.halted[1] = true }, cleanup: func() { f.oracle.halted[1] = false }, fill: good(11), want: outcome{false, types.ErrReduceOnly}},
		{name: "reduce-only order that increases", fill: mutate(func(fl *types.Fill) { fl.TakerOrder.ReduceOnly = true; resign(fl) }), want: outcome{false, types.ErrReduceOnly}},
		{name: "breach of initial margin", fill: fill(alice, alice.order(0, types.SIDE_SELL, 100*oneBTC, btc60k, 12), bob, bob.order(0, types.SIDE_BUY, 100*oneBTC, btc60k, 12), 50*oneBTC, btc60k), want: outcome{false, types.ErrInsufficientMargin}},
		{name: "size near 2^64 (on step)", fill: fill(alice, alice.order(0, types.SIDE_SELL, 1<<63, btc60k, 13), bob, bob.order(0, types.SIDE_BUY, 1<<63, btc60k, 13), (1<<63)/10_000*10_000, btc60k), want: outcome{false, types.ErrInsufficientMargin}},
		{name: "isolated subaccount in another market", setup: func() {
			_, err := f.msgs.SetIsolated(f.ctx, &types.MsgSetIsolated{Sender: alice.addr.String(), SubaccountNumber: 5, MarketId: 2})
			require.NoError(t, err)
		}, fill: fill(alice, alice.order(5, types.SIDE_SELL, oneBTC, btc60k, 14), bob, buy(14), 10_000, btc60k), want: outcome{false, types.ErrIsolation}},
		{name: "malformed owner address", fill: mutate(func(fl *types.Fill) { fl.MakerOrder.Owner = "clear1xyz" }), want: outcome{true, types.ErrInvalidAddress}},
		{name: "subaccount 128 in an order", fill: mutate(func(fl *types.Fill) { fl.MakerOrder.SubaccountNumber = 128 }), want: outcome{true, types.ErrInvalidSubaccountNumber}},
		{name: "unspecified side", fill: mutate(func(fl *types.Fill) { fl.TakerOrder.Side = types.SIDE_UNSPECIFIED }), want: outcome{true, types.ErrInvalidOrder}},
		{name: "more fills than max_fills_per_tx", fills: func() []types.Fill {
			out := make([]types.Fill, 2_001)
			for i := range out {
				out[i] = good(100)
			}
			return out
		}(), want: outcome{true, types.ErrTooManyFills}},
		{name: "10,001 fills (hard cap)", fills: make([]types.Fill, types.MaxFillsHardCap+1), want: outcome{true, types.ErrTooManyFills}},
		{name: "no fills", fills: []types.Fill{}, want: outcome{true, types.ErrInvalidOrder}},
		{name: "withdrawal beyond free collateral", run: func() error { return withdraw(f, bob.addr, 0, usdc(9_000_000_000), "") }, want: outcome{true, types.ErrInsufficientMargin}},
		{name: "transfer beyond free collateral", run: func() error {
			_, err := f.msgs.Transfer(f.ctx, &types.MsgTransfer{Sender: bob.addr.String(), FromNumber: 0, ToNumber: 1, Amount: usdc(9_000_000_000)})
			return err
		}, want: outcome{true, types.ErrInsufficientMargin}},
		{name: "transfer to the same subaccount", run: func() error {
			_, err := f.msgs.Transfer(f.ctx, &types.MsgTransfer{Sender: bob.addr.String(), FromNumber: 0, ToNumber: 0, Amount: usdc(1)})
			return err
		}, want: outcome{true, types.ErrInvalidSubaccountNumber}},
		{name: "isolate a subaccount with positions", run: func() error {
			_, err := f.msgs.SetIsolated(f.ctx, &types.MsgSetIsolated{Sender: bob.addr.String(), SubaccountNumber: 0, MarketId: 1})
			return err
		}, want: outcome{true, types.ErrNotFlat}},
		{name: "isolate to an unknown market", run: func() error {
			_, err := f.msgs.SetIsolated(f.ctx, &types.MsgSetIsolated{Sender: carol.addr.String(), SubaccountNumber: 0, MarketId: 99})
			return err
		}, want: outcome{true, types.ErrMarketNotFound}},
		{name: "create market by non-authority", run: func() error {
			_, err := f.msgs.CreateMarket(f.ctx, &types.MsgCreateMarket{Authority: alice.addr.String(), Market: types.DefaultMarket("DOGE-USD", 4, 8, 1, 1, 100_000)})
			return err
		}, want: outcome{true, types.ErrInvalidAuthority}},
		{name: "create market with fractional tick × step notional", run: func() error {
			_, err := f.msgs.CreateMarket(f.ctx, &types.MsgCreateMarket{Authority: f.authority, Market: types.DefaultMarket("DOGE-USD", 4, 8, 1, 1, 100_000)})
			return err
		}, want: outcome{true, types.ErrInvalidMarket}},
		// Security review additions (docs/SECURITY.md).
		{name: "fill at $1, far outside the oracle band", fill: fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, 1_000_000, 20), bob, bob.order(0, types.SIDE_BUY, oneBTC, 1_000_000, 20), 10_000, 1_000_000), want: outcome{false, types.ErrFillOutsideBand}},
		{name: "fill 5% + $1 above the oracle", fill: fill(alice, alice.order(0, types.SIDE_SELL, oneBTC, 63_001_000_000, 21), bob, bob.order(0, types.SIDE_BUY, oneBTC, 63_001_000_000, 21), 10_000, 63_001_000_000), want: outcome{false, types.ErrFillOutsideBand}},
		{name: "venue-bound order submitted by another account", fill: mutate(func(fl *types.Fill) { fl.TakerOrder.Venue = carol.addr.String(); resign(fl) }), want: outcome{false, types.ErrVenueMismatch}},
		{name: "malformed venue", fill: mutate(func(fl *types.Fill) { fl.TakerOrder.Venue = "clear1bad"; resign(fl) }), want: outcome{true, types.ErrInvalidAddress}},
		{name: "order beyond max_order_lifetime_blocks", fill: mutate(func(fl *types.Fill) {
			fl.TakerOrder.GoodTilBlock = 10 + int64(types.DefaultMaxOrderLifetimeBlocks) + 1
			resign(fl)
		}), want: outcome{false, types.ErrOrderLifetime}},
		{name: "cancelled order", setup: func() {
			h, err := types.OrderHash(sell(22))
			require.NoError(t, err)
			_, err = cancel(f, alice.addr, 0, 0, h)
			require.NoError(t, err)
		}, fill: good(22), want: outcome{false, types.ErrOrderCancelled}},
		{name: "cancel with a short hash", run: func() error { _, err := cancel(f, alice.addr, 0, 0, []byte{1}); return err }, want: outcome{true, types.ErrInvalidCancel}},
		{name: "cancel with no hashes", run: func() error { _, err := cancel(f, alice.addr, 0, 0); return err }, want: outcome{true, types.ErrInvalidCancel}},
		{name: "withdraw while the held market's price is stale", setup: func() { f.oracle.stale[1] = true }, cleanup: func() { f.oracle.stale[1] = false },
			run: func() error { return withdraw(f, bob.addr, 0, usdc(1), "") }, want: outcome{true, types.ErrPriceNotFresh}},
		{name: "transfer while the held market's price is halted", setup: func() { f.oracle.halted[1] = true }, cleanup: func() { f.oracle.halted[1] = false }, run: func() error {
			_, err := f.msgs.Transfer(f.ctx, &types.MsgTransfer{Sender: bob.addr.String(), FromNumber: 0, ToNumber: 1, Amount: usdc(1)})
			return err
		}, want: outcome{true, types.ErrPriceNotFresh}},
		{name: "params with a new collateral denom while collateral exists", run: func() error {
			p := types.DefaultParams()
			p.CollateralDenom = "uother"
			_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
			return err
		}, want: outcome{true, types.ErrCollateralDenomLocked}},
		{name: "market with a fill band above 10%", run: func() error {
			m, _ := f.k.GetMarket(f.ctx, 1)
			m.FillPriceBandPpm = types.MaxFillPriceBandPpm + 1
			_, err := f.msgs.UpdateMarket(f.ctx, &types.MsgUpdateMarket{Authority: f.authority, Market: m})
			return err
		}, want: outcome{true, types.ErrInvalidMarket}},
	}
	require.GreaterOrEqual(t, len(cases), 42)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup()
			}
			if tc.cleanup != nil {
				defer tc.cleanup()
			}
			before := f.snapshot(t)
			var err error
			var res *types.MsgSubmitTradesResponse
			switch {
			case tc.run != nil:
				err = tc.run()
			default:
				fills := tc.fills
				if fills == nil {
					fills = []types.Fill{tc.fill}
				}
				res, err = f.msgs.SubmitTrades(f.ctx, &types.MsgSubmitTrades{Submitter: addr(submitFr).String(), Fills: fills})
			}
			if tc.want.wholeTx {
				require.ErrorIs(t, err, tc.want.err)
			} else {
				require.NoError(t, err)
				require.Equal(t, uint32(0), res.Settled)
				require.Equal(t, types.ModuleName, res.Results[0].Codespace)
				require.Equal(t, tc.want.err.(interface{ ABCICode() uint32 }).ABCICode(), res.Results[0].Code, res.Results[0].Log)
			}
			require.Equal(t, before, f.snapshot(t), "state changed")
			f.requireInvariant(t)
		})
	}
}
