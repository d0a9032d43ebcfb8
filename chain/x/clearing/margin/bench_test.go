package margin_test

import (
	"fmt"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/internal/benchout"
	"github.com/clearchain/clearchain/chain/x/clearing/margin"
)

// benchAccount returns an account with n positions across n markets.
func benchAccount(n int) (margin.Account, map[uint32]margin.Market) {
	acct := margin.Account{Collateral: math.NewInt(1_000_000_000_000)}
	markets := map[uint32]margin.Market{}
	for i := 1; i <= n; i++ {
		id := uint32(i)
		markets[id] = margin.Market{MarketID: id, SizeDecimals: 8, PriceDecimals: 6, OraclePrice: uint64(1_000_000_000 + i*1_000_000),
			IMFPpm: 50_000, MaintenanceFractionPpm: 600_000, FundingIndex: math.NewInt(int64(i) * 1_000_000_000)}
		size := math.NewInt(int64(i) * 10_000_000)
		if i%2 == 0 {
			size = size.Neg()
		}
		acct.Positions = append(acct.Positions, margin.Position{MarketID: id, Size: size, QuoteBalance: size.Neg().MulRaw(10), FundingIndex: math.ZeroInt()})
	}
	return acct, markets
}

func benchmarkHealth(n int) func(b *testing.B) {
	return func(b *testing.B) {
		acct, markets := benchAccount(n)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			_ = margin.ComputeHealth(acct, markets, 0)
		}
	}
}

func BenchmarkHealth1(b *testing.B)   { benchmarkHealth(1)(b) }
func BenchmarkHealth10(b *testing.B)  { benchmarkHealth(10)(b) }
func BenchmarkHealth100(b *testing.B) { benchmarkHealth(100)(b) }

// TestBenchMargin records the Go margin engine's health computation time for 1, 10 and 100 positions.
func TestBenchMargin(t *testing.T) {
	if !benchout.Enabled() {
		t.Skip("set CLEARCHAIN_BENCH_DIR (make bench) to run")
	}
	figures := map[string]any{}
	for _, n := range []int{1, 10, 100} {
		res := testing.Benchmark(benchmarkHealth(n))
		figures[fmt.Sprintf("go_positions_%d_ns", n)] = res.NsPerOp()
		figures[fmt.Sprintf("go_positions_%d_allocs", n)] = res.AllocsPerOp()
	}
	require.NoError(t, benchout.Record("margin", figures))
}
