package margin

import (
	"math/big"

	"cosmossdk.io/math"
)

// IMFParams are a market's margin-fraction inputs.
type IMFParams struct {
	BaseIMFPpm              uint64 `json:"base_imf_ppm,string"`
	OILower                 uint64 `json:"oi_lower,string"`
	OIUpper                 uint64 `json:"oi_upper,string"`
	VolatilityMultiplierPpm uint64 `json:"volatility_multiplier_ppm,string"`
	MaxIMFPpm               uint64 `json:"max_imf_ppm,string"`
}

// TargetIMF returns the IMF a market should have now, in ppm:
//
//	min(max_imf, base + ⌈(10^6 − base) × clamp(OI − lower, 0, upper − lower) / (upper − lower)⌉ + ⌈volatility × multiplier_ppm⌉)
//
// volatility is the oracle's per-update realised volatility (a fraction). Rounded up: margin rises with size,
// open interest and volatility, never down by rounding. With upper ≤ lower there is no OI scaling.
func TargetIMF(p IMFParams, openInterest uint64, volatility math.LegacyDec) uint64 {
	target := new(big.Int).SetUint64(p.BaseIMFPpm)
	if p.OIUpper > p.OILower && openInterest > p.OILower && p.BaseIMFPpm < PPM {
		span := new(big.Int).SetUint64(p.OIUpper - p.OILower)
		over := new(big.Int).SetUint64(openInterest - p.OILower)
		if over.Cmp(span) > 0 {
			over.Set(span)
		}
		add := new(big.Int).Mul(new(big.Int).SetUint64(PPM-p.BaseIMFPpm), over)
		target.Add(target, divCeil(add, span))
	}
	if !volatility.IsNil() && volatility.IsPositive() {
		addon := volatility.Mul(math.LegacyNewDecFromInt(math.NewIntFromUint64(p.VolatilityMultiplierPpm))).Ceil().TruncateInt()
		target.Add(target, addon.BigInt())
	}
	if cap := new(big.Int).SetUint64(p.MaxIMFPpm); target.Cmp(cap) > 0 {
		target.Set(cap)
	}
	return saturatingUint64(target)
}

// StepIMF moves current toward target by at most stepLimitPpm (the anti-procyclicality limit). A zero current
// (a new market) jumps straight to the target.
func StepIMF(current, target, stepLimitPpm uint64) uint64 {
	switch {
	case current == 0 || current == target:
		return target
	case target > current:
		if target-current > stepLimitPpm {
			return current + stepLimitPpm
		}
		return target
	default:
		if current-target > stepLimitPpm {
			return current - stepLimitPpm
		}
		return target
	}
}
