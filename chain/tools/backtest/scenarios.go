package backtest

import (
	"fmt"
	"math"
	"sort"

	sdkmath "cosmossdk.io/math"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// MarketByTicker returns a DefaultMarkets market by ticker.
func MarketByTicker(ticker string) (types.Market, error) {
	for _, m := range types.DefaultMarkets() {
		if m.Ticker == ticker {
			return m, nil
		}
	}
	return types.Market{}, fmt.Errorf("unknown market %q (DefaultMarkets: BTC-USD, ETH-USD, SOL-USD)", ticker)
}

// ScenarioOutput is a stress run's result plus scenario-specific figures.
type ScenarioOutput struct {
	Result Result
	Market types.Market
	Extra  map[string]any
	Notes  []string
	finish func()
}

// ScenarioNames lists the shipped stress scenarios.
func ScenarioNames() []string {
	names := make([]string, 0, len(scenarios))
	for n := range scenarios {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// scenario builds a path and adjusts the options.
type scenario struct {
	market string
	build  func(short bool) Path
	setup  func(opt *Options, out *ScenarioOutput)
}

const (
	minute = int64(60_000)
	hour   = 60 * minute
	start  = int64(1_700_000_000_000)
)

// calm is a deterministic quiet path: ±0.1% oscillations (two incommensurate sines), one row per step.
func calm(from, to, step int64, price float64, pts *[]Point) {
	for t := from; t < to; t += step {
		x := float64(t-start) / float64(minute)
		p := price * (1 + 0.0007*math.Sin(x/7.3) + 0.0003*math.Sin(x/1.9))
		*pts = append(*pts, Point{TimeMs: t, Price: uint64(p * 1e6)})
	}
}

// linear moves from p0 to p1 between from and to, one row per step.
func linear(from, to, step int64, p0, p1 float64, pts *[]Point) {
	for t := from; t < to; t += step {
		f := float64(t-from) / float64(to-from)
		*pts = append(*pts, Point{TimeMs: t, Price: uint64((p0 + (p1-p0)*f) * 1e6)})
	}
}

// warmup is the calm stretch before an event (6 h; 1 h in the short forms go test runs).
func warmup(short bool) int64 {
	if short {
		return 30 * minute
	}
	return 6 * hour
}

// deviation is how long the USDe-like source deviates (1 h; 20 min in the short form).
func deviation(short bool) int64 {
	if short {
		return 20 * minute
	}
	return hour
}

// tail is the stretch after an event (2 h; 30 min in the short forms).
func tail(short bool) int64 {
	if short {
		return 20 * minute
	}
	return 2 * hour
}

var scenarios = map[string]scenario{
	// crash30: −30% in 10 minutes after a calm warm-up, then two hours at the bottom.
	"crash30": {market: "BTC-USD", build: func(short bool) Path {
		var pts []Point
		w := warmup(short)
		calm(start, start+w, 10_000, 60_000, &pts)
		linear(start+w, start+w+10*minute, 1_000, 60_000, 42_000, &pts)
		calm(start+w+10*minute, start+w+10*minute+tail(short), 10_000, 42_000, &pts)
		return Path{Pair: "BTC/USD", Points: pts}
	}},
	// gap15: −15% between two consecutive blocks.
	"gap15": {market: "BTC-USD", build: func(short bool) Path {
		var pts []Point
		w := warmup(short)
		calm(start, start+w, 10_000, 60_000, &pts)
		pts = append(pts, Point{TimeMs: start + w, Price: 60_000e6}, Point{TimeMs: start + w + 700, Price: 51_000e6})
		calm(start+w+1_400, start+w+tail(short), 10_000, 51_000, &pts)
		return Path{Pair: "BTC/USD", Points: pts}
	}},
	// pump300: a thin market pumped +300% in 30 minutes and reverted in 30 minutes (Mango-like): the pumper's
	// unrealised profit must never become withdrawable, shorts are liquidated on the way up.
	"pump300": {market: "SOL-USD", build: func(short bool) Path {
		var pts []Point
		w := warmup(short)
		calm(start, start+w, 10_000, 100, &pts)
		linear(start+w, start+w+30*minute, 5_000, 100, 400, &pts)
		calm(start+w+30*minute, start+w+40*minute, 5_000, 400, &pts)
		linear(start+w+40*minute, start+w+70*minute, 5_000, 400, 100, &pts)
		calm(start+w+70*minute, start+w+70*minute+tail(short), 10_000, 100, &pts)
		return Path{Pair: "SOL/USD", Points: pts}
	}, setup: func(opt *Options, out *ScenarioOutput) {
		opt.Population.Whales = append(opt.Population.Whales, Whale{Label: "pumper", Long: true, NotionalUSD: 2_000_000, Leverage: 5})
		// With max_upnl_withdraw_ppm = 0, withdrawable = clamp(collateral − funding owed + Σ min(upnl, 0) − IM, 0,
		// collateral): unrealised profit adds nothing. The figure below is the most withdrawable ever exceeded what
		// collateral alone allows (must be 0); realised profit (for example from auto-deleveraging at the bankrupt
		// shorts' bankruptcy price) is collateral and may be withdrawn.
		var maxUpnl, fromUpnl, maxWithdrawable sdkmath.Int
		maxUpnl, fromUpnl, maxWithdrawable = sdkmath.ZeroInt(), sdkmath.ZeroInt(), sdkmath.ZeroInt()
		opt.Observe = func(c *Chain, _ int64) error {
			sa, err := c.Clearing().GetSubaccount(c.Context(), WhaleOwner("pumper", false), 0)
			if err != nil || len(sa.Positions) == 0 {
				return err
			}
			h, err := c.Clearing().Health(c.Context(), sa)
			if err != nil {
				return err
			}
			if u := h.Positions[0].UnrealizedPnl; u.GT(maxUpnl) {
				maxUpnl = u
			}
			if h.Withdrawable.GT(maxWithdrawable) {
				maxWithdrawable = h.Withdrawable
			}
			collateralOnly := sa.Collateral.Sub(h.InitialMargin)
			if collateralOnly.IsNegative() {
				collateralOnly = sdkmath.ZeroInt()
			}
			if collateralOnly.GT(sa.Collateral) {
				collateralOnly = sa.Collateral
			}
			if d := h.Withdrawable.Sub(collateralOnly); d.GT(fromUpnl) {
				fromUpnl = d
			}
			return nil
		}
		out.finish = func() {
			out.Extra["pumper_max_upnl"] = usdc(maxUpnl)
			out.Extra["pumper_max_withdrawable"] = usdc(maxWithdrawable)
			out.Extra["pumper_withdrawable_from_upnl"] = usdc(fromUpnl)
		}
		out.Notes = append(out.Notes, "pump300: the pumper's unrealised profit is never withdrawable (max_upnl_withdraw_ppm = 0): pumper_withdrawable_from_upnl = 0")
	}},
	// jelly: a trader's large short in a thin market is pumped below maintenance so that liquidation would hand it
	// to the backstop (JELLY-like). The figures show what the backstop limits let it absorb.
	"jelly": {market: "SOL-USD", build: func(short bool) Path {
		var pts []Point
		w := warmup(short)
		calm(start, start+w, 10_000, 100, &pts)
		linear(start+w, start+w+20*minute, 5_000, 100, 250, &pts)
		calm(start+w+20*minute, start+w+20*minute+tail(short), 10_000, 250, &pts)
		return Path{Pair: "SOL/USD", Points: pts}
	}, setup: func(opt *Options, out *ScenarioOutput) {
		opt.Population.Whales = append(opt.Population.Whales, Whale{Label: "toxic", Long: false, NotionalUSD: 10_000_000, Leverage: 5})
		m := opt.Market
		var peakNotional, notionalAtMM sdkmath.Int
		peakNotional, notionalAtMM = sdkmath.ZeroInt(), sdkmath.ZeroInt()
		opt.Observe = func(c *Chain, _ int64) error {
			sa, err := c.Clearing().GetSubaccount(c.Context(), WhaleOwner("toxic", false), 0)
			if err != nil || len(sa.Positions) == 0 {
				return err
			}
			h, err := c.Clearing().Health(c.Context(), sa)
			if err != nil {
				return err
			}
			n := h.Positions[0].Notional
			if n.GT(peakNotional) {
				peakNotional = n
			}
			if h.Liquidatable && notionalAtMM.IsZero() {
				notionalAtMM = n
			}
			return nil
		}
		out.finish = func() {
			capN := sdkmath.NewIntFromUint64(m.BackstopNotionalCap())
			absorb := notionalAtMM
			if absorb.GT(capN) {
				absorb = capN
			}
			out.Extra["toxic_notional_at_liquidation"] = usdc(notionalAtMM)
			out.Extra["toxic_peak_notional"] = usdc(peakNotional)
			out.Extra["backstop_max_notional"] = usdc(capN)
			out.Extra["backstop_max_leverage_ppm"] = m.BackstopLeverageCap()
			out.Extra["backstop_would_absorb"] = usdc(absorb)
			out.Extra["excess_beyond_backstop"] = usdc(notionalAtMM.Sub(absorb))
		}
		out.Notes = append(out.Notes, "jelly: backstop_would_absorb = min(toxic notional when it fell below MM, backstop_max_notional); the excess is refused by the backstop (the engine sends it to auto-deleveraging)")
	}},
	// usde: the collateral's USD price (USDC/USD) reported at 0.65 by one of four sources for an hour (USDe-like);
	// the stake-weighted median ignores it, and margin never uses a collateral price anyway (USDC is the unit).
	"usde": {market: "BTC-USD", build: func(short bool) Path {
		var pts []Point
		calm(start, start+warmup(short)+deviation(short)+tail(short), 10_000, 60_000, &pts)
		return Path{Pair: "BTC/USD", Points: pts}
	}, setup: func(opt *Options, out *ScenarioOutput) {
		w := warmup(false)
		if opt.short {
			w = warmup(true)
		}
		opt.Sources = 4
		const usdcPair = 4
		opt.Extra = map[uint32]func(int64) []uint64{usdcPair: func(t int64) []uint64 {
			one := uint64(100_000_000) // 8 decimals
			if t >= start+w && t < start+w+deviation(opt.short) {
				return []uint64{one, one, one, 65_000_000}
			}
			return []uint64{one}
		}}
		minMedian, maxMedian := uint64(math.MaxUint64), uint64(0)
		opt.Observe = func(c *Chain, _ int64) error {
			p, _, err := c.c.oracle.GetPrice(c.Context(), usdcPair)
			if err != nil {
				return nil
			}
			if p < minMedian {
				minMedian = p
			}
			if p > maxMedian {
				maxMedian = p
			}
			return nil
		}
		out.finish = func() {
			out.Extra["usdc_sources"] = 4
			out.Extra["usdc_deviant_report"] = 0.65
			out.Extra["usdc_median_min"] = float64(minMedian) / 1e8
			out.Extra["usdc_median_max"] = float64(maxMedian) / 1e8
		}
		out.Notes = append(out.Notes, "usde: one of four equally weighted sources reports USDC/USD 0.65 for an hour; the median stays 1.00 (usdc_median_min)")
	}},
}

// RunScenario runs a shipped stress scenario with the options' population (the market defaults to the scenario's,
// unless opt.Market is set with another ticker by the caller).
func RunScenario(name string, opt Options) (ScenarioOutput, error) {
	return runScenario(name, opt, false)
}

// RunScenarioShort is RunScenario with a 30-minute warm-up and a 20-minute tail (for go test).
func RunScenarioShort(name string, opt Options) (ScenarioOutput, error) {
	return runScenario(name, opt, true)
}

func runScenario(name string, opt Options, short bool) (ScenarioOutput, error) {
	sc, ok := scenarios[name]
	if !ok {
		return ScenarioOutput{}, fmt.Errorf("unknown scenario %q (%v)", name, ScenarioNames())
	}
	if opt.Market.Ticker == "" || opt.Market.Ticker == "BTC-USD" && sc.market != "BTC-USD" {
		m, err := MarketByTicker(sc.market)
		if err != nil {
			return ScenarioOutput{}, err
		}
		opt.Market = m
		if opt.Legacy != nil {
			l := LegacyMarket(m)
			opt.Legacy = &l
		}
	}
	opt.short = short
	out := ScenarioOutput{Market: opt.Market, Extra: map[string]any{"scenario": name}}
	path := sc.build(short)
	opt.WarmupMs = warmup(short)
	if opt.Mode == "" || opt.Mode == ModeAuto {
		opt.Mode = ModeBlocks
	}
	if sc.setup != nil {
		sc.setup(&opt, &out)
	}
	res, err := Run(path, opt)
	if err != nil {
		return out, err
	}
	out.Result = res
	if out.finish != nil {
		out.finish()
	}
	out.Extra["blocks_per_hour"] = margin.BlocksPerHour
	return out, nil
}
