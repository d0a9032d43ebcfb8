package types

import (
	"bytes"
	"math/big"
	"sort"

	"cosmossdk.io/math"
)

// Report is one validator's price for a pair, weighted by its voting power.
type Report struct {
	// Validator is the consensus address; it orders equal prices deterministically.
	Validator []byte
	// PriceQuantums is the reported fixed-point price.
	PriceQuantums uint64
	// Power is the validator's voting power in the last commit.
	Power int64
}

// WeightedMedian returns the lower stake-weighted median of the reports: the smallest price p such that the
// reports priced at or below p hold at least half of the reporting power. Reports with non-positive power are
// ignored. It sorts its input. ok is false when no power reported.
//
// With weights, a single validator can move the result only by holding at least half of the reporting power.
func WeightedMedian(reports []Report) (price uint64, ok bool) {
	sort.Slice(reports, func(i, j int) bool {
		if reports[i].PriceQuantums != reports[j].PriceQuantums {
			return reports[i].PriceQuantums < reports[j].PriceQuantums
		}
		return bytes.Compare(reports[i].Validator, reports[j].Validator) < 0
	})
	total := new(big.Int)
	for _, r := range reports {
		if r.Power > 0 {
			total.Add(total, big.NewInt(r.Power))
		}
	}
	if total.Sign() == 0 {
		return 0, false
	}
	cum := new(big.Int)
	twice := new(big.Int)
	for _, r := range reports {
		if r.Power <= 0 {
			continue
		}
		cum.Add(cum, big.NewInt(r.Power))
		if twice.Lsh(cum, 1).Cmp(total) >= 0 {
			return r.PriceQuantums, true
		}
	}
	return reports[len(reports)-1].PriceQuantums, true // unreachable: cumulative power reaches the total
}

// Median returns the lower median of prices (it sorts its input); ok is false for an empty input.
func Median(prices []uint64) (uint64, bool) {
	if len(prices) == 0 {
		return 0, false
	}
	sort.Slice(prices, func(i, j int) bool { return prices[i] < prices[j] })
	return prices[(len(prices)-1)/2], true
}

// PowerPpm returns part/total in ppm, rounded down; 0 when total is not positive.
func PowerPpm(part, total int64) uint64 {
	if total <= 0 || part <= 0 {
		return 0
	}
	q := new(big.Int).Mul(big.NewInt(part), big.NewInt(int64(PPM)))
	q.Quo(q, big.NewInt(total))
	return q.Uint64()
}

// HasQuorum reports whether part is strictly more than minPpm/10^6 of total (exact integer comparison).
func HasQuorum(part, total int64, minPpm uint64) bool {
	if total <= 0 || part <= 0 {
		return false
	}
	lhs := new(big.Int).Mul(big.NewInt(part), new(big.Int).SetUint64(PPM))
	rhs := new(big.Int).Mul(big.NewInt(total), new(big.Int).SetUint64(minPpm))
	return lhs.Cmp(rhs) > 0
}

// BandMove returns |price − reference| / reference in ppm (rounded down) and whether it exceeds bandPpm
// (compared exactly, not after rounding). A zero reference never trips.
func BandMove(price, reference, bandPpm uint64) (movePpm uint64, tripped bool) {
	if reference == 0 {
		return 0, false
	}
	diff := new(big.Int).Sub(new(big.Int).SetUint64(price), new(big.Int).SetUint64(reference))
	diff.Abs(diff)
	scaled := new(big.Int).Mul(diff, new(big.Int).SetUint64(PPM))
	ref := new(big.Int).SetUint64(reference)
	move := new(big.Int).Quo(scaled, ref)
	limit := new(big.Int).Mul(ref, new(big.Int).SetUint64(bandPpm))
	if !move.IsUint64() {
		return ^uint64(0), true
	}
	return move.Uint64(), scaled.Cmp(limit) > 0
}

// UpdateVariance returns the exponentially weighted variance of simple returns after a move from prev to next:
// variance' = λ·variance + (1 − λ)·r², r = (next − prev)/prev, λ = lambdaPpm/10^6.
// All arithmetic is 18-decimal fixed point (math.LegacyDec, rounding half up at each step); a zero prev leaves
// the variance unchanged.
func UpdateVariance(variance math.LegacyDec, prev, next, lambdaPpm uint64) math.LegacyDec {
	if prev == 0 {
		return variance
	}
	if variance.IsNil() {
		variance = math.LegacyZeroDec()
	}
	p := math.LegacyNewDecFromBigInt(new(big.Int).SetUint64(prev))
	n := math.LegacyNewDecFromBigInt(new(big.Int).SetUint64(next))
	r := n.Sub(p).Quo(p)
	lambda := math.LegacyNewDecFromInt(math.NewIntFromUint64(lambdaPpm)).QuoInt64(int64(PPM))
	return lambda.Mul(variance).Add(math.LegacyOneDec().Sub(lambda).Mul(r.Mul(r)))
}

// Volatility returns sqrt(variance) as an 18-decimal fixed-point number (0 for a nil or non-positive variance).
func Volatility(variance math.LegacyDec) math.LegacyDec {
	if variance.IsNil() || !variance.IsPositive() {
		return math.LegacyZeroDec()
	}
	v, err := variance.ApproxSqrt()
	if err != nil {
		return math.LegacyZeroDec()
	}
	return v
}
