package keeper

import (
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// ProcessLiquidations is EndBlock's default waterfall for every subaccount still liquidatable after the block's
// transactions (liquidators had the block to act): per position, the backstop takes the closing size at the
// fillable price within its limits and the insurance fund pays any bad debt; when the backstop refuses or the fund
// cannot pay, auto-deleveraging closes the position against the most profitable opposite positions.
//
// Order: the deferred queue first, in queue order, then the accounts that turned liquidatable since the last
// EndBlock (LiquidatableFresh), most underwater first at the current prices. At most max_liquidations_per_block
// subaccounts and max_liquidation_notional_per_block of backstop notional are processed; fresh accounts beyond the
// caps join the queue's tail in that order, so they go first in later blocks. Work per block: at most
// max_liquidations_per_block queue entries read, plus one evaluation of each fresh account (each liquidatable
// account is ordered once, when it turns liquidatable), never the whole set.
func (k *Keeper) ProcessLiquidations(ctx sdk.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	limit := params.LiquidationsPerBlock()
	queued, err := k.deferredHead(ctx, limit)
	if err != nil {
		return err
	}
	fresh, err := k.FreshLiquidatableEntries(ctx)
	if err != nil {
		return err
	}
	w := &waterfallRun{params: params, book: newAdlBook(params.AdlLimit()),
		notional: math.ZeroInt(), notionalCap: math.NewIntFromUint64(params.LiquidationNotionalPerBlock())}
	for _, key := range queued {
		if err := k.runWaterfall(ctx, w, key, false); err != nil {
			return err
		}
	}
	for _, e := range fresh {
		if err := k.runWaterfall(ctx, w, e.Key, true); err != nil {
			return err
		}
	}
	return nil
}

// waterfallRun is one EndBlock's waterfall state: the caps used so far and the block's ADL rankings.
type waterfallRun struct {
	params      types.Params
	book        *adlBook
	processed   uint32
	notional    math.Int
	notionalCap math.Int
}

// runWaterfall liquidates one subaccount if the caps allow; otherwise a fresh one joins the deferred queue (a
// queued one keeps its place). Each account runs in its own branch: an unexpected error is logged and the account
// deferred to the next block, never a reason to halt the chain or to skip the others.
func (k *Keeper) runWaterfall(ctx sdk.Context, w *waterfallRun, key SubaccountKey, fresh bool) error {
	if w.processed >= w.params.LiquidationsPerBlock() || w.notional.GTE(w.notionalCap) {
		if fresh {
			return k.Defer(ctx, key)
		}
		return nil
	}
	w.processed++
	branch, write := ctx.CacheContext()
	closed, err := k.liquidateAccount(branch, w.params, w.book, key.K1(), key.K2(), w.notionalCap.Sub(w.notional))
	if err != nil {
		k.logger.Error("liquidation failed; deferred", "owner", key.K1().String(), "number", key.K2(), "err", err.Error())
		return k.Defer(ctx, key)
	}
	write()
	w.notional = w.notional.Add(closed)
	return nil
}

// liquidateAccount closes positions of one subaccount until it is back above maintenance margin, it is flat, or
// the remaining backstop notional budget is spent (it is then deferred). Each close runs in its own cached
// context. Returns the backstop notional used. Bounded by the subaccount's positions (one close per position per
// block, each closing at least one step).
func (k *Keeper) liquidateAccount(ctx sdk.Context, params types.Params, book *adlBook, owner sdk.AccAddress, number uint32, budget math.Int) (math.Int, error) {
	used := math.ZeroInt()
	sa, err := k.GetSubaccount(ctx, owner, number)
	if err != nil {
		return used, err
	}
	for range len(sa.Positions) {
		v, err := k.loadVictim(ctx, owner, number, 0)
		if errors.Is(err, types.ErrNotLiquidatable) {
			return used, nil
		}
		if err != nil {
			return used, err
		}
		marketID, ok := margin.PositionToLiquidate(accountOf(v.sa), v.markets)
		if !ok {
			return used, nil
		}
		if used.GTE(budget) {
			return used, k.Defer(ctx, collections.Join(owner, number))
		}
		step, err := k.closeOnePosition(ctx, params, book, owner, number, marketID)
		if err != nil {
			return used, err
		}
		used = used.Add(step)
	}
	return used, nil
}

// closeOnePosition runs one waterfall step for a market: backstop (with the fund paying bad debt), else ADL; the
// backstop's own positions go straight to ADL. Returns the backstop notional used.
func (k *Keeper) closeOnePosition(ctx sdk.Context, params types.Params, book *adlBook, owner sdk.AccAddress, number, marketID uint32) (math.Int, error) {
	market, err := k.GetMarket(ctx, marketID)
	if err != nil {
		return math.ZeroInt(), err
	}
	if owner.Equals(BackstopAddress()) {
		// The backstop below its own maintenance margin cannot take over from itself: its position is
		// auto-deleveraged against the most profitable opposite positions (at the fillable price while it has
		// equity), so an inherited position can never sink the fund's book below zero unnoticed.
		return math.ZeroInt(), k.deleverage(ctx, params, book, market, owner, number)
	}
	cache, write := ctx.CacheContext()
	v, err := k.loadVictim(cache, owner, number, marketID)
	if err != nil {
		return math.ZeroInt(), err
	}
	size, price, err := k.closingTerms(params, market, v, math.ZeroInt())
	if err != nil {
		return math.ZeroInt(), err
	}
	step, err := k.liquidate(cache, params, market, v, size, price, liquidationTaker{owner: BackstopAddress(), number: 0, backstop: true})
	switch {
	case err == nil:
		write()
		return step.notional, nil
	case errors.Is(err, types.ErrBackstopLimit) || errors.Is(err, types.ErrInsufficientInsurance):
		return math.ZeroInt(), k.deleverage(ctx, params, book, market, owner, number)
	default:
		return math.ZeroInt(), err
	}
}

// adlCandidate is an opposite position ranked for deleveraging.
type adlCandidate struct {
	key   SubaccountKey
	score math.Int
}

// deleverage closes the victim's whole position in market against opposite positions in profit, highest ADL score
// first (ties by key): a bankrupt victim at its bankruptcy price (it ends with no deficit from this position and
// only profitable counterparties give up part of their profit), one with equity left at the fillable price. It
// tries at most adl_scan_limit candidates of the block's ranking; what they cannot absorb stays for the next block
// (the subaccount is deferred).
func (k *Keeper) deleverage(ctx sdk.Context, params types.Params, book *adlBook, market types.Market, owner sdk.AccAddress, number uint32) error {
	v, err := k.loadVictim(ctx, owner, number, market.Id)
	if err != nil {
		if errors.Is(err, types.ErrNotLiquidatable) {
			return nil
		}
		return err
	}
	i := v.sa.PositionIndex(market.Id)
	if i < 0 {
		return nil
	}
	remaining := v.sa.Positions[i].Size_
	long := remaining.IsPositive()
	// A bankrupt account closes at its bankruptcy price (it ends at zero, the counterparties give up part of their
	// profit); one that still has equity closes at the fillable price like any liquidation, keeping what is left.
	price := margin.BankruptcyPrice(accountOf(v.sa), v.markets, market.Id, remaining)
	fill := v.markets[market.Id].OraclePrice
	switch {
	case v.req.Equity.IsPositive():
		fill = margin.FillablePrice(fill, price, long, params.LiquidationDiscount())
	case price.IsPositive():
		fill = price.Uint64()
	}
	// Candidates come from the block's ranking of the opposite side (adlBook): at most adl_scan_limit of them are
	// tried for this position, and at most one new chunk of the ranking is loaded for it.
	q := book.queue(market.Id, !long)
	loadedChunk := false
	for tried := uint32(0); !remaining.IsZero() && tried < params.AdlLimit(); tried++ {
		c, ok, loaded, err := k.adlPeek(ctx, book, q, !loadedChunk)
		loadedChunk = loadedChunk || loaded
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if c.key.K1().Equals(owner) && c.key.K2() == number {
			q.adlPass()
			continue
		}
		cache, write := ctx.CacheContext()
		exhausted, err := k.deleverageAgainst(cache, params, market, v, c.key, &remaining, fill)
		if err != nil {
			return err
		}
		write()
		if exhausted {
			q.adlPass()
		}
		if v, err = k.loadVictim(ctx, owner, number, market.Id); err != nil {
			if errors.Is(err, types.ErrNotLiquidatable) {
				return nil
			}
			return err
		}
	}
	if !remaining.IsZero() {
		return k.Defer(ctx, collections.Join(owner, number))
	}
	return nil
}

// deleverageAgainst closes min(|remaining|, |counterparty position|) between the victim and one counterparty at
// price, and reduces remaining. exhausted reports that the counterparty has no opposite position left to give.
func (k *Keeper) deleverageAgainst(ctx sdk.Context, params types.Params, market types.Market, v *victim, cp SubaccountKey, remaining *math.Int, price uint64) (exhausted bool, err error) {
	other, err := k.GetSubaccount(ctx, cp.K1(), cp.K2())
	if err != nil {
		return false, err
	}
	if err := k.settleFundingStored(ctx, cp.K1(), &other); err != nil {
		return false, err
	}
	j := other.PositionIndex(market.Id)
	if j < 0 || other.Positions[j].Size_.IsPositive() == remaining.IsPositive() {
		return true, nil
	}
	size := *remaining
	if other.Positions[j].Size_.Abs().LTE(size.Abs()) {
		size = other.Positions[j].Size_.Neg()
		exhausted = true
	}
	_, omarkets, err := k.marginInputs(ctx, other, market.Id)
	if err != nil {
		return false, err
	}
	// The ranking may have been computed earlier in the block: only a position still in profit, in an account with
	// positive equity, is deleveraged (ADL never touches a losing position).
	if _, eligible := margin.AdlScore(accountOf(other), omarkets, market.Id); !eligible {
		return true, nil
	}
	terms := margin.FillTerms{MarketID: market.Id, Price: price, MaxPositions: params.MaxPositionsPerSubaccount}
	vout := margin.SettleSide(margin.FillSide{Account: accountOf(v.sa), Delta: size.Neg()}, terms, v.markets)
	oout := margin.SettleSide(margin.FillSide{Account: accountOf(other), Delta: size}, terms, omarkets)
	if dust := closeDust(accountOf(v.sa), vout.Account, accountOf(other), oout.Account); dust.IsPositive() {
		// The off-tick close price's rounding dust goes to the fund (recorded with liquidation fees).
		insurance, err := k.InsuranceFund.Get(ctx)
		if err != nil {
			return false, err
		}
		if err := k.InsuranceFund.Set(ctx, insurance.Add(dust)); err != nil {
			return false, err
		}
		if err := k.recordInsuranceFlow(ctx, dust, flowLiquidationFee); err != nil {
			return false, err
		}
	}
	if len(vout.Account.Positions) == 0 && vout.Account.Collateral.IsNegative() {
		// Rounding at the bankruptcy price: the fund pays the remainder (at most a few base units).
		insurance, err := k.InsuranceFund.Get(ctx)
		if err != nil {
			return false, err
		}
		debt := vout.Account.Collateral.Neg()
		if debt.GT(insurance) {
			return false, errorsmod.Wrapf(types.ErrInsufficientInsurance, "rounding deficit %s", debt)
		}
		if err := k.InsuranceFund.Set(ctx, insurance.Sub(debt)); err != nil {
			return false, err
		}
		if err := k.recordInsuranceFlow(ctx, debt.Neg(), flowBadDebt); err != nil {
			return false, err
		}
		vout.Account.Collateral = math.ZeroInt()
	}
	state, err := k.getMarketState(ctx, market)
	if err != nil {
		return false, err
	}
	oi := math.NewIntFromUint64(state.OpenInterest)
	for _, o := range []margin.SideOutcome{vout, oout} {
		oi = oi.Add(positivePart(o.NewSize)).Sub(positivePart(o.OldSize))
	}
	if oi.IsNegative() || !oi.IsUint64() {
		return false, errorsmod.Wrap(types.ErrInvalidOrder, "open interest out of range")
	}
	state.OpenInterest = oi.Uint64()
	if err := k.MarketStates.Set(ctx, market.Id, state); err != nil {
		return false, err
	}
	if err := k.setSubaccount(ctx, v.owner, withAccount(v.sa, vout.Account)); err != nil {
		return false, err
	}
	if err := k.setSubaccount(ctx, cp.K1(), withAccount(other, oout.Account)); err != nil {
		return false, err
	}
	*remaining = remaining.Sub(size)
	return exhausted, ctx.EventManager().EmitTypedEvent(&types.EventDeleverage{
		MarketId: market.Id, Owner: v.sa.Owner, Number: v.sa.Number, Counterparty: other.Owner, CounterpartyNumber: other.Number,
		Size_: size.String(), Price: price,
	})
}
