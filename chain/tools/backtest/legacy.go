package backtest

import (
	"math"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// legacyModel is the margin model before the anti-procyclical redesign, re-implemented here (float64, for
// comparison only; it is no longer chain code): variance updated every block with that block's return at
// λ = 0.94 (half-life ≈ 11 blocks ≈ 8 s), target = base + ⌈volatility × multiplier⌉ (20× by default), and the
// effective IMF moving toward the target by at most imf_step_limit_ppm (5,000) per block in either direction.
type legacyModel struct {
	base, mult, step, max uint64
	lambda, variance      float64
	prev                  uint64
	imf                   uint64
}

// LegacyMarket returns a market's parameters as they were before the redesign: base IMF 5% (BTC, ETH) or 10%
// (SOL and others), maintenance fraction 60%, volatility multiplier 20,000,000 ppm, step limit 5,000 ppm.
func LegacyMarket(m types.Market) types.Market {
	old := m
	old.InitialMarginPpm = 50_000
	if m.Ticker != "BTC-USD" && m.Ticker != "ETH-USD" {
		old.InitialMarginPpm = 100_000
	}
	old.MaintenanceFractionPpm, old.VolatilityMultiplierPpm, old.ImfStepLimitPpm, old.MaxImfPpm = 600_000, 20_000_000, 5_000, 1_000_000
	return old
}

func newLegacy(m types.Market, p0 uint64) *legacyModel {
	return &legacyModel{base: m.InitialMarginPpm, mult: m.VolatilityMultiplierPpm, step: m.ImfStepLimitPpm, max: m.MaxImfPpm,
		lambda: 0.94, prev: p0, imf: m.InitialMarginPpm}
}

// block applies one block with oracle price p.
func (l *legacyModel) block(p uint64) {
	if l.prev > 0 {
		r := (float64(p) - float64(l.prev)) / float64(l.prev)
		l.variance = l.lambda*l.variance + (1-l.lambda)*r*r
	}
	l.prev = p
	target := l.base + uint64(math.Ceil(math.Sqrt(l.variance)*float64(l.mult)))
	if target > l.max {
		target = l.max
	}
	switch {
	case target > l.imf:
		l.imf = min(target, l.imf+l.step)
	case target < l.imf:
		if l.imf-target > l.step {
			l.imf -= l.step
		} else {
			l.imf = target
		}
	}
}
