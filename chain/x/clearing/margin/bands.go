package margin

import (
	"math/big"

	"cosmossdk.io/math"
)

// Liquidation sweep bands (pure functions; the keeper's index stores what they return).
//
// A position's contribution to equity − maintenance margin is, up to rounding, linear in ONE scalar of its market
// per side, the market's risk coordinate (in price quantums):
//
//	long  coordinate X = p·(1 − imf·mf) − funding_index·10^pd / 10^12
//	short coordinate Y = p·(1 + imf·mf) − funding_index·10^pd / 10^12
//
// With u = 10^6/10^(sd+pd) and a = |size|, exactly (before rounding):
//
//	long:  value + quote − owed − mm = size·u·X + c      short: value + quote − owed − mm = −a·u·Y + c
//
// where c depends only on the position (quote balance, funding snapshot). So price, effective IMF, maintenance
// fraction and funding index act on an account only through its markets' X and Y. An account evaluated with
// headroom B' = equity − MM − 4·positions ≥ 0 (4 bounds the four roundings of a position: value ⌊⌋, owed ⌈⌉,
// notional ⌈⌉, MM ⌈⌉, while imf·mf ≤ 1) gives position i a share B_i (Σ B_i ≤ B', proportional to notional) and
// stays provably healthy while every long's market keeps X ≥ X_0 − B_i/(size·u) and every short's market keeps
// Y ≤ Y_0 + B_i/(a·u). No horizon is needed: funding accrual, effective-IMF steps and governance changes of the
// maintenance fraction move X and Y exactly as a price move does, so they wake exactly the accounts whose share
// they exhaust, whenever they happen.
//
// A liquidatable account gets recovery bands, the mirror image: with deficit room R = MM − equity − 4·positions
// ≥ 0 split the same way, it provably stays liquidatable while every long's market keeps X ≤ X_0 + R_i/(size·u)
// and every short's keeps Y ≥ Y_0 − R_i/(a·u) (the upper rounding bound, value + quote − owed − mm ≤ the exact
// term, needs no slack; the filing-time lower bound costs the 4). So a queue of accounts waiting for the per-block
// caps costs nothing per block until prices move back toward health.

// coordScale is the fixed-point scale of coordinates inside computations (10^12, as imf·mf is in ppm²).
var coordScale = new(big.Int).Mul(bigPPM, bigPPM)

// pow10c returns 10^n without copying: the shared pow10Small entry for n < 64 (a fresh value beyond it). Callers
// never modify the result.
func pow10c(n uint32) *big.Int {
	if n < uint32(len(pow10Small)) {
		return pow10Small[n]
	}
	return pow10(n)
}

// BandSlackPerPosition bounds, per position, how far the integer terms (value, funding owed, notional, MM) can
// fall below their exact rational counterparts while imf·mf ≤ 1.
const BandSlackPerPosition = 4

// PositionBand is one position's wake condition in the sweep index.
type PositionBand struct {
	// MarketID is the position's market.
	MarketID uint32 `json:"market_id"`
	// Short is true for a short position.
	Short bool `json:"short"`
	// Trigger is the encoded coordinate level (EncodeCoordinate): a long wakes when its market's LongLevel ≤
	// Trigger, a short when its market's ShortLevel ≥ Trigger; a recovery band the other way round
	// (RecoveryLongLevel ≥ Trigger, RecoveryShortLevel ≤ Trigger).
	Trigger uint64 `json:"trigger,string"`
	// Recovery marks a liquidatable account's band (wakes when the market moves toward health).
	Recovery bool `json:"recovery"`
}

// Bands is an account's evaluation for the sweep: its requirements and, when healthy with headroom, one band
// per position inside which it is provably not liquidatable.
type Bands struct {
	// Requirements are equity, IM and MM at the given markets (ComputeRequirements).
	Requirements Requirements `json:"requirements"`
	// Liquidatable is equity < MM with at least one position (ComputeHealth's rule).
	Liquidatable bool `json:"liquidatable"`
	// Headroom is equity − MM − BandSlackPerPosition × positions; bands exist only when it is ≥ 0.
	Headroom math.Int `json:"headroom"`
	// Positions holds one band per position (in position order); nil when liquidatable, flat or without headroom.
	Positions []PositionBand `json:"positions"`
	// Recovery holds one recovery band per position of a liquidatable account (nil without deficit room).
	Recovery []PositionBand `json:"recovery"`
}

// HasBands reports whether the account is healthy with provable headroom (its bands are valid).
func (b Bands) HasBands() bool { return b.Positions != nil }

// coordinate12 returns 10^12 × the market's long (short=false) or short coordinate:
// p·(10^12 ∓ imf·mf) − funding_index·10^pd.
func coordinate12(m Market, short bool) *big.Int {
	k := new(big.Int).Mul(new(big.Int).SetUint64(m.IMFPpm), new(big.Int).SetUint64(m.MaintenanceFractionPpm))
	f := new(big.Int).Set(coordScale)
	if short {
		f.Add(f, k)
	} else {
		f.Sub(f, k)
	}
	x := f.Mul(f, new(big.Int).SetUint64(m.OraclePrice))
	return x.Sub(x, new(big.Int).Mul(bi(m.FundingIndex), pow10c(m.PriceDecimals)))
}

// minCoord and maxCoord are the int64 range coordinates saturate to.
var (
	minCoord = big.NewInt(-1 << 63)
	maxCoord = big.NewInt(1<<63 - 1)
)

// EncodeCoordinate maps a signed coordinate to an order-preserving uint64 key (saturating at ±2^63): v ↦ v + 2^63.
func EncodeCoordinate(v *big.Int) uint64 {
	switch {
	case v.Cmp(minCoord) < 0:
		return 0
	case v.Cmp(maxCoord) > 0:
		return ^uint64(0)
	}
	return uint64(v.Int64()) ^ (1 << 63)
}

// DecodeCoordinate is EncodeCoordinate's inverse on the int64 range.
func DecodeCoordinate(key uint64) int64 { return int64(key ^ (1 << 63)) }

// LongLevel is the market's current long wake level EncodeCoordinate(⌊X⌋): every long band with Trigger ≥ it
// must be re-evaluated.
func LongLevel(m Market) uint64 {
	return EncodeCoordinate(divFloor(coordinate12(m, false), coordScale))
}

// ShortLevel is the market's current short wake level EncodeCoordinate(⌈Y⌉): every short band with Trigger ≤ it
// must be re-evaluated.
func ShortLevel(m Market) uint64 { return EncodeCoordinate(divCeil(coordinate12(m, true), coordScale)) }

// RecoveryLongLevel is EncodeCoordinate(⌈X⌉): every long recovery band with Trigger ≤ it must be re-evaluated.
func RecoveryLongLevel(m Market) uint64 {
	return EncodeCoordinate(divCeil(coordinate12(m, false), coordScale))
}

// RecoveryShortLevel is EncodeCoordinate(⌊Y⌋): every short recovery band with Trigger ≥ it must be re-evaluated.
func RecoveryShortLevel(m Market) uint64 {
	return EncodeCoordinate(divFloor(coordinate12(m, true), coordScale))
}

// Wakes reports whether a band must be re-evaluated at the market's current state.
func (b PositionBand) Wakes(m Market) bool {
	switch {
	case b.Recovery && b.Short:
		return RecoveryShortLevel(m) <= b.Trigger
	case b.Recovery:
		return RecoveryLongLevel(m) >= b.Trigger
	case b.Short:
		return ShortLevel(m) >= b.Trigger
	}
	return LongLevel(m) <= b.Trigger
}

// ComputeBands evaluates an account for the sweep: requirements, the liquidation verdict and, when healthy with
// headroom, the per-position bands. Guarantee (see the package comment above and bands_test.go): for any later
// market states (prices, effective IMF ≤ 10^6, maintenance fraction, funding index) at which no band Wakes, the
// account — unchanged — has equity ≥ MM. Each position's share of the headroom is ⌊B' × notional_i / Σ notional⌋,
// and every trigger is rounded toward waking early (a long's up, a short's down), never late.
func ComputeBands(acct Account, markets map[uint32]Market) Bands {
	equity, im, mm := new(big.Int).Set(bi(acct.Collateral)), new(big.Int), new(big.Int)
	notionals := make([]*big.Int, len(acct.Positions))
	total := new(big.Int)
	marginFractionOK := true
	for i, p := range acct.Positions {
		m := markets[p.MarketID]
		t := termsOf(p, m)
		equity.Add(equity, t.upnl).Sub(equity, t.owed)
		im.Add(im, t.im)
		mm.Add(mm, t.mm)
		notionals[i] = t.notional
		total.Add(total, t.notional)
		if m.IMFPpm > PPM || m.MaintenanceFractionPpm > PPM {
			marginFractionOK = false // the slack bound assumes imf·mf ≤ 1
		}
	}
	b := Bands{Requirements: Requirements{Equity: toInt(equity), InitialMargin: toInt(im), MaintenanceMargin: toInt(mm)}}
	n := len(acct.Positions)
	headroom := new(big.Int).Sub(equity, mm)
	headroom.Sub(headroom, big.NewInt(int64(BandSlackPerPosition*n)))
	b.Headroom = toInt(headroom)
	if n == 0 {
		return b
	}
	if !marginFractionOK || total.Sign() <= 0 {
		b.Liquidatable = equity.Cmp(mm) < 0
		return b
	}
	if equity.Cmp(mm) < 0 {
		b.Liquidatable = true
		room := new(big.Int).Sub(mm, equity)
		room.Sub(room, big.NewInt(int64(BandSlackPerPosition*n)))
		if room.Sign() < 0 {
			return b
		}
		b.Recovery = make([]PositionBand, n)
		for i, p := range acct.Positions {
			b.Recovery[i] = recoveryBand(p, markets[p.MarketID], divFloor(new(big.Int).Mul(room, notionals[i]), total))
		}
		return b
	}
	if headroom.Sign() < 0 {
		return b
	}
	b.Positions = make([]PositionBand, n)
	for i, p := range acct.Positions {
		b.Positions[i] = positionBand(p, markets[p.MarketID], divFloor(new(big.Int).Mul(headroom, notionals[i]), total))
	}
	return b
}

// recoveryBand returns the recovery band of one position of a liquidatable account given its share of the room:
//
//	long:  Trigger = ⌊(X12·s + share·10^(6+sd+pd)) / (s·10^12)⌋ + 1      (wake when ⌈X⌉ ≥ Trigger)
//	short: Trigger = ⌈(Y12·a − share·10^(6+sd+pd)) / (a·10^12)⌉ − 1      (wake when ⌊Y⌋ ≤ Trigger)
func recoveryBand(p Position, m Market, share *big.Int) PositionBand {
	size := bi(p.Size)
	a := new(big.Int).Abs(size)
	short := size.Sign() < 0
	room := new(big.Int).Mul(share, pow10c(QuoteDecimals+m.SizeDecimals+m.PriceDecimals))
	den := new(big.Int).Mul(a, coordScale)
	num := new(big.Int).Mul(coordinate12(m, short), a)
	var trig *big.Int
	if short {
		num.Sub(num, room)
		trig = divCeil(num, den)
		trig.Sub(trig, big.NewInt(1))
	} else {
		num.Add(num, room)
		trig = divFloor(num, den)
		trig.Add(trig, big.NewInt(1))
	}
	return PositionBand{MarketID: p.MarketID, Short: short, Trigger: EncodeCoordinate(trig), Recovery: true}
}

// positionBand returns the band of one position given its share of the headroom:
//
//	long:  Trigger = ⌈(X12·s − share·10^(6+sd+pd)) / (s·10^12)⌉ − 1      (wake when ⌊X⌋ ≤ Trigger)
//	short: Trigger = ⌊(Y12·a + share·10^(6+sd+pd)) / (a·10^12)⌋ + 1      (wake when ⌈Y⌉ ≥ Trigger)
func positionBand(p Position, m Market, share *big.Int) PositionBand {
	size := bi(p.Size)
	a := new(big.Int).Abs(size)
	short := size.Sign() < 0
	x12 := coordinate12(m, short)
	room := new(big.Int).Mul(share, pow10c(QuoteDecimals+m.SizeDecimals+m.PriceDecimals))
	den := new(big.Int).Mul(a, coordScale)
	num := new(big.Int).Mul(x12, a)
	var trig *big.Int
	if short {
		num.Add(num, room)
		trig = divFloor(num, den)
		trig.Add(trig, big.NewInt(1))
	} else {
		num.Sub(num, room)
		trig = divCeil(num, den)
		trig.Sub(trig, big.NewInt(1))
	}
	return PositionBand{MarketID: p.MarketID, Short: short, Trigger: EncodeCoordinate(trig)}
}

// TriggerPrice expresses a band as an oracle price at the market's current effective IMF, maintenance fraction
// and funding index: a long wakes when the price is ≤ the returned price (0: never by price alone), a short when
// it is ≥ the returned price (max uint64: never); a recovery band the other way round (long ≥, short ≤). Funding
// or IMF changes move it; the index uses coordinates.
func TriggerPrice(b PositionBand, m Market) uint64 {
	k := new(big.Int).Mul(new(big.Int).SetUint64(m.IMFPpm), new(big.Int).SetUint64(m.MaintenanceFractionPpm))
	fund := new(big.Int).Mul(bi(m.FundingIndex), pow10c(m.PriceDecimals))
	t := big.NewInt(DecodeCoordinate(b.Trigger))
	switch {
	case b.Recovery && b.Short:
		// wake ⇔ ⌊Y(p)⌋ ≤ T ⇔ p·(10^12 + k) − fund < (T + 1)·10^12
		num := new(big.Int).Add(t, big.NewInt(1))
		num.Mul(num, coordScale).Add(num, fund)
		p := divCeil(num, new(big.Int).Add(coordScale, k))
		p.Sub(p, big.NewInt(1))
		return saturatingUint64(p)
	case b.Recovery:
		// wake ⇔ ⌈X(p)⌉ ≥ T ⇔ p·(10^12 − k) − fund > (T − 1)·10^12
		den := new(big.Int).Sub(coordScale, k)
		if den.Sign() <= 0 {
			return ^uint64(0)
		}
		num := new(big.Int).Sub(t, big.NewInt(1))
		num.Mul(num, coordScale).Add(num, fund)
		p := divFloor(num, den)
		p.Add(p, big.NewInt(1))
		if p.Sign() <= 0 {
			return 1
		}
		return saturatingUint64(p)
	}
	if b.Short {
		// wake ⇔ ⌈Y(p)⌉ ≥ T ⇔ p·(10^12 + k) − fund > (T − 1)·10^12
		num := new(big.Int).Sub(t, big.NewInt(1))
		num.Mul(num, coordScale).Add(num, fund)
		den := new(big.Int).Add(coordScale, k)
		p := divFloor(num, den)
		p.Add(p, big.NewInt(1))
		if p.Sign() <= 0 {
			return 1
		}
		return saturatingUint64(p)
	}
	// wake ⇔ ⌊X(p)⌋ ≤ T ⇔ p·(10^12 − k) − fund < (T + 1)·10^12
	den := new(big.Int).Sub(coordScale, k)
	if den.Sign() <= 0 {
		return 0
	}
	num := new(big.Int).Add(t, big.NewInt(1))
	num.Mul(num, coordScale).Add(num, fund)
	p := divCeil(num, den)
	p.Sub(p, big.NewInt(1))
	return saturatingUint64(p)
}
