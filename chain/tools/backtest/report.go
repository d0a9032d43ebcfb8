package backtest

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	sdkmath "cosmossdk.io/math"

	"github.com/clearchain/clearchain/chain/internal/benchout"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// Figures renders a result as the BENCH figures (`backtest.json` keys). Money is in USDC.
func (r Result) Figures(m types.Market, extra map[string]any) map[string]any {
	f := map[string]any{
		"mode":                      r.Mode,
		"blocks":                    r.Blocks,
		"rows":                      r.Rows,
		"resolution_s":              r.ResolutionS,
		"warmup_s":                  r.WarmupS,
		"market":                    m.Ticker,
		"base_imf_ppm":              m.InitialMarginPpm,
		"maintenance_fraction_ppm":  m.MaintenanceFractionPpm,
		"mm_coverage_60s_pct":       round3(r.MM60.Pct()),
		"mm_coverage_300s_pct":      round3(r.MM300.Pct()),
		"im_coverage_3600s_pct":     round3(r.IM3600.Pct()),
		"mm_60s_effective_s":        r.MM60.EffectiveS,
		"mm_300s_effective_s":       r.MM300.EffectiveS,
		"im_3600s_effective_s":      r.IM3600.EffectiveS,
		"mm_60s_samples":            r.MM60.Samples,
		"im_3600s_samples":          r.IM3600.Samples,
		"worst_move_60s_pct":        round3(float64(r.MM60.WorstMovePpm) / 1e4),
		"worst_move_300s_pct":       round3(float64(r.MM300.WorstMovePpm) / 1e4),
		"worst_move_3600s_pct":      round3(float64(r.IM3600.WorstMovePpm) / 1e4),
		"base_mm_coverage_60s_pct":  round3(r.BaseMM60.Pct()),
		"base_mm_coverage_300s_pct": round3(r.BaseMM300.Pct()),
		"max_imf_ratio_1h":          round3(r.MaxIMFRatio1h),
		"imf_min_ppm":               r.IMFMin,
		"imf_max_ppm":               r.IMFMax,
		"engine":                    r.Engine,
		"accounts":                  r.Accounts,
		"liquidations":              r.Liquidations,
		"liquidated_accounts":       r.LiquidatedAccounts,
		"liquidatable_accounts":     r.LiquidatableAccounts,
		"deferred":                  r.Deferred,
		"max_deferred":              r.MaxDeferred,
		"bad_debt":                  usdc(r.BadDebt),
		"insurance_drawdown":        usdc(r.InsuranceDrawdown),
		"adl_events":                r.ADLEvents,
		"flat_account_loss":         usdc(r.FlatAccountLoss),
	}
	if r.LegacyMM60.Samples > 0 {
		f["before_mm_coverage_60s_pct"] = round3(r.LegacyMM60.Pct())
		f["before_mm_coverage_300s_pct"] = round3(r.LegacyMM300.Pct())
		f["before_im_coverage_3600s_pct"] = round3(r.LegacyIM3600.Pct())
		f["before_max_imf_ratio_1h"] = round3(r.LegacyMaxIMFRatio1h)
		f["before_imf_max_ppm"] = r.LegacyIMFMax
	}
	if r.Engine != "sweep+waterfall" {
		f["note"] = "liquidation_engine_absent:liquidations=accounts_found_below_MM_by_margin.ComputeHealth,bad_debt=their_negative_equity_at_detection;waterfall_figures_come_from_the_engine_when_present"
	}
	for k, v := range extra {
		f[k] = v
	}
	return f
}

// Record prints `BENCH <name> ...` and writes <CLEARCHAIN_BENCH_DIR>/<name>.json.
func Record(name string, figures map[string]any) error { return benchout.Record(name, figures) }

// Summary is a human-readable multi-line summary.
func (r Result) Summary(m types.Market) string {
	var b strings.Builder
	fmt.Fprintf(&b, "market %s  base IMF %s  mf %s  mode %s  blocks %d  rows %d  resolution %ds  warm-up %ds\n", m.Ticker,
		pct(m.InitialMarginPpm), pct(m.MaintenanceFractionPpm), r.Mode, r.Blocks, r.Rows, r.ResolutionS, r.WarmupS)
	fmt.Fprintf(&b, "MM coverage  60 s (eff. %ds): %.3f%% of %d   300 s (eff. %ds): %.3f%%   [base MM only: %.3f%% / %.3f%%]\n",
		r.MM60.EffectiveS, r.MM60.Pct(), r.MM60.Samples, r.MM300.EffectiveS, r.MM300.Pct(), r.BaseMM60.Pct(), r.BaseMM300.Pct())
	fmt.Fprintf(&b, "IM coverage 3600 s (eff. %ds): %.3f%% of %d   worst moves 60s %.2f%% 300s %.2f%% 3600s %.2f%%\n",
		r.IM3600.EffectiveS, r.IM3600.Pct(), r.IM3600.Samples, float64(r.MM60.WorstMovePpm)/1e4, float64(r.MM300.WorstMovePpm)/1e4, float64(r.IM3600.WorstMovePpm)/1e4)
	fmt.Fprintf(&b, "effective IMF %s .. %s   max ratio to 1 h earlier %.3f\n", pct(r.IMFMin), pct(r.IMFMax), r.MaxIMFRatio1h)
	if r.LegacyMM60.Samples > 0 {
		fmt.Fprintf(&b, "before (previous model): MM 60 s %.3f%%  300 s %.3f%%  IM 3600 s %.3f%%  IMF max %s  max ratio 1 h %.3f\n",
			r.LegacyMM60.Pct(), r.LegacyMM300.Pct(), r.LegacyIM3600.Pct(), pct(r.LegacyIMFMax), r.LegacyMaxIMFRatio1h)
	}
	fmt.Fprintf(&b, "population %d (engine: %s): liquidations %d (accounts %d, found below MM %d), deferred %d (max/block %d), bad debt %s, insurance drawdown %s, ADL %d, flat-account loss %s\n",
		r.Accounts, r.Engine, r.Liquidations, r.LiquidatedAccounts, r.LiquidatableAccounts, r.Deferred, r.MaxDeferred,
		usdcS(r.BadDebt), usdcS(r.InsuranceDrawdown), r.ADLEvents, usdcS(r.FlatAccountLoss))
	return b.String()
}

func pct(ppm uint64) string { return strconv.FormatFloat(float64(ppm)/1e4, 'f', 3, 64) + "%" }

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// usdc renders uusdc as a USDC number (2 decimals).
func usdc(x sdkmath.Int) float64 {
	if x.IsNil() {
		return 0
	}
	f, _ := sdkmath.LegacyNewDecFromInt(x).QuoInt64(1_000_000).Float64()
	return math.Round(f*100) / 100
}

func usdcS(x sdkmath.Int) string { return strconv.FormatFloat(usdc(x), 'f', 2, 64) + " USDC" }
