package margin

import (
	"math/big"

	"cosmossdk.io/math"
)

// PremiumPpm returns (trade − oracle) / oracle in ppm, truncated toward zero and clamped to ±10^6; 0 when
// either price is missing.
func PremiumPpm(tradePrice, oraclePrice uint64) int64 {
	if tradePrice == 0 || oraclePrice == 0 {
		return 0
	}
	d := new(big.Int).Sub(new(big.Int).SetUint64(tradePrice), new(big.Int).SetUint64(oraclePrice))
	d.Mul(d, bigPPM)
	d.Quo(d, new(big.Int).SetUint64(oraclePrice))
	if d.Cmp(bigPPM) > 0 {
		return PPM
	}
	if d.Cmp(new(big.Int).Neg(bigPPM)) < 0 {
		return -PPM
	}
	return d.Int64()
}

// FundingRatePpm returns the interval's rate: the time-weighted premium (sum / samples, truncated toward zero)
// plus interest, clamped to ±maxRatePpm. Positive: longs pay shorts.
func FundingRatePpm(premiumSumPpm int64, samples uint64, interestPpm int64, maxRatePpm uint64) int64 {
	rate := new(big.Int)
	if samples > 0 {
		rate.Quo(big.NewInt(premiumSumPpm), new(big.Int).SetUint64(samples))
	}
	rate.Add(rate, big.NewInt(interestPpm))
	limit := new(big.Int).SetUint64(maxRatePpm)
	if rate.Cmp(limit) > 0 {
		rate.Set(limit)
	}
	if rate.Cmp(new(big.Int).Neg(limit)) < 0 {
		rate.Neg(limit)
	}
	return rate.Int64()
}

// FundingIndexDelta is the index change for one interval: rate_ppm × oracle_price × 10^6 / 10^price_decimals
// (collateral base units × 10^6 per base unit), truncated toward zero. The index is shared by both sides;
// rounding against each trader happens in FundingOwed.
func FundingIndexDelta(ratePpm int64, oraclePrice uint64, priceDecimals uint32) math.Int {
	d := new(big.Int).Mul(big.NewInt(ratePpm), new(big.Int).SetUint64(oraclePrice))
	d.Mul(d, pow10(QuoteDecimals))
	d.Quo(d, pow10(priceDecimals))
	return toInt(d)
}
