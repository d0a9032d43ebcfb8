package margin_test

import (
	"math/big"
	"testing"

	"cosmossdk.io/math"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
)

// ratFloor and ratCeil round a rational down and up.
func ratFloor(r *big.Rat) *big.Int {
	q, m := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int))
	_ = m
	return q // DivMod is Euclidean: with a positive denominator it is the floor
}

func ratCeil(r *big.Rat) *big.Int {
	f := ratFloor(r)
	if new(big.Rat).SetInt(f).Cmp(r) != 0 {
		f.Add(f, big.NewInt(1))
	}
	return f
}

func pow10(n uint32) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

// FuzzMarginArithmetic holds the pure margin functions to a math/big big.Rat reference on arbitrary inputs
// (sizes up to ±2^63, prices up to 2^64, decimals up to 18): notional ⌈|s|·p·10^6/10^(sd+pd)⌉, value
// ⌊s·p·10^6/10^(sd+pd)⌋, funding owed ⌈s·(index−snapshot)/(10^sd·10^6)⌉, fee ⌈n·fee/10^6⌉ and margin
// requirements; none may panic, and the liquidation price helpers stay within their documented bounds.
func FuzzMarginArithmetic(f *testing.F) {
	f.Add(int64(100_000_000), uint64(60_000_000_000), uint32(8), uint32(6), int64(6_000_000_000_000), int64(0), uint64(500), uint64(60_000), uint64(750_000))
	f.Add(int64(-1), uint64(1), uint32(0), uint32(0), int64(-1), int64(1), uint64(1_000_000), uint64(1), uint64(999_999))
	f.Add(int64(-9_223_372_036_854_775_808), uint64(18_446_744_073_709_551_615), uint32(18), uint32(18), int64(9_223_372_036_854_775_807), int64(-9_223_372_036_854_775_808), uint64(0), uint64(1_000_000), uint64(1))
	f.Fuzz(func(t *testing.T, size int64, price uint64, sd, pd uint32, index, snapshot int64, feePpm, imfPpm, mmfPpm uint64) {
		sd, pd = sd%19, pd%19
		s := math.NewInt(size)
		scale := new(big.Rat).SetFrac(big.NewInt(1_000_000), pow10(sd+pd))
		exact := new(big.Rat).Mul(new(big.Rat).SetInt(new(big.Int).Mul(big.NewInt(size), new(big.Int).SetUint64(price))), scale)

		n := margin.Notional(s, price, sd, pd)
		if want := ratCeil(new(big.Rat).Abs(exact)); n.BigInt().Cmp(want) != 0 {
			t.Fatalf("Notional(%d, %d, %d, %d) = %s, want %s", size, price, sd, pd, n, want)
		}
		v := margin.SignedValue(s, price, sd, pd)
		if want := ratFloor(exact); v.BigInt().Cmp(want) != 0 {
			t.Fatalf("SignedValue(%d, %d, %d, %d) = %s, want %s", size, price, sd, pd, v, want)
		}
		owed := margin.FundingOwed(s, math.NewInt(index), math.NewInt(snapshot), sd)
		delta := new(big.Int).Sub(big.NewInt(index), big.NewInt(snapshot))
		wantOwed := ratCeil(new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(size), delta), new(big.Int).Mul(pow10(sd), big.NewInt(1_000_000))))
		if owed.BigInt().Cmp(wantOwed) != 0 {
			t.Fatalf("FundingOwed(%d, %d, %d, %d) = %s, want %s", size, index, snapshot, sd, owed, wantOwed)
		}
		feePpm %= 1_000_001
		fee := margin.Fee(n, feePpm)
		if want := ratCeil(new(big.Rat).SetFrac(new(big.Int).Mul(n.BigInt(), new(big.Int).SetUint64(feePpm)), big.NewInt(1_000_000))); fee.BigInt().Cmp(want) != 0 {
			t.Fatalf("Fee(%s, %d) = %s, want %s", n, feePpm, fee, want)
		}
		imfPpm, mmfPpm = imfPpm%1_000_001, mmfPpm%1_000_000
		im, mm := margin.MarginRequirements(n, imfPpm, mmfPpm)
		if im.IsNegative() || mm.IsNegative() || mm.GT(im) {
			t.Fatalf("MarginRequirements(%s, %d, %d) = %s, %s: want 0 ≤ MM ≤ IM", n, imfPpm, mmfPpm, im, mm)
		}
		if want := ratCeil(new(big.Rat).SetFrac(new(big.Int).Mul(n.BigInt(), new(big.Int).SetUint64(imfPpm)), big.NewInt(1_000_000))); im.BigInt().Cmp(want) != 0 {
			t.Fatalf("initial margin %s, want %s", im, want)
		}
		if price > 0 {
			bk := math.NewInt(index)
			discount := feePpm % 1_000_000
			for _, long := range []bool{true, false} {
				p := margin.FillablePrice(price, bk, long, discount)
				if long && p > price || !long && p < price {
					t.Fatalf("FillablePrice(%d, %s, long=%t, %d) = %d is beyond the oracle price", price, bk, long, discount, p)
				}
			}
			lf := margin.LiquidationFee(n, feePpm, math.NewInt(snapshot))
			if lf.IsNegative() || lf.GT(fee) {
				t.Fatalf("LiquidationFee(%s, %d, %d) = %s: want 0 ≤ fee ≤ %s", n, feePpm, snapshot, lf, fee)
			}
		}
	})
}
