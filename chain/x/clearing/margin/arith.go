package margin

import (
	"math/big"

	"cosmossdk.io/math"
)

// QuoteDecimals is the number of decimals of the collateral denom (USDC: 6).
const QuoteDecimals = 6

// PPM is one million.
const PPM = 1_000_000

var (
	bigPPM  = big.NewInt(PPM)
	bigZero = big.NewInt(0)
)

// pow10Small holds 10^0 … 10^63, computed once at start-up and never modified (pow10 hands out copies).
var pow10Small = func() [64]*big.Int {
	var t [64]*big.Int
	for i := range t {
		t[i] = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(i)), nil)
	}
	return t
}()

// pow10 returns a fresh 10^n (the caller may modify it): a copy from pow10Small for n < 64, computed otherwise.
func pow10(n uint32) *big.Int {
	if n < uint32(len(pow10Small)) {
		return new(big.Int).Set(pow10Small[n])
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// divFloor returns ⌊a/b⌋ for b > 0 (toward −∞).
func divFloor(a, b *big.Int) *big.Int {
	q, m := new(big.Int).QuoRem(a, b, new(big.Int))
	if m.Sign() < 0 {
		q.Sub(q, big.NewInt(1))
	}
	return q
}

// divCeil returns ⌈a/b⌉ for b > 0 (toward +∞).
func divCeil(a, b *big.Int) *big.Int {
	q, m := new(big.Int).QuoRem(a, b, new(big.Int))
	if m.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

// toInt converts to math.Int, saturating at ±(2^255−1) so that absurd inputs never panic.
func toInt(x *big.Int) math.Int {
	if x.BitLen() > 255 {
		limit := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(1))
		if x.Sign() < 0 {
			limit.Neg(limit)
		}
		return math.NewIntFromBigInt(limit)
	}
	return math.NewIntFromBigInt(x)
}

// bi returns the big.Int of a math.Int (zero for nil).
func bi(x math.Int) *big.Int {
	if x.IsNil() {
		return new(big.Int)
	}
	return x.BigInt()
}

// scaleDen is 10^(size_decimals + price_decimals).
func scaleDen(sizeDecimals, priceDecimals uint32) *big.Int {
	return pow10(sizeDecimals + priceDecimals)
}

// saturatingUint64 converts a non-negative big.Int to uint64, saturating.
func saturatingUint64(x *big.Int) uint64 {
	if x.Sign() <= 0 {
		return 0
	}
	if !x.IsUint64() {
		return ^uint64(0)
	}
	return x.Uint64()
}
