// Command clearchain-backtest replays a price path (`make backtest PRICES=FILE MARKET=TICKER`) or a generated stress
// scenario (`make stress SCENARIO=NAME`) through Clearchain's real oracle and clearing keepers and prints
// `BENCH backtest ...` / `BENCH stress-<name> ...`, writing the same figures to $CLEARCHAIN_BENCH_DIR/<name>.json.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/clearchain/clearchain/chain/tools/backtest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "clearchain-backtest:", err)
		os.Exit(1)
	}
}

func run() error {
	prices := flag.String("prices", "", "feeder replay CSV (unix_seconds,PAIR,price)")
	pair := flag.String("pair", "", "pair of the CSV to use (default: the first in the file)")
	scenario := flag.String("scenario", "", "stress scenario instead of a file: "+strings.Join(backtest.ScenarioNames(), ", ")+" or all")
	ticker := flag.String("market", "BTC-USD", "market whose parameters apply (a DefaultMarkets ticker)")
	mode := flag.String("mode", backtest.ModeAuto, "auto | blocks | rows")
	warmup := flag.Duration("warmup", -1, "path time before the population opens and figures count (-1 = auto)")
	accounts := flag.Int("accounts", backtest.DefaultPopulation().Accounts, "position subaccounts (long/short twins)")
	flat := flag.Int("flat", backtest.DefaultPopulation().Flat, "flat subaccounts (collateral only)")
	leverage := flag.String("leverage", "2,3,5,8,10,12,15,20", "leverages assigned round-robin (capped at 1/IMF)")
	isolated := flag.Float64("isolated", backtest.DefaultPopulation().IsolatedShare, "share of isolated subaccounts")
	insurance := flag.Float64("insurance", backtest.DefaultPopulation().Insurance, "insurance fund, USDC")
	seed := flag.Int64("seed", 1, "population seed")
	baseIMF := flag.Uint64("base-imf-ppm", 0, "override the market's base IMF (ppm)")
	mf := flag.Uint64("mf-ppm", 0, "override the market's maintenance fraction (ppm)")
	volMult := flag.Uint64("vol-multiplier-ppm", 0, "override the market's volatility multiplier (ppm)")
	before := flag.Bool("before", true, "also compute the previous model's figures on the same path")
	name := flag.String("name", "", "BENCH name (default backtest, or stress-<scenario>)")
	flag.Parse()

	m, err := backtest.MarketByTicker(*ticker)
	if err != nil {
		return err
	}
	if *baseIMF > 0 {
		m.InitialMarginPpm = *baseIMF
	}
	if *mf > 0 {
		m.MaintenanceFractionPpm = *mf
	}
	if *volMult > 0 {
		m.VolatilityMultiplierPpm = *volMult
	}
	pop := backtest.DefaultPopulation()
	pop.Accounts, pop.Flat, pop.IsolatedShare, pop.Insurance, pop.Seed = *accounts, *flat, *isolated, *insurance, *seed
	pop.Leverage = nil
	for _, s := range strings.Split(*leverage, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || v <= 0 {
			return fmt.Errorf("bad -leverage %q", *leverage)
		}
		pop.Leverage = append(pop.Leverage, v)
	}
	opt := backtest.Options{Market: m, Mode: *mode, WarmupMs: warmup.Milliseconds(), Population: pop}
	if *warmup < 0 {
		opt.WarmupMs = -1
	}
	if *before {
		legacy := backtest.LegacyMarket(m)
		opt.Legacy = &legacy
	}
	switch {
	case *scenario != "":
		names := []string{*scenario}
		if *scenario == "all" {
			names = backtest.ScenarioNames()
		}
		for _, sc := range names {
			out, err := backtest.RunScenario(sc, opt)
			if err != nil {
				return err
			}
			fmt.Print(out.Result.Summary(out.Market))
			for _, line := range out.Notes {
				fmt.Println(line)
			}
			n := *name
			if n == "" || len(names) > 1 {
				n = "stress-" + sc
			}
			if err := backtest.Record(n, out.Result.Figures(out.Market, out.Extra)); err != nil {
				return err
			}
		}
		return nil
	case *prices != "":
		path, err := backtest.ReadPathFile(*prices, *pair, 6)
		if err != nil {
			return err
		}
		res, err := backtest.Run(path, opt)
		if err != nil {
			return err
		}
		fmt.Print(res.Summary(m))
		n := *name
		if n == "" {
			n = "backtest"
		}
		return backtest.Record(n, res.Figures(m, map[string]any{"prices": *prices, "pair": path.Pair}))
	default:
		return fmt.Errorf("give -prices FILE or -scenario NAME")
	}
}
