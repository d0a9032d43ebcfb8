package types_test

import (
	"math/big"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

func rep(v byte, price uint64, power int64) types.Report {
	return types.Report{Validator: []byte{v}, PriceQuantums: price, Power: power}
}

func TestWeightedMedian(t *testing.T) {
	cases := []struct {
		name    string
		reports []types.Report
		want    uint64
		ok      bool
	}{
		{"empty", nil, 0, false},
		{"zero power only", []types.Report{rep(1, 100, 0)}, 0, false},
		{"single", []types.Report{rep(1, 100, 10)}, 100, true},
		{"odd equal weights", []types.Report{rep(1, 300, 1), rep(2, 100, 1), rep(3, 200, 1)}, 200, true},
		{"even equal weights takes lower", []types.Report{rep(1, 100, 1), rep(2, 200, 1)}, 100, true},
		{"even four equal weights", []types.Report{rep(1, 10, 5), rep(2, 40, 5), rep(3, 20, 5), rep(4, 30, 5)}, 20, true},
		{"heavy validator decides", []types.Report{rep(1, 100, 60), rep(2, 200, 20), rep(3, 300, 20)}, 100, true},
		{"exactly half power at low price", []types.Report{rep(1, 100, 50), rep(2, 200, 50)}, 100, true},
		{"ties in price", []types.Report{rep(3, 100, 1), rep(1, 100, 1), rep(2, 200, 1)}, 100, true},
		{"one liar 10x of four", []types.Report{rep(1, 1000, 25), rep(2, 1001, 25), rep(3, 999, 25), rep(4, 10000, 25)}, 1000, true},
		{"one liar 0.1x of four", []types.Report{rep(1, 1000, 25), rep(2, 1001, 25), rep(3, 999, 25), rep(4, 100, 25)}, 999, true},
		{"negative power ignored", []types.Report{rep(1, 1, -100), rep(2, 500, 1)}, 500, true},
		{"huge powers do not overflow", []types.Report{rep(1, 7, 1<<62), rep(2, 9, 1<<62), rep(3, 8, 1<<62)}, 8, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := types.WeightedMedian(append([]types.Report(nil), tc.reports...))
			require.Equal(t, tc.ok, ok)
			require.Equal(t, tc.want, got)
		})
	}
}

// TestSingleLiarCannotMoveMedian: with ≥ 3 equal-power honest validators, one validator reporting any price
// leaves the median within the honest range.
func TestSingleLiarCannotMoveMedian(t *testing.T) {
	honest := []uint64{60_000_000_000, 60_010_000_000, 59_990_000_000}
	for _, lie := range []uint64{1, 6_000_000_000, 600_000_000_000, types.MaxPriceQuantums} {
		rs := []types.Report{rep(1, honest[0], 10), rep(2, honest[1], 10), rep(3, honest[2], 10), rep(4, lie, 10)}
		got, ok := types.WeightedMedian(rs)
		require.True(t, ok)
		require.GreaterOrEqual(t, got, uint64(59_990_000_000))
		require.LessOrEqual(t, got, uint64(60_010_000_000))
	}
}

func TestHasQuorumAndPowerPpm(t *testing.T) {
	require.False(t, types.HasQuorum(2, 3, 666_667), "exactly 2/3 is not more than 2/3")
	require.True(t, types.HasQuorum(3, 4, 666_667))
	require.False(t, types.HasQuorum(1, 2, 666_667))
	require.False(t, types.HasQuorum(0, 0, 666_667))
	require.True(t, types.HasQuorum(1<<62, 1<<62, 666_667))
	require.Equal(t, uint64(750_000), types.PowerPpm(3, 4))
	require.Equal(t, uint64(666_666), types.PowerPpm(2, 3))
	require.Equal(t, uint64(0), types.PowerPpm(1, 0))
}

func TestMedian(t *testing.T) {
	m, ok := types.Median([]uint64{5, 1, 3})
	require.True(t, ok)
	require.Equal(t, uint64(3), m)
	m, _ = types.Median([]uint64{4, 1, 3, 2})
	require.Equal(t, uint64(2), m)
	_, ok = types.Median(nil)
	require.False(t, ok)
}

func TestBandMove(t *testing.T) {
	cases := []struct {
		price, ref, band uint64
		move             uint64
		tripped          bool
	}{
		{100, 100, 1, 0, false},
		{102, 100, 20_000, 20_000, false}, // exactly at the band does not trip
		{103, 100, 20_000, 30_000, true},
		{97, 100, 20_000, 30_000, true},
		{70, 100, 250_000, 300_000, true},
		{1_000_001, 1_000_000, 1, 1, false},
		{1_000_002, 1_000_000, 1, 2, true},
		{5, 0, 1, 0, false},
		{types.MaxPriceQuantums, 1, 1, ^uint64(0), true},
	}
	for _, tc := range cases {
		move, tripped := types.BandMove(tc.price, tc.ref, tc.band)
		require.Equal(t, tc.move, move, "%+v", tc)
		require.Equal(t, tc.tripped, tripped, "%+v", tc)
	}
}

// refVariance is a slow reference model of the EWMA in exact rationals.
func refVariance(prices []uint64, lambdaPpm uint64) *big.Rat {
	v := new(big.Rat)
	lambda := new(big.Rat).SetFrac64(int64(lambdaPpm), 1_000_000)
	oneMinus := new(big.Rat).Sub(big.NewRat(1, 1), lambda)
	for i := 1; i < len(prices); i++ {
		p := new(big.Rat).SetInt(new(big.Int).SetUint64(prices[i-1]))
		n := new(big.Rat).SetInt(new(big.Int).SetUint64(prices[i]))
		r := new(big.Rat).Quo(new(big.Rat).Sub(n, p), p)
		v = new(big.Rat).Add(new(big.Rat).Mul(lambda, v), new(big.Rat).Mul(oneMinus, new(big.Rat).Mul(r, r)))
	}
	return v
}

func TestUpdateVarianceAgainstRationalModel(t *testing.T) {
	paths := map[string][]uint64{
		"flat":     {100, 100, 100, 100},
		"zigzag":   {60_000_000_000, 60_600_000_000, 59_400_000_000, 60_000_000_000, 61_000_000_000},
		"crash":    {60_000, 57_000, 54_000, 51_000, 48_000, 45_000, 42_000},
		"tiny":     {100_000_000, 100_000_001, 100_000_000, 99_999_999},
		"doubling": {1, 2, 4, 8, 16},
	}
	for name, path := range paths {
		t.Run(name, func(t *testing.T) {
			for _, lambda := range []uint64{500_000, 940_000, 999_999} {
				v := math.LegacyZeroDec()
				for i := 1; i < len(path); i++ {
					v = types.UpdateVariance(v, path[i-1], path[i], lambda)
				}
				ref := refVariance(path, lambda)
				got, ok := new(big.Rat).SetString(v.String())
				require.True(t, ok)
				diff := new(big.Rat).Sub(got, ref)
				diff.Abs(diff)
				// 18-decimal fixed point with per-step rounding: error stays far below 1e-15.
				require.True(t, diff.Cmp(big.NewRat(1, 1_000_000_000_000_000)) < 0, "lambda %d: got %s want %s", lambda, v, ref.FloatString(20))
			}
		})
	}
}

func TestUpdateVarianceEdges(t *testing.T) {
	v := types.UpdateVariance(math.LegacyZeroDec(), 0, 100, 940_000)
	require.True(t, v.IsZero(), "first price sets no return")
	v = types.UpdateVariance(math.LegacyDec{}, 100, 110, 940_000)
	require.Equal(t, "0.000600000000000000", v.String()) // 0.06 × 0.1²
	require.Equal(t, "0.024494897427831781", types.Volatility(v).String())
	require.True(t, types.Volatility(math.LegacyDec{}).IsZero())
}
