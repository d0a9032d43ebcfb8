package keeper

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// BackstopAddress owns the insurance fund's backstop subaccount (number 0), which takes over what no liquidator
// took. It is a module address: nobody can sign for it, so only the liquidation path moves its positions.
func BackstopAddress() sdk.AccAddress { return authtypes.NewModuleAddress(types.BackstopModuleName) }

// liquidationTaker is who receives a liquidated position: a liquidator's subaccount or the backstop.
type liquidationTaker struct {
	owner    sdk.AccAddress
	number   uint32
	backstop bool
}

// liquidationStep is the outcome of one liquidation close.
type liquidationStep struct {
	// size is the signed size removed from the liquidated position.
	size math.Int
	// price is the fill price.
	price uint64
	// fee is the liquidation fee paid to the insurance fund.
	fee math.Int
	// notional is the closed notional.
	notional math.Int
}

// victim is a liquidatable subaccount loaded for a close (funding settled).
type victim struct {
	owner   sdk.AccAddress
	sa      types.Subaccount
	markets map[uint32]margin.Market
	req     margin.Requirements
}

// loadVictim loads a subaccount with its funding settled and its requirements (marketID 0: only its positions'
// markets); ErrNotLiquidatable unless equity < maintenance margin now.
func (k *Keeper) loadVictim(ctx sdk.Context, owner sdk.AccAddress, number, marketID uint32) (*victim, error) {
	sa, err := k.GetSubaccount(ctx, owner, number)
	if err != nil {
		return nil, err
	}
	if err := k.settleFundingStored(ctx, owner, &sa); err != nil {
		return nil, err
	}
	var extra []uint32
	if marketID != 0 {
		extra = append(extra, marketID)
	}
	_, markets, err := k.marginInputs(ctx, sa, extra...)
	if err != nil {
		return nil, err
	}
	req := margin.ComputeRequirements(accountOf(sa), markets)
	if len(sa.Positions) == 0 || req.Equity.GTE(req.MaintenanceMargin) {
		return nil, errorsmod.Wrapf(types.ErrNotLiquidatable, "%s/%d: equity %s, maintenance margin %s", owner, number, req.Equity, req.MaintenanceMargin)
	}
	return &victim{owner: owner, sa: sa, markets: markets, req: req}, nil
}

// closingTerms returns the signed size to close in market (at most maxSize when positive) and its fillable price.
// The closing size is computed at the full close's fillable price, then once more at the partial close's.
func (k *Keeper) closingTerms(params types.Params, market types.Market, v *victim, maxSize math.Int) (math.Int, uint64, error) {
	acct := accountOf(v.sa)
	i := v.sa.PositionIndex(market.Id)
	if i < 0 {
		return math.Int{}, 0, errorsmod.Wrapf(types.ErrNoPosition, "%s/%d holds no %s position", v.sa.Owner, v.sa.Number, market.Ticker)
	}
	pos := v.sa.Positions[i].Size_
	long := pos.IsPositive()
	q := v.markets[market.Id].OraclePrice
	price := margin.FillablePrice(q, margin.BankruptcyPrice(acct, v.markets, market.Id, pos), long, params.LiquidationDiscount())
	rule := margin.ClosingRule{FillPrice: price, FeePpm: params.LiquidationFee(), BufferPpm: params.LiquidationBuffer(), StepSize: market.StepSize,
		PartialNotional: math.NewIntFromUint64(params.PartialNotional()), MaxFractionPpm: params.PositionFraction()}
	x := margin.ClosingSize(acct, v.markets, market.Id, rule)
	if x.IsZero() {
		x = pos.Abs() // below MM yet "restored": rounding at the edge; close what a step allows
		if x.GT(math.NewIntFromUint64(market.StepSize)) {
			x = math.NewIntFromUint64(market.StepSize)
		}
	}
	signed := x
	if !long {
		signed = x.Neg()
	}
	rule.FillPrice = margin.FillablePrice(q, margin.BankruptcyPrice(acct, v.markets, market.Id, signed), long, params.LiquidationDiscount())
	if again := margin.ClosingSize(acct, v.markets, market.Id, rule); again.GT(x) {
		x = again
	}
	if maxSize.IsPositive() && x.GT(maxSize) {
		x = maxSize
	}
	if !long {
		x = x.Neg()
	}
	return x, margin.FillablePrice(q, margin.BankruptcyPrice(acct, v.markets, market.Id, x), long, params.LiquidationDiscount()), nil
}

// liquidate closes size (signed, the victim's side) of the victim's position at price into the taker. The victim
// pays the liquidation fee (never more than the equity the close leaves); a victim left flat with negative
// collateral has its debt paid by the insurance fund (ErrInsufficientInsurance, and nothing changes, when the fund
// cannot). A liquidator's subaccount must meet initial margin afterwards; the backstop must stay within its
// per-market notional and leverage limits, with margin moved to it from the insurance fund.
func (k *Keeper) liquidate(ctx sdk.Context, params types.Params, market types.Market, v *victim, size math.Int, price uint64, t liquidationTaker) (liquidationStep, error) {
	terms := margin.FillTerms{MarketID: market.Id, Price: price, MaxPositions: params.MaxPositionsPerSubaccount}
	vout := margin.SettleSide(margin.FillSide{Account: accountOf(v.sa), Delta: size.Neg()}, terms, v.markets)
	victimClosed := vout.Account // as the close left it, before the fee and any bad-debt payment
	fee := margin.LiquidationFee(vout.Notional, params.LiquidationFee(), vout.After.Equity)
	vout.Account.Collateral = vout.Account.Collateral.Sub(fee)
	insurance, err := k.InsuranceFund.Get(ctx)
	if err != nil {
		return liquidationStep{}, err
	}
	insurance = insurance.Add(fee)
	if err := k.recordInsuranceFlow(ctx, fee, flowLiquidationFee); err != nil {
		return liquidationStep{}, err
	}
	if len(vout.Account.Positions) == 0 && vout.Account.Collateral.IsNegative() {
		debt := vout.Account.Collateral.Neg()
		if debt.GT(insurance) {
			return liquidationStep{}, errorsmod.Wrapf(types.ErrInsufficientInsurance, "deficit %s, insurance fund %s", debt, insurance)
		}
		insurance = insurance.Sub(debt)
		vout.Account.Collateral = math.ZeroInt()
		if err := k.recordInsuranceFlow(ctx, debt.Neg(), flowBadDebt); err != nil {
			return liquidationStep{}, err
		}
		if err := ctx.EventManager().EmitTypedEvent(&types.EventBadDebt{Owner: v.sa.Owner, Number: v.sa.Number, Amount: debt.String(), InsuranceAfter: insurance.String()}); err != nil {
			return liquidationStep{}, err
		}
	}
	taker, err := k.GetSubaccount(ctx, t.owner, t.number)
	if err != nil {
		return liquidationStep{}, err
	}
	if taker.IsEmpty() && !t.backstop {
		if err := k.checkNewSubaccount(ctx, params, t.owner, 0); err != nil {
			return liquidationStep{}, err
		}
	}
	if taker.IsolatedMarketId != 0 && taker.IsolatedMarketId != market.Id {
		return liquidationStep{}, errorsmod.Wrapf(types.ErrIsolation, "subaccount %s/%d is isolated to market %d", taker.Owner, taker.Number, taker.IsolatedMarketId)
	}
	if err := k.settleFunding(ctx, &taker); err != nil {
		return liquidationStep{}, err
	}
	_, tmarkets, err := k.marginInputs(ctx, taker, market.Id)
	if err != nil {
		return liquidationStep{}, err
	}
	if t.backstop {
		moved := backstopMargin(accountOf(taker), tmarkets, terms, size, market.BackstopLeverageCap(), insurance)
		taker.Collateral, insurance = taker.Collateral.Add(moved), insurance.Sub(moved)
		if err := k.recordInsuranceFlow(ctx, moved.Neg(), flowBackstopMargin); err != nil {
			return liquidationStep{}, err
		}
	}
	tout := margin.SettleSide(margin.FillSide{Account: accountOf(taker), Delta: size}, terms, tmarkets)
	if err := takerVerdict(market, t, tout, tmarkets); err != nil {
		return liquidationStep{}, err
	}
	// The off-tick close price's rounding dust goes to the fund.
	dust := closeDust(accountOf(v.sa), victimClosed, accountOf(taker), tout.Account)
	insurance = insurance.Add(dust)
	if err := k.recordInsuranceFlow(ctx, dust, flowLiquidationFee); err != nil {
		return liquidationStep{}, err
	}
	if err := k.persistLiquidation(ctx, market, v, vout, taker, tout, insurance, t, fee, price); err != nil {
		return liquidationStep{}, err
	}
	return liquidationStep{size: size, price: price, fee: fee, notional: vout.Notional}, nil
}

// takerVerdict checks the receiving side: a liquidator meets initial margin; the backstop stays within the
// market's notional cap and its leverage cap.
func takerVerdict(market types.Market, t liquidationTaker, out margin.SideOutcome, markets map[uint32]margin.Market) error {
	if out.Verdict == margin.VerdictTooManyPositions {
		return errorsmod.Wrap(types.ErrTooManyPositions, "liquidator subaccount is at its position limit")
	}
	if !t.backstop {
		if out.After.Equity.LT(out.After.InitialMargin) {
			return errorsmod.Wrapf(types.ErrInsufficientMargin, "liquidator %s/%d: equity %s < initial margin %s", t.owner, t.number, out.After.Equity, out.After.InitialMargin)
		}
		return nil
	}
	m := markets[market.Id]
	for _, p := range out.Account.Positions {
		if p.MarketID == market.Id && margin.Notional(p.Size, m.OraclePrice, m.SizeDecimals, m.PriceDecimals).GT(math.NewIntFromUint64(market.BackstopNotionalCap())) {
			return errorsmod.Wrapf(types.ErrBackstopLimit, "%s backstop notional above %d", market.Ticker, market.BackstopNotionalCap())
		}
	}
	h := margin.ComputeHealth(out.Account, markets, 0)
	if !h.Equity.IsPositive() || h.Equity.LT(h.InitialMargin) || h.LeveragePpm > market.BackstopLeverageCap() {
		return errorsmod.Wrapf(types.ErrBackstopLimit, "backstop equity %s, initial margin %s, leverage %d ppm (cap %d)", h.Equity, h.InitialMargin, h.LeveragePpm, market.BackstopLeverageCap())
	}
	return nil
}

// backstopMargin is how much of the insurance fund moves into the backstop subaccount so that, after taking size
// at terms, its equity covers both initial margin and total notional ÷ its leverage cap; all the fund has when
// that is less (takerVerdict then refuses the takeover).
func backstopMargin(acct margin.Account, markets map[uint32]margin.Market, terms margin.FillTerms, size math.Int, leverageCapPpm uint64, fund math.Int) math.Int {
	trial := margin.SettleSide(margin.FillSide{Account: acct, Delta: size}, terms, markets)
	h := margin.ComputeHealth(trial.Account, markets, 0)
	required := h.InitialMargin
	if leverageCapPpm > 0 {
		// Rounded up: the backstop holds at least notional / cap.
		byLeverage := h.TotalNotional.MulRaw(margin.PPM).Add(math.NewIntFromUint64(leverageCapPpm - 1)).Quo(math.NewIntFromUint64(leverageCapPpm))
		if byLeverage.GT(required) {
			required = byLeverage
		}
	}
	need := required.Sub(h.Equity)
	if !need.IsPositive() {
		return math.ZeroInt()
	}
	if need.GT(fund) {
		return fund
	}
	return need
}

// persistLiquidation writes both subaccounts, open interest, the insurance fund and the liquidation event.
func (k *Keeper) persistLiquidation(ctx sdk.Context, market types.Market, v *victim, vout margin.SideOutcome, taker types.Subaccount,
	tout margin.SideOutcome, insurance math.Int, t liquidationTaker, fee math.Int, price uint64,
) error {
	state, err := k.getMarketState(ctx, market)
	if err != nil {
		return err
	}
	oi := math.NewIntFromUint64(state.OpenInterest)
	for _, o := range []margin.SideOutcome{vout, tout} {
		oi = oi.Add(positivePart(o.NewSize)).Sub(positivePart(o.OldSize))
	}
	if oi.IsNegative() || !oi.IsUint64() {
		return errorsmod.Wrap(types.ErrInvalidOrder, "open interest out of range")
	}
	state.OpenInterest = oi.Uint64()
	if err := k.MarketStates.Set(ctx, market.Id, state); err != nil {
		return err
	}
	if err := k.setSubaccount(ctx, v.owner, withAccount(v.sa, vout.Account)); err != nil {
		return err
	}
	takerAfter := withAccount(taker, tout.Account)
	if t.backstop && len(takerAfter.Positions) == 0 && takerAfter.Collateral.IsPositive() {
		insurance = insurance.Add(takerAfter.Collateral) // a flat backstop returns its margin to the fund
		if err := k.recordInsuranceFlow(ctx, takerAfter.Collateral, flowBackstopRelease); err != nil {
			return err
		}
		takerAfter.Collateral = math.ZeroInt()
	}
	if err := k.setSubaccount(ctx, t.owner, takerAfter); err != nil {
		return err
	}
	if err := k.InsuranceFund.Set(ctx, insurance); err != nil {
		return err
	}
	kind := "liquidator"
	if t.backstop {
		kind = "backstop"
	}
	bankruptcy := margin.BankruptcyPrice(accountOf(v.sa), v.markets, market.Id, vout.OldSize.Sub(vout.NewSize))
	return ctx.EventManager().EmitTypedEvent(&types.EventLiquidation{
		Owner: v.sa.Owner, Number: v.sa.Number, MarketId: market.Id, Taker: kind, Liquidator: t.owner.String(), LiquidatorNumber: t.number,
		Size_: vout.OldSize.Sub(vout.NewSize).String(), Price: price, BankruptcyPrice: bankruptcy.String(), Fee: fee.String(),
	})
}
