package keeper

import (
	"encoding/hex"
	"errors"
	"sort"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// side is one party of a fill during settlement.
type side struct {
	order   types.Order
	owner   sdk.AccAddress
	sa      types.Subaccount
	delta   math.Int // signed size change: +size for the buyer, −size for the seller
	feePpm  uint64
	oldSize math.Int
	newSize math.Int
	hash    []byte
	fee     math.Int
}

// SettleFill validates and settles one fill in ctx (the caller gives each fill its own cached context, so a
// failure changes nothing). Order of checks: market, orders (chain id, expiry, sides, market, price limits, tick,
// step), signatures, self-trade, remaining size, isolation; then funding settlement, position updates, realised
// PnL, fees, reduce-only, initial margin for every side whose risk grew, open interest, order fill records.
func (k *Keeper) SettleFill(ctx sdk.Context, params types.Params, index uint32, f types.Fill, sigErr error) error {
	market, err := k.GetMarket(ctx, f.MakerOrder.MarketId)
	if err != nil {
		return err
	}
	status := k.EffectiveStatus(ctx, market)
	if status == types.MARKET_STATUS_HALTED || status == types.MARKET_STATUS_SETTLED {
		return errorsmod.Wrapf(types.ErrMarketNotTradable, "%s is %s", market.Ticker, status)
	}
	if err := k.checkOrders(ctx, market, f, sigErr); err != nil {
		return err
	}
	maker, err := k.loadSide(ctx, f.MakerOrder, f.Size_, market.MakerFeePpm)
	if err != nil {
		return err
	}
	taker, err := k.loadSide(ctx, f.TakerOrder, f.Size_, market.TakerFeePpm)
	if err != nil {
		return err
	}
	if maker.owner.Equals(taker.owner) && maker.order.SubaccountNumber == taker.order.SubaccountNumber {
		return errorsmod.Wrap(types.ErrSelfTrade, "maker and taker are the same subaccount")
	}
	for _, s := range []*side{maker, taker} {
		if err := k.checkRemaining(ctx, s, f.Size_); err != nil {
			return err
		}
		if s.sa.IsolatedMarketId != 0 && s.sa.IsolatedMarketId != market.Id {
			return errorsmod.Wrapf(types.ErrIsolation, "subaccount %s/%d is isolated to market %d", s.order.Owner, s.order.SubaccountNumber, s.sa.IsolatedMarketId)
		}
	}
	mkt, err := k.marginMarket(ctx, market)
	if err != nil {
		return err
	}
	state, err := k.getMarketState(ctx, market)
	if err != nil {
		return err
	}
	insurance, err := k.InsuranceFund.Get(ctx)
	if err != nil {
		return err
	}
	fees, err := k.FeesAccrued.Get(ctx)
	if err != nil {
		return err
	}
	oiChange := math.ZeroInt()
	for _, s := range []*side{maker, taker} {
		if err := k.settleFunding(ctx, &s.sa); err != nil {
			return err
		}
		out, err := k.applyToSubaccount(params, s, market, mkt, f.Price)
		if err != nil {
			return err
		}
		s.fee = margin.Fee(out.Notional, s.feePpm)
		s.sa.Collateral = s.sa.Collateral.Add(out.RealizedPnl).Sub(s.fee)
		share := s.fee.MulRaw(int64(params.InsuranceFeeSharePpm)).QuoRaw(1_000_000)
		insurance, fees = insurance.Add(share), fees.Add(s.fee.Sub(share))
		oiChange = oiChange.Add(positivePart(s.newSize).Sub(positivePart(s.oldSize)))
	}
	for _, s := range []*side{maker, taker} {
		reducing := margin.IsRiskReducing(s.oldSize, s.newSize)
		if (s.order.ReduceOnly || status == types.MARKET_STATUS_REDUCE_ONLY) && !reducing {
			return errorsmod.Wrapf(types.ErrReduceOnly, "%s/%d: position %s → %s (market %s)", s.order.Owner, s.order.SubaccountNumber, s.oldSize, s.newSize, status)
		}
		if reducing {
			continue
		}
		h, err := k.Health(ctx, s.sa)
		if err != nil {
			return err
		}
		if h.FreeCollateral.IsNegative() {
			return errorsmod.Wrapf(types.ErrInsufficientMargin, "%s/%d: equity %s < initial margin %s", s.order.Owner, s.order.SubaccountNumber, h.Equity, h.InitialMargin)
		}
	}
	newOI := math.NewIntFromUint64(state.OpenInterest).Add(oiChange)
	if newOI.IsNegative() || !newOI.IsUint64() {
		return errorsmod.Wrap(types.ErrInvalidOrder, "open interest out of range")
	}
	state.OpenInterest, state.LastTradePrice = newOI.Uint64(), f.Price
	for _, s := range []*side{maker, taker} {
		if err := k.setSubaccount(ctx, s.owner, s.sa); err != nil {
			return err
		}
		if err := k.recordFill(ctx, s, f.Size_); err != nil {
			return err
		}
	}
	if err := k.MarketStates.Set(ctx, market.Id, state); err != nil {
		return err
	}
	if err := k.InsuranceFund.Set(ctx, insurance); err != nil {
		return err
	}
	if err := k.FeesAccrued.Set(ctx, fees); err != nil {
		return err
	}
	return ctx.EventManager().EmitTypedEvent(&types.EventFill{
		MarketId: market.Id, MakerOwner: maker.order.Owner, MakerNumber: maker.order.SubaccountNumber,
		TakerOwner: taker.order.Owner, TakerNumber: taker.order.SubaccountNumber, TakerSide: taker.order.Side.String(),
		Size_: f.Size_, Price: f.Price, Notional: margin.Notional(math.NewIntFromUint64(f.Size_), f.Price, market.SizeDecimals, mkt.PriceDecimals).String(),
		MakerFee: maker.fee.String(), TakerFee: taker.fee.String(),
		MakerOrderHash: hex.EncodeToString(maker.hash), TakerOrderHash: hex.EncodeToString(taker.hash), Index: index,
	})
}

// positivePart returns max(x, 0).
func positivePart(x math.Int) math.Int {
	if x.IsPositive() {
		return x
	}
	return math.ZeroInt()
}

// checkOrders runs the order-level checks that need no subaccount state; sigErr is the fill's signature
// verification result, computed ahead (in parallel) by verifyFillSignatures.
func (k *Keeper) checkOrders(ctx sdk.Context, market types.Market, f types.Fill, sigErr error) error {
	mo, to := f.MakerOrder, f.TakerOrder
	if mo.MarketId != to.MarketId {
		return errorsmod.Wrap(types.ErrOrderMismatch, "orders are for different markets")
	}
	if mo.Side == to.Side {
		return errorsmod.Wrap(types.ErrOrderMismatch, "orders are on the same side")
	}
	for _, o := range []types.Order{mo, to} {
		if o.ChainId != ctx.ChainID() {
			return errorsmod.Wrapf(types.ErrWrongChainID, "order for %q on %q", o.ChainId, ctx.ChainID())
		}
		if ctx.BlockHeight() > o.GoodTilBlock {
			return errorsmod.Wrapf(types.ErrOrderExpired, "good til block %d < height %d", o.GoodTilBlock, ctx.BlockHeight())
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
	return sigErr
}

// loadSide loads one party's subaccount and order identity.
func (k *Keeper) loadSide(ctx sdk.Context, o types.Order, size uint64, feePpm uint64) (*side, error) {
	owner, err := types.ParseAccAddress(o.Owner)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%v", err)
	}
	sa, err := k.GetSubaccount(ctx, owner, o.SubaccountNumber)
	if err != nil {
		return nil, err
	}
	hash, err := types.OrderHash(o)
	if err != nil {
		return nil, err
	}
	delta := math.NewIntFromUint64(size)
	if o.Side == types.SIDE_SELL {
		delta = delta.Neg()
	}
	return &side{order: o, owner: owner, sa: sa, delta: delta, feePpm: feePpm, hash: hash}, nil
}

// checkRemaining rejects a fill beyond the order's remaining size (this is also replay protection).
func (k *Keeper) checkRemaining(ctx sdk.Context, s *side, size uint64) error {
	st, err := k.OrderFills.Get(ctx, s.hash)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if st.Filled > s.order.Size_ || size > s.order.Size_-st.Filled {
		return errorsmod.Wrapf(types.ErrOverfill, "order %x: size %d, filled %d, fill %d", s.hash[:8], s.order.Size_, st.Filled, size)
	}
	return nil
}

// recordFill adds size to the order's filled amount and indexes it for pruning after expiry.
func (k *Keeper) recordFill(ctx sdk.Context, s *side, size uint64) error {
	st, err := k.OrderFills.Get(ctx, s.hash)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	st.Filled += size
	st.GoodTilBlock = s.order.GoodTilBlock
	if err := k.OrderFills.Set(ctx, s.hash, st); err != nil {
		return err
	}
	return k.OrderExpiry.Set(ctx, collections.Join(s.order.GoodTilBlock, s.hash))
}

// applyToSubaccount applies the side's delta to its position in market, keeping positions sorted and dropping
// flat ones, and records old and new sizes.
func (k *Keeper) applyToSubaccount(params types.Params, s *side, market types.Market, mkt margin.Market, price uint64) (margin.FillOutcome, error) {
	i := s.sa.PositionIndex(market.Id)
	pos := types.Position{MarketId: market.Id, Size_: math.ZeroInt(), QuoteBalance: math.ZeroInt(), FundingIndex: mkt.FundingIndex}
	if i >= 0 {
		pos = s.sa.Positions[i]
	} else if uint32(len(s.sa.Positions)) >= params.MaxPositionsPerSubaccount {
		return margin.FillOutcome{}, errorsmod.Wrapf(types.ErrTooManyPositions, "limit %d", params.MaxPositionsPerSubaccount)
	}
	out := margin.ApplyFill(margin.Position{MarketID: pos.MarketId, Size: pos.Size_, QuoteBalance: pos.QuoteBalance, FundingIndex: pos.FundingIndex},
		s.delta, price, market.SizeDecimals, mkt.PriceDecimals)
	s.oldSize, s.newSize = pos.Size_, out.Position.Size
	pos.Size_, pos.QuoteBalance = out.Position.Size, out.Position.QuoteBalance
	switch {
	case i >= 0 && pos.Size_.IsZero():
		s.sa.Positions = append(s.sa.Positions[:i], s.sa.Positions[i+1:]...)
	case i >= 0:
		s.sa.Positions[i] = pos
	default:
		s.sa.Positions = append(s.sa.Positions, pos)
		sort.Slice(s.sa.Positions, func(a, b int) bool { return s.sa.Positions[a].MarketId < s.sa.Positions[b].MarketId })
	}
	return out, nil
}
