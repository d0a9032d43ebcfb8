package margin

import (
	"math/big"

	"cosmossdk.io/math"
)

// Anti-procyclical effective IMF (see "Margin model and calibration" in the clearing README).
//
// The effective IMF of a market is the fraction both initial margin (IMF) and maintenance margin (IMF × maintenance
// fraction) are computed with. It follows a target that combines the base IMF (calibrated on history that includes
// the crashes, so it is already high in calm markets), open-interest scaling and a volatility add-on built from the
// oracle's hourly-sampled EWMA volatility. Three rules keep a margin change from causing a liquidation cascade:
//
//  1. Volatility is measured over hours (one sample per vol_sample_blocks ≈ 1 h, half-life ≈ 11 h), never per block.
//  2. The volatility add-on is capped at VolAddOnCap(base, mf) = ⌊base × (10^6 − mf) / mf⌋: maintenance margin,
//     (base + add-on) × mf, then never exceeds the base initial margin, so an account that met base initial margin
//     cannot become liquidatable from a volatility-driven margin change alone, only from a price move.
//  3. The effective IMF rises by at most a fraction of itself per block: (1 + 134 ppm)^5143 = 1.992, so it (and with
//     it MM) never more than doubles within 5,143 blocks (one hour at the default 0.7 s block time), and it falls at
//     most a quarter as fast (so it stays high for hours after a stress period: a look-back, not a cliff).
//
// All arithmetic is integer; every rounding is stated at the function.

const (
	// DefaultBlockTimeMs is the block time the block-count parameters are designed for (CometBFT timeouts of the
	// default genesis: ≈ 0.7 s).
	DefaultBlockTimeMs = 700
	// BlocksPerHour is ⌈3,600 s / 0.7 s⌉: the block count that stands for one hour in the IMF and volatility rules.
	BlocksPerHour = 5_143
	// MaxIMFRisePerBlockPpm is the largest per-block relative rise of the effective IMF, whatever governance sets:
	// ⌊(2^(1/5143) − 1) × 10^6⌋ = 134, and (1 + 134/10^6)^5143 = 1.9920 ≤ 2.
	MaxIMFRisePerBlockPpm = 134
	// IMFFallDivisor slows decreases: the effective IMF falls by at most rise/IMFFallDivisor of itself per block
	// (halving takes ≥ 4 hours at the default limit).
	IMFFallDivisor = 4
	// MinIMFForDoublingBoundPpm is the smallest IMF at which the per-block rise ⌊imf × 134 / 10^6⌋ is at least 1
	// ppm; below it the rise is 1 ppm per block (see StepIMF), so the doubling bound holds for IMF ≥ 7,463 ppm
	// (leverage ≤ 134x).
	MinIMFForDoublingBoundPpm = 7_463
	// maxIterateBlocks bounds MaxIMFAfterBlocks' loop: from 1 ppm the IMF reaches 10^6 within ≈ 45,000 blocks at the
	// maximum rise, so larger block counts return the cap.
	maxIterateBlocks = 1_000_000
)

// IMFParams are a market's margin-fraction inputs.
type IMFParams struct {
	BaseIMFPpm              uint64 `json:"base_imf_ppm,string"`
	OILower                 uint64 `json:"oi_lower,string"`
	OIUpper                 uint64 `json:"oi_upper,string"`
	VolatilityMultiplierPpm uint64 `json:"volatility_multiplier_ppm,string"`
	MaxIMFPpm               uint64 `json:"max_imf_ppm,string"`
	// VolAddOnCapPpm caps the volatility add-on (0 = uncapped). The chain passes VolAddOnCap(base, mf).
	VolAddOnCapPpm uint64 `json:"vol_add_on_cap_ppm,string,omitempty"`
}

// TargetIMF returns the IMF a market should have now, in ppm:
//
//	min(max_imf, base + ⌈(10^6 − base) × clamp(OI − lower, 0, upper − lower) / (upper − lower)⌉
//	              + min(⌈volatility × multiplier_ppm⌉, vol_add_on_cap))
//
// volatility is the oracle's volatility per sample (one sample per vol_sample_blocks ≈ 1 h), a fraction; with
// vol_add_on_cap = 0 the add-on is uncapped. Rounded up: margin rises with size, open interest and volatility,
// never down by rounding. With upper ≤ lower there is no OI scaling.
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
		addon := volatility.Mul(math.LegacyNewDecFromInt(math.NewIntFromUint64(p.VolatilityMultiplierPpm))).Ceil().TruncateInt().BigInt()
		if p.VolAddOnCapPpm > 0 {
			if capAddon := new(big.Int).SetUint64(p.VolAddOnCapPpm); addon.Cmp(capAddon) > 0 {
				addon = capAddon
			}
		}
		target.Add(target, addon)
	}
	if limit := new(big.Int).SetUint64(p.MaxIMFPpm); target.Cmp(limit) > 0 {
		target.Set(limit)
	}
	return saturatingUint64(target)
}

// VolAddOnCap returns ⌊base × (10^6 − mf) / mf⌋ ppm (rounded down): the largest volatility add-on with which
// maintenance margin, (base + add-on) × mf, stays at or below the base initial margin. 0 when mf is 0 or ≥ 10^6.
func VolAddOnCap(baseIMFPpm, maintenanceFractionPpm uint64) uint64 {
	if maintenanceFractionPpm == 0 || maintenanceFractionPpm >= PPM {
		return 0
	}
	n := new(big.Int).Mul(new(big.Int).SetUint64(baseIMFPpm), new(big.Int).SetUint64(PPM-maintenanceFractionPpm))
	return saturatingUint64(n.Quo(n, new(big.Int).SetUint64(maintenanceFractionPpm)))
}

// RiseLimitPpm is the per-block relative rise limit in force for a market: its imf_step_limit_ppm, but never more
// than MaxIMFRisePerBlockPpm (0 means the maximum).
func RiseLimitPpm(stepLimitPpm uint64) uint64 {
	if stepLimitPpm == 0 || stepLimitPpm > MaxIMFRisePerBlockPpm {
		return MaxIMFRisePerBlockPpm
	}
	return stepLimitPpm
}

// maxRise is the most the IMF may rise in one block from current: max(1, ⌊current × s / 10^6⌋) ppm (rounded down,
// at least 1 ppm so that a market below 7,463 ppm still reaches its target).
func maxRise(current, s uint64) uint64 {
	r := mulDivFloor(current, s, PPM)
	if r == 0 {
		return 1
	}
	return r
}

// maxFall is the most the IMF may fall in one block from current: max(1, ⌊current × s / (4 × 10^6)⌋) ppm.
func maxFall(current, s uint64) uint64 {
	r := mulDivFloor(current, s, PPM*IMFFallDivisor)
	if r == 0 {
		return 1
	}
	return r
}

// StepIMF moves current toward target for one block (the anti-procyclicality limit), with s = RiseLimitPpm(
// stepLimitPpm): up by at most max(1, ⌊current × s / 10^6⌋), down by at most max(1, ⌊current × s / (4 × 10^6)⌋),
// never past the target. A zero current (a new market) jumps straight to the target. Over any n blocks the IMF
// grows by at most the factor (1 + s/10^6)^n (for current ≥ 7,463 ppm): ≤ 1.992 over BlocksPerHour.
func StepIMF(current, target, stepLimitPpm uint64) uint64 {
	s := RiseLimitPpm(stepLimitPpm)
	switch {
	case current == 0 || current == target:
		return target
	case target > current:
		if d := maxRise(current, s); target-current > d {
			return current + d
		}
		return target
	default:
		if d := maxFall(current, s); current-target > d {
			return current - d
		}
		return target
	}
}

// MaxIMFAfterBlocks returns the largest effective IMF a market at imfPpm can have after the given number of blocks
// (the target rising as fast as allowed, never above maxIMFPpm): StepIMF's maximal rise iterated, exact.
// Cost: O(min(blocks, blocks to reach the cap)); at most ≈ 45,000 iterations, since the IMF doubles per hour.
func MaxIMFAfterBlocks(imfPpm, stepLimitPpm, blocks, maxIMFPpm uint64) uint64 {
	s := RiseLimitPpm(stepLimitPpm)
	x := imfPpm
	if x >= maxIMFPpm {
		return x
	}
	if x == 0 {
		return maxIMFPpm // a new market jumps to its target
	}
	if blocks > maxIterateBlocks {
		blocks = maxIterateBlocks
	}
	for i := uint64(0); i < blocks; i++ {
		x += maxRise(x, s)
		if x >= maxIMFPpm {
			return maxIMFPpm
		}
	}
	return x
}

// MaxMMRiseOverBlocks returns an upper bound, in ppm of notional, of how much a market's maintenance-margin fraction
// (effective IMF × maintenance fraction) can rise within the given number of blocks:
//
//	⌈MaxIMFAfterBlocks(imf, s, blocks, max_imf) × mf / 10^6⌉ − ⌊imf × mf / 10^6⌋
//
// (rounded so that it never under-states the rise). An index that files a subaccount under the price band inside
// which it is provably healthy can widen the band by this much margin per elapsed block count instead of re-filing
// on every IMF step. Rises over one block are at most ⌈134 ppm × imf × mf / 10^6⌉ + 1.
func MaxMMRiseOverBlocks(imfPpm, maintenanceFractionPpm, stepLimitPpm, blocks, maxIMFPpm uint64) uint64 {
	after := MaxIMFAfterBlocks(imfPpm, stepLimitPpm, blocks, maxIMFPpm)
	hi := mulDivCeil(after, maintenanceFractionPpm, PPM)
	lo := mulDivFloor(imfPpm, maintenanceFractionPpm, PPM)
	if hi <= lo {
		return 0
	}
	return hi - lo
}

// mulDivFloor returns ⌊a × b / d⌋ (saturating), d > 0.
func mulDivFloor(a, b, d uint64) uint64 {
	n := new(big.Int).Mul(new(big.Int).SetUint64(a), new(big.Int).SetUint64(b))
	return saturatingUint64(n.Quo(n, new(big.Int).SetUint64(d)))
}

// mulDivCeil returns ⌈a × b / d⌉ (saturating), d > 0.
func mulDivCeil(a, b, d uint64) uint64 {
	n := new(big.Int).Mul(new(big.Int).SetUint64(a), new(big.Int).SetUint64(b))
	return saturatingUint64(divCeil(n, new(big.Int).SetUint64(d)))
}
