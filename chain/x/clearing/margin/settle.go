package margin

import (
	"math/big"
	"sort"

	"cosmossdk.io/math"
)

// Verdict is the pure settlement's decision for one side of a fill.
type Verdict int

const (
	// VerdictOK accepts the side.
	VerdictOK Verdict = iota
	// VerdictTooManyPositions refuses a fill that opens a position beyond the subaccount's limit.
	VerdictTooManyPositions
	// VerdictReduceOnly refuses a fill that grows or flips a position under reduce-only.
	VerdictReduceOnly
	// VerdictBelowInitialMargin refuses a fill that grows risk and leaves equity below initial margin.
	VerdictBelowInitialMargin
	// VerdictMarginRatioWorsened refuses a risk-reducing fill that leaves the side below initial margin and lowers
	// its collateralisation (equity ÷ maintenance margin).
	VerdictMarginRatioWorsened
	// VerdictNegativeEquity refuses a fill that leaves the side's equity below zero.
	VerdictNegativeEquity
)

// String names the verdict (deterministic text for error messages).
func (v Verdict) String() string {
	switch v {
	case VerdictOK:
		return "ok"
	case VerdictTooManyPositions:
		return "too many positions"
	case VerdictReduceOnly:
		return "fill would grow a position under reduce-only"
	case VerdictBelowInitialMargin:
		return "equity below initial margin after a risk-increasing fill"
	case VerdictMarginRatioWorsened:
		return "below initial margin and the fill lowers equity / maintenance margin"
	case VerdictNegativeEquity:
		return "equity below zero after the fill"
	}
	return "unknown verdict"
}

// Requirements is the part of health that settlement needs: no liquidation prices, O(positions).
type Requirements struct {
	// Equity is collateral + Σ position value + Σ quote balance − Σ funding owed.
	Equity math.Int `json:"equity"`
	// InitialMargin is Σ ⌈notional × imf⌉.
	InitialMargin math.Int `json:"initial_margin"`
	// MaintenanceMargin is Σ ⌈notional × imf × mf⌉.
	MaintenanceMargin math.Int `json:"maintenance_margin"`
}

// ComputeRequirements returns equity, initial and maintenance margin with ComputeHealth's rounding.
func ComputeRequirements(acct Account, markets map[uint32]Market) Requirements {
	equity, im, mm := requirements(acct, markets)
	return Requirements{Equity: toInt(equity), InitialMargin: toInt(im), MaintenanceMargin: toInt(mm)}
}

// requirements sums equity, IM and MM over the account's positions.
func requirements(acct Account, markets map[uint32]Market) (equity, im, mm *big.Int) {
	equity, im, mm = new(big.Int).Set(bi(acct.Collateral)), new(big.Int), new(big.Int)
	for _, p := range acct.Positions {
		t := termsOf(p, markets[p.MarketID])
		equity.Add(equity, t.upnl).Sub(equity, t.owed)
		im.Add(im, t.im)
		mm.Add(mm, t.mm)
	}
	return equity, im, mm
}

// positionTerms are one position's valuation terms at its market's oracle price.
type positionTerms struct {
	upnl, owed, notional, im, mm *big.Int
}

// termsOf values a position: upnl = ⌊size × price⌋ + quote, owed = ⌈funding⌉, notional ⌈|size| × price⌉, IM, MM.
func termsOf(p Position, m Market) positionTerms {
	size := bi(p.Size)
	value := signedValue(size, m.OraclePrice, m.SizeDecimals, m.PriceDecimals)
	n := notional(size, m.OraclePrice, m.SizeDecimals, m.PriceDecimals)
	pim, pmm := marginReq(n, m.IMFPpm, m.MaintenanceFractionPpm)
	return positionTerms{
		upnl:     new(big.Int).Add(value, bi(p.QuoteBalance)),
		owed:     fundingOwed(size, bi(m.FundingIndex), bi(p.FundingIndex), m.SizeDecimals),
		notional: n, im: pim, mm: pmm,
	}
}

// FillSide is one party of a fill as the pure settlement sees it.
type FillSide struct {
	// Account is the subaccount after its funding was settled, positions sorted by market.
	Account Account
	// Delta is the signed size change: +size for the buyer, −size for the seller.
	Delta math.Int
	// FeePpm is the side's fee rate on notional.
	FeePpm uint64
	// ReduceOnly is set when the order or the market only allows risk reduction.
	ReduceOnly bool
}

// FillTerms describe the fill being settled.
type FillTerms struct {
	// MarketID is the traded market; markets passed to SettleSide must contain it.
	MarketID uint32
	// Price is the fill price in price quantums.
	Price uint64
	// MaxPositions is the subaccount's position limit.
	MaxPositions uint32
}

// SideOutcome is the result of settling one side.
type SideOutcome struct {
	// Account is the subaccount after the fill (flat positions dropped, positions sorted).
	Account Account
	// OldSize and NewSize are the position's size before and after.
	OldSize, NewSize math.Int
	// RealizedPnl moved into collateral.
	RealizedPnl math.Int
	// Fee is ⌈notional × fee_ppm⌉, taken from collateral.
	Fee math.Int
	// Notional is the fill's notional.
	Notional math.Int
	// Reducing reports whether the fill only shrank the position.
	Reducing bool
	// Before and After are the side's requirements around the fill.
	Before, After Requirements
	// Verdict is the margin decision.
	Verdict Verdict
}

// SettleSide applies a fill to one side and decides whether margin allows it. The rules, in order:
//   - a new position beyond MaxPositions is refused;
//   - under reduce-only, a fill that does not only shrink the position is refused;
//   - after the fill (realised PnL and fee in collateral), a side whose equity covers initial margin is accepted;
//   - otherwise the fill must reduce risk, leave equity ≥ 0 and not lower equity ÷ maintenance margin
//     (checked as equity_after × MM_before ≥ equity_before × MM_after, exact in integers; a side left flat needs
//     equity ≥ 0 only). This is the rule dYdX v4 applies to undercollateralised subaccounts: a trade can never
//     move such a side closer to bankruptcy, so no fill price within the limits can create bad debt.
func SettleSide(side FillSide, terms FillTerms, markets map[uint32]Market) SideOutcome {
	m := markets[terms.MarketID]
	out := SideOutcome{Before: ComputeRequirements(side.Account, markets)}
	positions := append([]Position(nil), side.Account.Positions...)
	i := sort.Search(len(positions), func(j int) bool { return positions[j].MarketID >= terms.MarketID })
	exists := i < len(positions) && positions[i].MarketID == terms.MarketID
	pos := Position{MarketID: terms.MarketID, Size: math.ZeroInt(), QuoteBalance: math.ZeroInt(), FundingIndex: m.FundingIndex}
	if exists {
		pos = positions[i]
	} else if uint32(len(positions)) >= terms.MaxPositions {
		out.Account, out.Verdict = side.Account, VerdictTooManyPositions
		return out
	}
	fill := ApplyFill(pos, side.Delta, terms.Price, m.SizeDecimals, m.PriceDecimals)
	out.OldSize, out.NewSize = zeroIfNilInt(pos.Size), fill.Position.Size
	out.RealizedPnl, out.Notional = fill.RealizedPnl, fill.Notional
	out.Fee = Fee(fill.Notional, side.FeePpm)
	out.Reducing = IsRiskReducing(out.OldSize, out.NewSize)
	switch {
	case exists && fill.Position.Size.IsZero():
		positions = append(positions[:i], positions[i+1:]...)
	case exists:
		positions[i] = fill.Position
	default:
		positions = append(positions, Position{})
		copy(positions[i+1:], positions[i:])
		positions[i] = fill.Position
	}
	out.Account = Account{Collateral: zeroIfNilInt(side.Account.Collateral).Add(fill.RealizedPnl).Sub(out.Fee), Positions: positions}
	out.After = ComputeRequirements(out.Account, markets)
	out.Verdict = marginVerdict(side.ReduceOnly, out.Reducing, out.Before, out.After)
	return out
}

// marginVerdict applies SettleSide's margin rules to the requirements before and after a fill.
func marginVerdict(reduceOnly, reducing bool, before, after Requirements) Verdict {
	if reduceOnly && !reducing {
		return VerdictReduceOnly
	}
	if after.Equity.GTE(after.InitialMargin) {
		return VerdictOK
	}
	if !reducing {
		return VerdictBelowInitialMargin
	}
	if after.Equity.IsNegative() {
		return VerdictNegativeEquity
	}
	if after.MaintenanceMargin.IsZero() {
		return VerdictOK
	}
	lhs := new(big.Int).Mul(bi(after.Equity), bi(before.MaintenanceMargin))
	rhs := new(big.Int).Mul(bi(before.Equity), bi(after.MaintenanceMargin))
	if lhs.Cmp(rhs) < 0 {
		return VerdictMarginRatioWorsened
	}
	return VerdictOK
}

// WithinBand reports whether |price − oracle| ≤ oracle × band_ppm / 10^6 (exact; false when oracle is 0).
func WithinBand(price, oraclePrice, bandPpm uint64) bool {
	if oraclePrice == 0 {
		return false
	}
	d := new(big.Int).Sub(new(big.Int).SetUint64(price), new(big.Int).SetUint64(oraclePrice))
	d.Abs(d).Mul(d, bigPPM)
	limit := new(big.Int).Mul(new(big.Int).SetUint64(oraclePrice), new(big.Int).SetUint64(bandPpm))
	return d.Cmp(limit) <= 0
}

// ClampedPremiumPpm is PremiumPpm limited to ±band_ppm, so no fill's premium exceeds what the band admits.
func ClampedPremiumPpm(tradePrice, oraclePrice, bandPpm uint64) int64 {
	p := PremiumPpm(tradePrice, oraclePrice)
	limit := int64(bandPpm)
	if bandPpm > PPM {
		limit = PPM
	}
	if p > limit {
		return limit
	}
	if p < -limit {
		return -limit
	}
	return p
}

// BlockPremiumPpm is a block's notional-weighted premium: weighted / notional truncated toward zero; 0 when no
// fill counted.
func BlockPremiumPpm(weightedPpm, notionalAmt math.Int) int64 {
	n := bi(notionalAmt)
	if n.Sign() <= 0 {
		return 0
	}
	q := new(big.Int).Quo(bi(weightedPpm), n)
	if q.Cmp(bigPPM) > 0 {
		return PPM
	}
	if q.Cmp(new(big.Int).Neg(bigPPM)) < 0 {
		return -PPM
	}
	return q.Int64()
}

// zeroIfNilInt returns 0 for a nil Int.
func zeroIfNilInt(x math.Int) math.Int {
	if x.IsNil() {
		return math.ZeroInt()
	}
	return x
}
