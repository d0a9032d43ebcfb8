package keeper

import (
	"encoding/hex"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// side is one party of a fill during settlement.
type side struct {
	order   types.PreparedOrder
	sa      types.Subaccount
	markets map[uint32]margin.Market
	outcome margin.SideOutcome
	// sub and fill are the batch's subaccount and order fill record of this side.
	sub  *batchSubaccount
	fill *batchOrderFill
	// fundingOwed is the funding settled on sa when it was loaded; fundingSettled when any index moved.
	fundingOwed    math.Int
	fundingSettled bool
}

// SettleFill validates and settles one prepared fill against the store and the batch, writing nothing: a failure
// changes nothing, and an accepted fill's effects are returned for the batch to apply (and flush to store once
// per message). It runs in three steps: checks that need no subaccount state (market, orders, band, venue,
// cancellation, signatures), then the pure outcome of both sides (margin.SettleSide: positions, realised PnL, fees
// and the margin rules), then the effects (subaccounts, fill records, funding, market state, insurance fund, fees
// and the fill event).
func (k *Keeper) SettleFill(ctx sdk.Context, b *tradeBatch, submitter string, index uint32, pf *preparedFill) (fillEffects, error) {
	params := &b.params
	bm := k.batchMarket(ctx, b, pf.fill.MakerOrder.MarketId)
	if bm.marketErr != nil {
		return fillEffects{}, bm.marketErr
	}
	market, status := bm.market, bm.status
	if status == types.MARKET_STATUS_HALTED || status == types.MARKET_STATUS_SETTLED {
		return fillEffects{}, errorsmod.Wrapf(types.ErrMarketNotTradable, "%s is %s", market.Ticker, status)
	}
	if bm.marginErr != nil {
		return fillEffects{}, bm.marginErr
	}
	mkt := bm.margin
	if err := k.checkOrders(ctx, b, market, mkt, submitter, pf); err != nil {
		return fillEffects{}, err
	}
	maker, taker := &side{order: pf.maker}, &side{order: pf.taker}
	if maker.order.Owner.Equals(taker.order.Owner) && maker.order.Order.SubaccountNumber == taker.order.Order.SubaccountNumber {
		return fillEffects{}, errorsmod.Wrap(types.ErrSelfTrade, "maker and taker are the same subaccount")
	}
	if err := k.loadSides(ctx, b, market, pf.fill.Size_, maker, taker); err != nil {
		return fillEffects{}, err
	}
	size := math.NewIntFromUint64(pf.fill.Size_)
	terms := margin.FillTerms{MarketID: market.Id, Price: pf.fill.Price, MaxPositions: params.MaxPositionsPerSubaccount}
	for _, s := range []struct {
		side   *side
		delta  math.Int
		feePpm uint64
	}{{maker, signedDelta(maker.order.Order.Side, size), market.MakerFeePpm}, {taker, signedDelta(taker.order.Order.Side, size), market.TakerFeePpm}} {
		acct := accountOf(s.side.sa)
		reduceOnly := s.side.order.Order.ReduceOnly || status == types.MARKET_STATUS_REDUCE_ONLY
		s.side.outcome = margin.SettleSide(margin.FillSide{Account: acct, Delta: s.delta, FeePpm: s.feePpm, ReduceOnly: reduceOnly}, terms, s.side.markets)
		if err := verdictError(s.side); err != nil {
			return fillEffects{}, err
		}
	}
	return k.fillEffects(ctx, b, bm, index, pf, maker, taker)
}

// signedDelta is +size for a buy and −size for a sell.
func signedDelta(s types.Side, size math.Int) math.Int {
	if s == types.SIDE_SELL {
		return size.Neg()
	}
	return size
}

// verdictError maps the pure settlement's verdict to a registered error with a deterministic message.
func verdictError(s *side) error {
	o := s.outcome
	who := s.order.Order.Owner
	switch o.Verdict {
	case margin.VerdictOK:
		return nil
	case margin.VerdictTooManyPositions:
		return errorsmod.Wrapf(types.ErrTooManyPositions, "%s/%d: limit reached", who, s.order.Order.SubaccountNumber)
	case margin.VerdictReduceOnly:
		return errorsmod.Wrapf(types.ErrReduceOnly, "%s/%d: position %s -> %s", who, s.order.Order.SubaccountNumber, o.OldSize, o.NewSize)
	default:
		return errorsmod.Wrapf(types.ErrInsufficientMargin, "%s/%d: %s (equity %s, initial margin %s, maintenance margin %s)",
			who, s.order.Order.SubaccountNumber, o.Verdict, o.After.Equity, o.After.InitialMargin, o.After.MaintenanceMargin)
	}
}

// checkOrders runs the checks that need no subaccount state, in a fixed order: orders match, chain id, expiry,
// lifetime, limits, tick, step, oracle band, venue, cancellation, then the signature result computed ahead.
func (k *Keeper) checkOrders(ctx sdk.Context, b *tradeBatch, market types.Market, mkt margin.Market, submitter string, pf *preparedFill) error {
	params := &b.params
	f := &pf.fill
	mo, to := &f.MakerOrder, &f.TakerOrder
	if mo.MarketId != to.MarketId {
		return errorsmod.Wrap(types.ErrOrderMismatch, "orders are for different markets")
	}
	if mo.Side == to.Side {
		return errorsmod.Wrap(types.ErrOrderMismatch, "orders are on the same side")
	}
	height := orderHeight(ctx, *params)
	for _, o := range [2]*types.Order{mo, to} {
		if o.ChainId != ctx.ChainID() {
			return errorsmod.Wrapf(types.ErrWrongChainID, "order for %q on %q", o.ChainId, ctx.ChainID())
		}
		if height > o.GoodTilBlock {
			return errorsmod.Wrapf(types.ErrOrderExpired, "good til block %d < order height %d", o.GoodTilBlock, height)
		}
		if uint64(o.GoodTilBlock-height) > params.OrderLifetimeBlocks() {
			return errorsmod.Wrapf(types.ErrOrderLifetime, "good til block %d is more than %d blocks after order height %d", o.GoodTilBlock, params.OrderLifetimeBlocks(), height)
		}
		if (o.Side == types.SIDE_BUY && f.Price > o.LimitPrice) || (o.Side == types.SIDE_SELL && f.Price < o.LimitPrice) {
			return errorsmod.Wrapf(types.ErrPriceOutsideLimit, "price %d vs %s limit %d", f.Price, o.Side, o.LimitPrice)
		}
	}
	if f.Price%market.TickSize != 0 {
		return errorsmod.Wrapf(types.ErrOffTick, "price %d, tick %d", f.Price, market.TickSize)
	}
	if f.Size_%market.StepSize != 0 {
		return errorsmod.Wrapf(types.ErrOffStep, "size %d, step %d", f.Size_, market.StepSize)
	}
	if !margin.WithinBand(f.Price, mkt.OraclePrice, market.FillBandPpm()) {
		return errorsmod.Wrapf(types.ErrFillOutsideBand, "price %d, oracle %d, band %d ppm", f.Price, mkt.OraclePrice, market.FillBandPpm())
	}
	if pf.err != nil {
		return pf.err
	}
	for _, o := range [2]*types.PreparedOrder{&pf.maker, &pf.taker} {
		if o.Order.Venue != "" && o.Order.Venue != submitter {
			return errorsmod.Wrapf(types.ErrVenueMismatch, "order %x names venue %s, submitted by %s", o.Hash[:8], o.Order.Venue, submitter)
		}
		cancelled, err := k.Cancellations.Has(b.store, collections.Join(o.Owner, o.Hash))
		if err != nil {
			return err
		}
		if cancelled {
			return errorsmod.Wrapf(types.ErrOrderCancelled, "order %x", o.Hash[:8])
		}
	}
	return nil
}

// loadSides loads both subaccounts through the batch (enforcing max_subaccounts_per_owner for new ones), checks
// remaining size and isolation, settles their funding on a copy and loads the markets their health needs.
func (k *Keeper) loadSides(ctx sdk.Context, b *tradeBatch, market types.Market, size uint64, sides ...*side) error {
	created := map[string]uint32{} // new subaccounts per owner within this fill (at most two entries)
	for _, s := range sides {
		sub, err := k.batchSubaccount(b, s.order.Owner, s.order.Order.SubaccountNumber)
		if err != nil {
			return err
		}
		sa := cloneSubaccount(sub.sa)
		if sa.IsEmpty() {
			key := string(s.order.Owner)
			count, err := k.batchCountSubaccounts(b, s.order.Owner)
			if err != nil {
				return err
			}
			if err := checkSubaccountLimit(b.params, s.order.Owner, count, created[key]); err != nil {
				return err
			}
			created[key]++
		}
		fill, err := k.batchOrderFill(b, s.order.Hash)
		if err != nil {
			return err
		}
		if err := checkRemaining(s.order, fill.state, size); err != nil {
			return err
		}
		if sa.IsolatedMarketId != 0 && sa.IsolatedMarketId != market.Id {
			return errorsmod.Wrapf(types.ErrIsolation, "subaccount %s/%d is isolated to market %d", sa.Owner, sa.Number, sa.IsolatedMarketId)
		}
		owed, settled, err := k.settleFundingBatch(ctx, b, &sa)
		if err != nil {
			return err
		}
		markets, err := b.marginInputs(ctx, k, sa, market.Id)
		if err != nil {
			return err
		}
		s.sa, s.markets, s.sub, s.fill, s.fundingOwed, s.fundingSettled = sa, markets, sub, fill, owed, settled
	}
	return nil
}

// settleFundingBatch is settleFunding on sa with the markets and funding indexes read through the batch (fills
// never change a funding index); it returns what sa paid into the funding pool (negative: received) instead of
// writing the pool, and settled when any position's index moved.
func (k *Keeper) settleFundingBatch(ctx sdk.Context, b *tradeBatch, sa *types.Subaccount) (owed math.Int, settled bool, err error) {
	owed = math.ZeroInt()
	if _, err := k.batchFundingPool(ctx, b); err != nil {
		return owed, false, err
	}
	for i, p := range sa.Positions {
		bm := k.batchMarket(ctx, b, p.MarketId)
		if bm.marketErr != nil {
			return owed, false, bm.marketErr
		}
		st, err := k.batchMarketState(ctx, bm)
		if err != nil {
			return owed, false, err
		}
		if st.FundingIndex.Equal(p.FundingIndex) {
			continue
		}
		due := margin.FundingOwed(p.Size_, st.FundingIndex, p.FundingIndex, bm.market.SizeDecimals)
		sa.Collateral = sa.Collateral.Sub(due)
		owed = owed.Add(due)
		sa.Positions[i].FundingIndex = st.FundingIndex
		settled = true
	}
	return owed, settled, nil
}

// accountOf is the engine's view of a subaccount.
func accountOf(sa types.Subaccount) margin.Account {
	acct := margin.Account{Collateral: sa.Collateral, Positions: make([]margin.Position, 0, len(sa.Positions))}
	for _, p := range sa.Positions {
		acct.Positions = append(acct.Positions, margin.Position{MarketID: p.MarketId, Size: p.Size_, QuoteBalance: p.QuoteBalance, FundingIndex: p.FundingIndex})
	}
	return acct
}

// withAccount returns sa with the engine's collateral and positions.
func withAccount(sa types.Subaccount, acct margin.Account) types.Subaccount {
	sa.Collateral = acct.Collateral
	sa.Positions = make([]types.Position, 0, len(acct.Positions))
	for _, p := range acct.Positions {
		sa.Positions = append(sa.Positions, types.Position{MarketId: p.MarketID, Size_: p.Size, QuoteBalance: p.QuoteBalance, FundingIndex: p.FundingIndex})
	}
	return sa
}

// fillEffects computes an accepted fill's effects without writing: both sides' new subaccounts and order fill
// records, the funding they settled, open interest, the block's premium sums, fees to the insurance fund and the
// fee collector, and the fill event.
func (k *Keeper) fillEffects(ctx sdk.Context, b *tradeBatch, bm *batchMarket, index uint32, pf *preparedFill, maker, taker *side) (fillEffects, error) {
	params, market, mkt := &b.params, bm.market, bm.margin
	state, err := k.batchMarketState(ctx, bm)
	if err != nil {
		return fillEffects{}, err
	}
	insurance, fees, err := k.batchPools(ctx, b)
	if err != nil {
		return fillEffects{}, err
	}
	e := fillEffects{marketID: market.Id, fundingOwed: maker.fundingOwed.Add(taker.fundingOwed), fundingSettled: maker.fundingSettled || taker.fundingSettled}
	oi := math.NewIntFromUint64(state.OpenInterest)
	for i, s := range []*side{maker, taker} {
		// The insurance share is rounded down, so the fee collector never receives more than the fee's remainder.
		share := s.outcome.Fee.MulRaw(int64(params.InsuranceFeeSharePpm)).QuoRaw(margin.PPM)
		insurance, fees = insurance.Add(share), fees.Add(s.outcome.Fee.Sub(share))
		oi = oi.Add(positivePart(s.outcome.NewSize)).Sub(positivePart(s.outcome.OldSize))
		// checkRemaining bounded size by the order's remaining size, so Filled + size cannot overflow.
		e.sides[i] = sideEffects{
			sub: s.sub, sa: withAccount(s.sa, s.outcome.Account),
			fill: s.fill, fillState: types.OrderFillState{Filled: s.fill.state.Filled + pf.fill.Size_, GoodTilBlock: s.order.Order.GoodTilBlock},
		}
	}
	if oi.IsNegative() || !oi.IsUint64() {
		return fillEffects{}, errorsmod.Wrap(types.ErrInvalidOrder, "open interest out of range")
	}
	state.OpenInterest, state.LastTradePrice = oi.Uint64(), pf.fill.Price
	notional := maker.outcome.Notional
	if countsForPremium(params, maker, taker, notional) {
		premium := margin.ClampedPremiumPpm(pf.fill.Price, mkt.OraclePrice, market.FillBandPpm())
		state.BlockPremiumNotional = zeroIfNil(state.BlockPremiumNotional).Add(notional)
		state.BlockPremiumWeightedPpm = zeroIfNil(state.BlockPremiumWeightedPpm).Add(notional.MulRaw(premium))
	}
	e.state, e.insurance, e.fees = state, insurance, fees
	e.event = fillEvent(&types.EventFill{
		MarketId: market.Id, MakerOwner: maker.order.Order.Owner, MakerNumber: maker.order.Order.SubaccountNumber,
		TakerOwner: taker.order.Order.Owner, TakerNumber: taker.order.Order.SubaccountNumber, TakerSide: taker.order.Order.Side.String(),
		Size_: pf.fill.Size_, Price: pf.fill.Price, Notional: notional.String(),
		MakerFee: maker.outcome.Fee.String(), TakerFee: taker.outcome.Fee.String(),
		MakerOrderHash: hex.EncodeToString(maker.order.Hash), TakerOrderHash: hex.EncodeToString(taker.order.Hash), Index: index,
	})
	return e, nil
}

// countsForPremium reports whether a fill moves the funding premium: at least min_premium_notional and between
// two different owners (a trade between two subaccounts of one owner is a wash and never counts).
func countsForPremium(params *types.Params, maker, taker *side, notional math.Int) bool {
	if maker.order.Owner.Equals(taker.order.Owner) {
		return false
	}
	return notional.GTE(math.NewIntFromUint64(params.PremiumNotionalFloor()))
}

// positivePart returns max(x, 0).
func positivePart(x math.Int) math.Int {
	if x.IsPositive() {
		return x
	}
	return math.ZeroInt()
}

// checkRemaining rejects a fill beyond the order's remaining size given its fill record (this is also replay
// protection).
func checkRemaining(o types.PreparedOrder, st types.OrderFillState, size uint64) error {
	if st.Filled > o.Order.Size_ || size > o.Order.Size_-st.Filled {
		return errorsmod.Wrapf(types.ErrOverfill, "order %x: size %d, filled %d, fill %d", o.Hash[:8], o.Order.Size_, st.Filled, size)
	}
	return nil
}
