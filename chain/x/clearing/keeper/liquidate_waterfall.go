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
// transactions (liquidators had the block to act), most underwater first: per position, the backstop takes the
// closing size at the fillable price within its limits and the insurance fund pays any bad debt; when the
// backstop refuses or the fund cannot pay, auto-deleveraging closes the position against the most profitable
// opposite positions. At most max_liquidations_per_block subaccounts and max_liquidation_notional_per_block of
// backstop notional are processed; the rest are deferred to the front of the next block's sweep.
func (k *Keeper) ProcessLiquidations(ctx sdk.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	// Deferred accounts go first, in queue order, then the rest of the set, most underwater first.
	deferred, err := k.DeferredKeys(ctx)
	if err != nil {
		return err
	}
	rest, err := k.LiquidatableKeys(ctx)
	if err != nil {
		return err
	}
	queued := make(map[string]bool, len(deferred)) // membership only, never iterated
	for _, key := range deferred {
		queued[string(key.K1())+"/"+string(rune(key.K2()))] = true
	}
	keys := append([]SubaccountKey{}, deferred...)
	for _, key := range rest {
		if !queued[string(key.K1())+"/"+string(rune(key.K2()))] {
			keys = append(keys, key)
		}
	}
	backstop := BackstopAddress()
	book := newAdlBook(params.AdlLimit())
	var processed uint32
	notional := math.ZeroInt()
	notionalCap := math.NewIntFromUint64(params.LiquidationNotionalPerBlock())
	for _, key := range keys {
		if key.K1().Equals(backstop) {
			continue // the backstop is the fund's own book: its losses are the fund's, never liquidated
		}
		if processed >= params.LiquidationsPerBlock() || notional.GTE(notionalCap) {
			if err := k.Defer(ctx, key); err != nil {
				return err
			}
			continue
		}
		processed++
		// Each account in its own branch: an unexpected error liquidating one account is logged and the account
		// is deferred to the next block, never a reason to halt the chain or to skip the others.
		branch, write := ctx.CacheContext()
		closed, err := k.liquidateAccount(branch, params, book, key.K1(), key.K2(), notionalCap.Sub(notional))
		if err != nil {
			k.logger.Error("liquidation failed; deferred", "owner", key.K1().String(), "number", key.K2(), "err", err.Error())
			if err := k.Defer(ctx, key); err != nil {
				return err
			}
			continue
		}
		write()
		notional = notional.Add(closed)
	}
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

// closeOnePosition runs one waterfall step for a market: backstop (with the fund paying bad debt), else ADL.
// Returns the backstop notional used.
func (k *Keeper) closeOnePosition(ctx sdk.Context, params types.Params, book *adlBook, owner sdk.AccAddress, number, marketID uint32) (math.Int, error) {
	market, err := k.GetMarket(ctx, marketID)
	if err != nil {
		return math.ZeroInt(), err
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
// only profitable counterparties give up part of their profit), one with equity left at the fillable price. It ranks at most adl_scan_limit
// positions; what they cannot absorb stays for the next block (the subaccount is deferred).
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
	if err := k.settleFunding(ctx, &other); err != nil {
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

// walkMarketSide visits up to limit subaccounts with a position on one side of a market, healthiest first: the
// sweep index orders each side by band trigger, and a long's band is lower (a short's higher) the further the
// account is from maintenance margin. Accounts without a band (at or near maintenance margin) are never visited.
func (k *Keeper) walkMarketSide(ctx sdk.Context, marketID uint32, long bool, limit uint32, fn func(SubaccountKey) error) error {
	rng := collections.NewPrefixedQuadRange[uint64, uint64, sdk.AccAddress, uint32](marketSide(marketID, !long)).(*collections.Range[SweepIndexKey])
	if !long {
		rng = rng.Descending()
	}
	var seen uint32
	return k.SweepIndex.Walk(ctx, rng, func(key SweepIndexKey) (bool, error) {
		seen++
		return seen >= limit, fn(collections.Join(key.K3(), key.K4()))
	})
}
