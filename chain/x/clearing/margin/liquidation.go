package margin

import (
	"math/big"

	"cosmossdk.io/math"
)

// Liquidation math. Notation for the position being closed: s its signed size, q the oracle price, S =
// 10^(size_decimals + price_decimals), so x base quantums at price p are worth x·p·10^6/S collateral base units;
// E and MM are the account's equity and maintenance margin (ComputeRequirements, funding owed included).
//
// Closing c base quantums of the position (c has s's sign, |c| ≤ |s|) at price p instead of marking them at q
// changes equity by c·(p − q)·10^6/S; maintenance margin falls by c's share of the position's MM.

// BankruptcyPrice returns the price at which closing closeSize of the market's position leaves the account with
// exactly zero equity: p = q − E·S / (c·10^6). A long's price is rounded up and a short's down, so a close at the
// returned price never leaves negative equity from rounding. Returns 0 when no positive price exists (a long whose
// equity exceeds the whole closed value) or when closeSize is zero or not on the position's side.
func BankruptcyPrice(acct Account, markets map[uint32]Market, marketID uint32, closeSize math.Int) math.Int {
	m := markets[marketID]
	c := bi(closeSize)
	pos, ok := positionOf(acct, marketID)
	if !ok || c.Sign() == 0 || c.Sign() != bi(pos.Size).Sign() || new(big.Int).Abs(c).Cmp(new(big.Int).Abs(bi(pos.Size))) > 0 {
		return math.ZeroInt()
	}
	equity, _, _ := requirements(acct, markets)
	// shift = E·S / (c·10^6), p = q − shift.
	num := new(big.Int).Mul(equity, scaleDen(m.SizeDecimals, m.PriceDecimals))
	den := new(big.Int).Mul(c, pow10(QuoteDecimals))
	if den.Sign() < 0 {
		num.Neg(num)
		den.Neg(den)
	}
	q := new(big.Int).SetUint64(m.OraclePrice)
	var p *big.Int
	if c.Sign() > 0 {
		p = new(big.Int).Sub(q, divFloor(num, den)) // ⌈q − x⌉ = q − ⌊x⌋
	} else {
		p = new(big.Int).Sub(q, divCeil(num, den)) // ⌊q − x⌋ = q − ⌈x⌉
	}
	if p.Sign() <= 0 {
		return math.ZeroInt()
	}
	return toInt(p)
}

// FillablePrice is the price a liquidation closes at: the oracle price moved in the taker's favour by at most
// discountPpm, but never past the bankruptcy price, and never past the oracle price in the liquidated account's
// favour. For a long (the taker buys) p = clamp(max(⌈q·(1 − δ)⌉, bankruptcy), ≤ q); for a short (the taker
// sells) p = clamp(min(⌊q·(1 + δ)⌋, bankruptcy), ≥ q), where a short's bankruptcy price of 0 means "none".
// When the account is already bankrupt (the bankruptcy price is on the wrong side of the oracle) the fill is at
// the oracle price and the deficit is bad debt.
func FillablePrice(oraclePrice uint64, bankruptcy math.Int, long bool, discountPpm uint64) uint64 {
	q := new(big.Int).SetUint64(oraclePrice)
	d := new(big.Int).SetUint64(discountPpm)
	if discountPpm > PPM {
		d.Set(bigPPM)
	}
	b := bi(bankruptcy)
	if long {
		floor := divCeil(new(big.Int).Mul(q, new(big.Int).Sub(bigPPM, d)), bigPPM)
		if b.Cmp(floor) > 0 {
			floor = b
		}
		if floor.Cmp(q) > 0 {
			floor = q
		}
		return saturatingUint64(floor)
	}
	ceil := divFloor(new(big.Int).Mul(q, new(big.Int).Add(bigPPM, d)), bigPPM)
	if b.Sign() > 0 && b.Cmp(ceil) < 0 {
		ceil = b
	}
	if ceil.Cmp(q) < 0 {
		ceil = q
	}
	return saturatingUint64(ceil)
}

// ClosingRule bounds how much of a position one liquidation step closes.
type ClosingRule struct {
	// FillPrice is the price of the close.
	FillPrice uint64 `json:"fill_price,string"`
	// FeePpm is the liquidation fee on the closed notional.
	FeePpm uint64 `json:"fee_ppm,string"`
	// BufferPpm: close enough for equity ≥ MM × (1 + buffer).
	BufferPpm uint64 `json:"buffer_ppm,string"`
	// StepSize is the market's size increment; the size is rounded up to it.
	StepSize uint64 `json:"step_size,string"`
	// PartialNotional: a position whose notional exceeds it closes at most MaxFractionPpm per step.
	PartialNotional math.Int `json:"partial_notional"`
	// MaxFractionPpm is the largest share of a large position one step closes (at least one step).
	MaxFractionPpm uint64 `json:"max_fraction_ppm,string"`
}

// ClosingSize returns how many base quantums (unsigned) of the market's position one liquidation step closes:
// the least x (rounded up to the step) with E − x·a ≥ (1 + b)·(MM − x·m), where a is the equity lost per unit
// closed (the price concession |q − p| plus the fee) and m the maintenance margin released per unit, all exact in
// integers; the whole position when no partial close restores the account; then at most ⌈|s| × fraction⌉ (a
// multiple of the step, at least one step) when the position's notional exceeds PartialNotional. 0 when the
// account has no such position or already meets the target.
func ClosingSize(acct Account, markets map[uint32]Market, marketID uint32, rule ClosingRule) math.Int {
	pos, ok := positionOf(acct, marketID)
	if !ok || bi(pos.Size).Sign() == 0 {
		return math.ZeroInt()
	}
	m := markets[marketID]
	size := new(big.Int).Abs(bi(pos.Size))
	equity, _, mm := requirements(acct, markets)
	onePlusB := new(big.Int).Add(bigPPM, new(big.Int).SetUint64(rule.BufferPpm))
	// Per unit closed, scaled by S·10^6 so everything is an integer:
	//   a' = (concession·10^6 + p·fee_ppm)·10^6   (equity lost: price concession plus fee)
	//   m' = q·imf·mf                             (maintenance margin released)
	// and E − x·a ≥ (1 + b)·(MM − x·m) becomes x·((10^6+b)·m' − 10^6·a') ≥ ((10^6+b)·MM − 10^6·E)·S·10^6.
	q, p := new(big.Int).SetUint64(m.OraclePrice), new(big.Int).SetUint64(rule.FillPrice)
	concession := new(big.Int).Sub(q, p)
	if bi(pos.Size).Sign() < 0 {
		concession.Neg(concession)
	}
	if concession.Sign() < 0 {
		concession.SetInt64(0) // a close better than the oracle for the account is not credited
	}
	a := new(big.Int).Mul(concession, bigPPM)
	a.Add(a, new(big.Int).Mul(p, new(big.Int).SetUint64(rule.FeePpm)))
	a.Mul(a, bigPPM)
	mPer := new(big.Int).Mul(q, new(big.Int).SetUint64(m.IMFPpm))
	mPer.Mul(mPer, new(big.Int).SetUint64(m.MaintenanceFractionPpm))
	num := new(big.Int).Sub(new(big.Int).Mul(onePlusB, mm), new(big.Int).Mul(bigPPM, equity))
	num.Mul(num, scaleDen(m.SizeDecimals, m.PriceDecimals))
	num.Mul(num, bigPPM)
	den := new(big.Int).Sub(new(big.Int).Mul(onePlusB, mPer), new(big.Int).Mul(bigPPM, a))
	var x *big.Int
	switch {
	case num.Sign() <= 0:
		return math.ZeroInt()
	case den.Sign() <= 0:
		x = new(big.Int).Set(size)
	default:
		x = divCeil(num, den)
	}
	step := new(big.Int).SetUint64(rule.StepSize)
	if step.Sign() > 0 {
		x = new(big.Int).Mul(divCeil(x, step), step)
	}
	if x.Cmp(size) > 0 {
		x.Set(size)
	}
	if notional(bi(pos.Size), m.OraclePrice, m.SizeDecimals, m.PriceDecimals).Cmp(bi(rule.PartialNotional)) > 0 {
		limit := divCeil(new(big.Int).Mul(size, new(big.Int).SetUint64(rule.MaxFractionPpm)), bigPPM)
		if step.Sign() > 0 {
			limit = new(big.Int).Mul(divCeil(limit, step), step)
		}
		if limit.Sign() == 0 {
			limit.Set(step)
		}
		if x.Cmp(limit) > 0 {
			x = limit
		}
		if x.Cmp(size) > 0 {
			x.Set(size)
		}
	}
	return toInt(x)
}

// LiquidationFee is ⌈notional × fee_ppm⌉, capped at the equity the close leaves (never below zero), so the fee
// never turns a close into bad debt.
func LiquidationFee(notionalAmt math.Int, feePpm uint64, equityAfterClose math.Int) math.Int {
	fee := Fee(notionalAmt, feePpm)
	if !equityAfterClose.IsPositive() {
		return math.ZeroInt()
	}
	if fee.GT(equityAfterClose) {
		return equityAfterClose
	}
	return fee
}

// PositionToLiquidate picks the position a liquidation step closes first: the largest maintenance margin, ties to
// the lowest market id (deterministic). ok is false for an account without positions.
func PositionToLiquidate(acct Account, markets map[uint32]Market) (marketID uint32, ok bool) {
	var best *big.Int
	for _, p := range acct.Positions {
		if bi(p.Size).Sign() == 0 {
			continue
		}
		mm := termsOf(p, markets[p.MarketID]).mm
		if best == nil || mm.Cmp(best) > 0 {
			best, marketID, ok = mm, p.MarketID, true
		}
	}
	return marketID, ok
}

// AdlScore ranks a position for auto-deleveraging: unrealised PnL ratio × leverage, in ppm,
//
//	score = ⌊upnl × notional × 10^6 / (cost × equity)⌋,   cost = |quote_balance| (the notional when 0)
//
// eligible only for a position in profit of an account with positive equity. Higher scores deleverage first.
func AdlScore(acct Account, markets map[uint32]Market, marketID uint32) (score math.Int, eligible bool) {
	pos, ok := positionOf(acct, marketID)
	if !ok || bi(pos.Size).Sign() == 0 {
		return math.ZeroInt(), false
	}
	t := termsOf(pos, markets[marketID])
	equity, _, _ := requirements(acct, markets)
	if t.upnl.Sign() <= 0 || equity.Sign() <= 0 {
		return math.ZeroInt(), false
	}
	cost := new(big.Int).Abs(bi(pos.QuoteBalance))
	if cost.Sign() == 0 {
		cost.Set(t.notional)
	}
	if cost.Sign() == 0 {
		return math.ZeroInt(), false
	}
	num := new(big.Int).Mul(t.upnl, t.notional)
	num.Mul(num, bigPPM)
	return toInt(new(big.Int).Quo(num, new(big.Int).Mul(cost, equity))), true
}

// positionOf returns the account's position in a market.
func positionOf(acct Account, marketID uint32) (Position, bool) {
	for _, p := range acct.Positions {
		if p.MarketID == marketID {
			return p, true
		}
	}
	return Position{}, false
}
