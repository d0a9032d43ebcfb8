package backtest_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/tools/backtest"
	"github.com/clearchain/clearchain/chain/x/clearing/margin"
)

const (
	hourMs = int64(3_600_000)
	data   = "../../../test/data/"
)

func smallPopulation() backtest.Population {
	p := backtest.DefaultPopulation()
	p.Accounts, p.Flat = 24, 4
	return p
}

func TestReadPath(t *testing.T) {
	p, err := backtest.ReadPath(strings.NewReader("# c\nunix_seconds,pair,price\n10,BTC/USD,1.5\n11.5,ETH/USD,9\n12,btc/usd,2.1234567\n"), "x", "", 6)
	require.NoError(t, err)
	require.Equal(t, "BTC/USD", p.Pair)
	require.Equal(t, []backtest.Point{{TimeMs: 10_000, Price: 1_500_000}, {TimeMs: 12_000, Price: 2_123_456}}, p.Points)
	_, err = backtest.ReadPath(strings.NewReader("10,BTC/USD,1\n9,BTC/USD,1\n"), "x", "", 6)
	require.ErrorContains(t, err, "sorted")
	_, err = backtest.ReadPath(strings.NewReader("10,BTC/USD,0\n11,BTC/USD,1\n"), "x", "", 6)
	require.ErrorContains(t, err, "bad price")
}

func TestAdverseCoverage(t *testing.T) {
	s := []backtest.Sample{{TimeMs: 0, Price: 100, IMFPpm: 50_000}, {TimeMs: 60_000, Price: 96, IMFPpm: 50_000},
		{TimeMs: 120_000, Price: 103, IMFPpm: 50_000}, {TimeMs: 10 * 60_000, Price: 50, IMFPpm: 50_000}}
	c := backtest.AdverseCoverage(s, 60_000, 60_000, func(x backtest.Sample) uint64 { return x.IMFPpm })
	// row 0: long −4%, short 0; row 1: long 0, short +7.29…% (uncovered); row 2 → row 3 is a gap (> 2 × 60 s): skipped.
	require.Equal(t, 4, c.Samples)
	require.Equal(t, 3, c.Covered)
	require.Equal(t, uint64(72_917), c.WorstMovePpm)
	// A horizon shorter than the resolution uses the resolution.
	require.Equal(t, int64(3600), backtest.AdverseCoverage(s, 60_000, 3_600_000, func(backtest.Sample) uint64 { return 0 }).EffectiveS)
}

// TestBacktestCrashSlice replays two hours of the 2020-03-12 crash (1-minute BTC data) block by block through the
// real keepers with a small population, and holds the new model to its guarantees and calibration.
func TestBacktestCrashSlice(t *testing.T) {
	path, err := backtest.ReadPathFile(data+"crash/btc-usd-2020-03-12-1m.csv", "", 6)
	require.NoError(t, err)
	from := int64(1_584_012_240_000) // 2020-03-12 11:24 UTC
	path = path.Slice(from, from+hourMs+30*60_000)
	m, err := backtest.MarketByTicker("BTC-USD")
	require.NoError(t, err)
	legacy := backtest.LegacyMarket(m)
	res, err := backtest.Run(path, backtest.Options{Market: m, WarmupMs: 0, Population: smallPopulation(), Legacy: &legacy})
	require.NoError(t, err)
	t.Log("\n" + res.Summary(m))
	require.Equal(t, backtest.ModeBlocks, res.Mode)
	require.GreaterOrEqual(t, res.MM60.Pct(), 99.5, "MM covers 99.5% of 1-minute adverse moves")
	require.Less(t, res.MaxIMFRatio1h, 2.0, "the effective IMF never doubles within an hour")
	require.GreaterOrEqual(t, res.LegacyIMFMax, 3*legacy.InitialMarginPpm, "the previous model tripled its IMF within minutes")
	require.True(t, res.FlatAccountLoss.IsZero())
	require.LessOrEqual(t, res.IMFMax, m.InitialMarginPpm+margin.VolAddOnCap(m.InitialMarginPpm, m.MaintenanceFractionPpm))
}

// TestBacktestHistorySlice walks 90 days of hourly BTC history row by row and checks initial-margin coverage.
func TestBacktestHistorySlice(t *testing.T) {
	path, err := backtest.ReadPathFile(data+"history/btc-usd-1h.csv", "", 6)
	require.NoError(t, err)
	from := int64(1_640_995_200_000) // 2022-01-01
	path = path.Slice(from, from+90*24*hourMs)
	m, err := backtest.MarketByTicker("BTC-USD")
	require.NoError(t, err)
	res, err := backtest.Run(path, backtest.Options{Market: m, Mode: backtest.ModeRows, WarmupMs: 24 * hourMs})
	require.NoError(t, err)
	t.Log("\n" + res.Summary(m))
	require.Equal(t, int64(3600), res.IM3600.EffectiveS)
	require.GreaterOrEqual(t, res.IM3600.Pct(), 99.5, "IM covers 99.5% of 1-hour moves")
	require.Less(t, res.MaxIMFRatio1h, 2.0)
}

// TestStressScenarios runs every shipped scenario in its short form.
func TestStressScenarios(t *testing.T) {
	for _, name := range backtest.ScenarioNames() {
		t.Run(name, func(t *testing.T) {
			out, err := backtest.RunScenarioShort(name, backtest.Options{Population: smallPopulation()})
			require.NoError(t, err)
			r := out.Result
			t.Log("\n" + r.Summary(out.Market) + strings.Join(out.Notes, "\n"))
			t.Log(out.Extra)
			require.Less(t, r.MaxIMFRatio1h, 2.0)
			require.True(t, r.FlatAccountLoss.IsZero(), "flat accounts never lose")
			switch name {
			case "crash30", "gap15":
				require.Positive(t, r.Liquidations, "the crash liquidates the leveraged accounts")
			case "pump300":
				require.Positive(t, out.Extra["pumper_max_upnl"].(float64))
				require.Zero(t, out.Extra["pumper_withdrawable_from_upnl"].(float64), "unrealised profit is never withdrawable")
			case "jelly":
				require.LessOrEqual(t, out.Extra["backstop_would_absorb"].(float64), out.Extra["backstop_max_notional"].(float64))
				require.Positive(t, out.Extra["excess_beyond_backstop"].(float64))
			case "usde":
				require.Equal(t, 1.0, out.Extra["usdc_median_min"], "the median ignores the one deviant source")
			}
		})
	}
}
