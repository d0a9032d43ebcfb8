package margin_test

import (
	"math"
	"math/big"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
)

func TestTargetIMF(t *testing.T) {
	p := margin.IMFParams{BaseIMFPpm: 50_000, OILower: 1_000, OIUpper: 2_000, VolatilityMultiplierPpm: 10_000_000, MaxIMFPpm: 1_000_000}
	require.Equal(t, uint64(50_000), margin.TargetIMF(p, 500, sdkmath.LegacyZeroDec()))
	require.Equal(t, uint64(50_000), margin.TargetIMF(p, 1_000, sdkmath.LegacyZeroDec()))
	require.Equal(t, uint64(525_000), margin.TargetIMF(p, 1_500, sdkmath.LegacyZeroDec()))
	require.Equal(t, uint64(1_000_000), margin.TargetIMF(p, 5_000, sdkmath.LegacyZeroDec()))
	// Volatility 0.001 × multiplier 10 = 1% add-on; uncapped.
	require.Equal(t, uint64(60_000), margin.TargetIMF(p, 0, sdkmath.LegacyMustNewDecFromStr("0.001")))
	// Rounded up: 0.0000001 × 10 = 1e-6 = exactly 1 ppm; 0.00000011 × 10 = 1.1 ppm → 2.
	require.Equal(t, uint64(50_001), margin.TargetIMF(p, 0, sdkmath.LegacyMustNewDecFromStr("0.0000001")))
	require.Equal(t, uint64(50_002), margin.TargetIMF(p, 0, sdkmath.LegacyMustNewDecFromStr("0.00000011")))
	// The add-on cap binds the volatility part only, never the OI part.
	p.VolAddOnCapPpm = 3_000
	require.Equal(t, uint64(53_000), margin.TargetIMF(p, 0, sdkmath.LegacyMustNewDecFromStr("0.001")))
	require.Equal(t, uint64(528_000), margin.TargetIMF(p, 1_500, sdkmath.LegacyMustNewDecFromStr("0.5")))
	p.MaxIMFPpm = 200_000
	require.Equal(t, uint64(200_000), margin.TargetIMF(p, 1_900, sdkmath.LegacyZeroDec()))
	require.Equal(t, uint64(50_000), margin.TargetIMF(p, 0, sdkmath.LegacyDec{}), "nil volatility adds nothing")
}

func TestVolAddOnCap(t *testing.T) {
	// base 6%, mf 75%: add-on ≤ 2% so MM = 8% × 75% = 6% = base IM.
	require.Equal(t, uint64(20_000), margin.VolAddOnCap(60_000, 750_000))
	require.Equal(t, uint64(40_000), margin.VolAddOnCap(60_000, 600_000))
	// Rounded down: 50,000 × 400,000 / 600,000 = 33,333.3 → 33,333.
	require.Equal(t, uint64(33_333), margin.VolAddOnCap(50_000, 600_000))
	require.Zero(t, margin.VolAddOnCap(50_000, 0))
	require.Zero(t, margin.VolAddOnCap(50_000, 1_000_000))
	// With the cap, (base + cap) × mf ≤ base for every input.
	for _, c := range [][2]uint64{{60_000, 750_000}, {125_000, 750_000}, {1, 1}, {999_999, 999_999}, {33_333, 333_333}} {
		cp := margin.VolAddOnCap(c[0], c[1])
		mm := new(big.Int).Mul(new(big.Int).SetUint64(c[0]+cp), new(big.Int).SetUint64(c[1]))
		require.True(t, mm.Cmp(new(big.Int).Mul(new(big.Int).SetUint64(c[0]), big.NewInt(margin.PPM))) <= 0, c)
	}
}

func TestStepIMF(t *testing.T) {
	require.Equal(t, uint64(60_000), margin.StepIMF(0, 60_000, 134), "a new market jumps to the target")
	require.Equal(t, uint64(50_000), margin.StepIMF(50_000, 50_000, 134))
	// Up: ⌊50,000 × 134 / 10^6⌋ = 6.
	require.Equal(t, uint64(50_006), margin.StepIMF(50_000, 60_000, 134))
	require.Equal(t, uint64(50_003), margin.StepIMF(50_000, 50_003, 134), "never past the target")
	// Down: ⌊50,000 × 134 / 4×10^6⌋ = 1.
	require.Equal(t, uint64(49_999), margin.StepIMF(50_000, 10_000, 134))
	require.Equal(t, uint64(999_967), margin.StepIMF(1_000_000, 1, 134), "⌊10^6 × 134 / (4 × 10^6)⌋ = 33")
	// Governance limits above 134 are clamped; 0 means the maximum; smaller limits are honoured.
	require.Equal(t, uint64(50_006), margin.StepIMF(50_000, 60_000, 5_000))
	require.Equal(t, uint64(50_006), margin.StepIMF(50_000, 60_000, 0))
	require.Equal(t, uint64(50_005), margin.StepIMF(50_000, 60_000, 100))
	// Below 7,463 ppm the rise is 1 ppm per block (the target is still reached).
	require.Equal(t, uint64(1_001), margin.StepIMF(1_000, 2_000, 134))
	require.Equal(t, uint64(999), margin.StepIMF(1_000, 1, 134))
}

// TestIMFNeverDoublesWithinAnHour walks the worst case (target at the cap the whole time) block by block and checks
// the rolling ratio over every window of BlocksPerHour blocks, from several starting IMFs.
func TestIMFNeverDoublesWithinAnHour(t *testing.T) {
	for _, start := range []uint64{margin.MinIMFForDoublingBoundPpm, 20_000, 50_000, 60_000, 125_000, 400_000} {
		path := []uint64{start}
		x := start
		for i := 0; i < 3*margin.BlocksPerHour; i++ {
			x = margin.StepIMF(x, 1_000_000, 5_000) // a governance step far above the clamp
			path = append(path, x)
		}
		worst := 0.0
		for i := margin.BlocksPerHour; i < len(path); i++ {
			r := float64(path[i]) / float64(path[i-margin.BlocksPerHour])
			worst = math.Max(worst, r)
			require.LessOrEqual(t, path[i], 2*path[i-margin.BlocksPerHour], "start %d block %d", start, i)
		}
		require.Less(t, worst, 2.0)
		if start >= 50_000 { // at small IMFs the rounding-down of each step makes the rise slower still
			require.Greater(t, worst, 1.95, "the cap is the binding limit, not something far slower (start %d)", start)
		}
		require.Equal(t, path[margin.BlocksPerHour], margin.MaxIMFAfterBlocks(start, 5_000, margin.BlocksPerHour, 1_000_000))
	}
}

func TestMaxIMFAfterBlocks(t *testing.T) {
	require.Equal(t, uint64(50_000), margin.MaxIMFAfterBlocks(50_000, 134, 0, 1_000_000))
	require.Equal(t, uint64(50_006), margin.MaxIMFAfterBlocks(50_000, 134, 1, 1_000_000))
	require.Equal(t, uint64(1_000_000), margin.MaxIMFAfterBlocks(50_000, 134, 1<<62, 1_000_000), "huge counts return the cap")
	require.Equal(t, uint64(80_000), margin.MaxIMFAfterBlocks(50_000, 134, 10_000, 80_000))
	require.Equal(t, uint64(90_000), margin.MaxIMFAfterBlocks(90_000, 134, 10, 80_000), "already above the cap")
	require.Equal(t, uint64(70_000), margin.MaxIMFAfterBlocks(0, 134, 1, 70_000), "a new market may jump to its cap")
	// It is exactly StepIMF iterated toward an unreachable target.
	x := uint64(12_345)
	for i := 0; i < 777; i++ {
		x = margin.StepIMF(x, 1_000_000, 134)
	}
	require.Equal(t, x, margin.MaxIMFAfterBlocks(12_345, 134, 777, 1_000_000))
}

func TestMaxMMRiseOverBlocks(t *testing.T) {
	// One block at 5%, mf 75%: IMF 50,000 → 50,006, MM 37,500 → ⌈37,504.5⌉ = 37,505: rise 5.
	require.Equal(t, uint64(5), margin.MaxMMRiseOverBlocks(50_000, 750_000, 134, 1, 1_000_000))
	require.Zero(t, margin.MaxMMRiseOverBlocks(50_000, 750_000, 134, 0, 1_000_000))
	require.Zero(t, margin.MaxMMRiseOverBlocks(80_000, 750_000, 134, 100, 80_000), "at the cap nothing can rise")
	// Over an hour MM less than doubles; the bound is never below the true rise of any admissible path.
	rise := margin.MaxMMRiseOverBlocks(60_000, 750_000, 134, margin.BlocksPerHour, 1_000_000)
	require.Less(t, rise, uint64(45_000)) // MM 45,000 → < 90,000
	x := uint64(60_000)
	for i := 0; i < margin.BlocksPerHour; i++ {
		x = margin.StepIMF(x, 120_000+uint64(i%3), 134)
		trueRise := x*750_000/1_000_000 - 45_000
		require.LessOrEqual(t, trueRise, margin.MaxMMRiseOverBlocks(60_000, 750_000, 134, uint64(i+1), 1_000_000))
	}
}
