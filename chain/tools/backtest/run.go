package backtest

import (
	"context"

	"cosmossdk.io/collections"
	"errors"
	"fmt"
	"math"
	"time"

	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	clearingkeeper "github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// Mode selects how the path is walked.
const (
	// ModeAuto walks block by block unless that would take more than MaxBlocksAuto blocks, then row by row.
	ModeAuto = "auto"
	// ModeBlocks walks one block every BlockTimeMs of path time; each block's oracle price is the latest row at or
	// before the block's time (a step function: no invented prices between rows).
	ModeBlocks = "blocks"
	// ModeRows runs one block per row, advancing the height by the blocks the row's time span stands for; the IMF
	// steps of the skipped blocks are applied with margin.StepIMF toward the same target (the chain's function).
	ModeRows = "rows"
	// MaxBlocksAuto is the largest walk ModeAuto runs block by block (≈ 11.7 days at 0.7 s).
	MaxBlocksAuto = 1_440_000
)

// Options configure a run.
type Options struct {
	// Market is the market under test (its pair is fed the path's prices); it gets id 1.
	Market types.Market
	// PairID and PairDecimals identify the oracle pair (default: the market's pair, 6 decimals).
	PairID       uint32
	PairDecimals uint32
	// BlockTimeMs is the block time (default margin.DefaultBlockTimeMs).
	BlockTimeMs int64
	// WarmupMs is path time before the population opens and before figures are counted; -1 = auto (24 h when the
	// path spans at least 36 h, else 0).
	WarmupMs int64
	// Mode is ModeAuto, ModeBlocks or ModeRows.
	Mode string
	// Population is the synthetic population (Accounts = 0: none).
	Population Population
	// Sources is how many validators report the market's price (default 1).
	Sources int
	// Extra reports other pairs: pair id → per-source prices as a function of path time (USDe-like scenario).
	Extra map[uint32]func(timeMs int64) []uint64
	// Legacy computes the same figures for the previous model (per-block EWMA, additive 5,000 ppm step, 20×
	// multiplier, base 5%/10%, mf 60%) on the same block path, for before/after comparisons (block mode only).
	Legacy *types.Market
	// Observe, when set, is called after every row's block (stress scenarios inspect state).
	Observe func(c *Chain, timeMs int64) error
	short   bool
}

// Result holds the figures of a run.
type Result struct {
	Mode                    string
	Blocks                  int64
	Rows                    int
	ResolutionS             int64
	WarmupS                 int64
	MM60, MM300, IM3600     Coverage
	BaseMM60, BaseMM300     Coverage
	MaxIMFRatio1h           float64
	IMFMin, IMFMax          uint64
	Engine                  string
	Liquidations            int
	LiquidatedAccounts      int
	LiquidatableAccounts    int
	Deferred                int
	MaxDeferred             int
	BadDebt                 sdkmath.Int
	InsuranceDrawdown       sdkmath.Int
	ADLEvents               int
	FlatAccountLoss         sdkmath.Int
	BadDebtIfUnliquidated   sdkmath.Int
	Accounts                int
	LegacyMM60, LegacyMM300 Coverage
	LegacyIM3600            Coverage
	LegacyMaxIMFRatio1h     float64
	LegacyIMFMax            uint64
}

// Chain exposes the running chain to stress-scenario observers.
type Chain struct{ c *chain }

// Context returns the current block context.
func (c *Chain) Context() sdk.Context { return c.c.ctx }

// Clearing returns the clearing keeper.
func (c *Chain) Clearing() *clearingkeeper.Keeper { return c.c.clearing }

// Run replays a path.
func Run(path Path, opt Options) (Result, error) {
	if len(path.Points) < 2 {
		return Result{}, errors.New("the path needs at least two rows")
	}
	if opt.BlockTimeMs <= 0 {
		opt.BlockTimeMs = margin.DefaultBlockTimeMs
	}
	if opt.PairID == 0 {
		opt.PairID = opt.Market.PairId
	}
	if opt.PairDecimals == 0 {
		opt.PairDecimals = 6
	}
	if opt.Sources <= 0 {
		opt.Sources = 1
	}
	m := opt.Market
	m.Id, m.PairId = 1, opt.PairID
	t0, tEnd := path.Points[0].TimeMs, path.Points[len(path.Points)-1].TimeMs
	span := tEnd - t0
	if opt.WarmupMs < 0 {
		opt.WarmupMs = 0
		if span >= 36*3_600_000 {
			opt.WarmupMs = 24 * 3_600_000
		}
	}
	totalBlocks := span / opt.BlockTimeMs
	mode := opt.Mode
	if mode == "" || mode == ModeAuto {
		mode = ModeBlocks
		if totalBlocks > MaxBlocksAuto {
			mode = ModeRows
		}
	}
	res := Result{Mode: mode, Rows: len(path.Points), ResolutionS: path.Resolution() / 1000, WarmupS: opt.WarmupMs / 1000,
		BadDebt: sdkmath.ZeroInt(), InsuranceDrawdown: sdkmath.ZeroInt(), FlatAccountLoss: sdkmath.ZeroInt(), BadDebtIfUnliquidated: sdkmath.ZeroInt()}

	// Oracle pairs: the default pairs, the market's pair and the extra pairs enabled, the others disabled.
	pairs := oracletypes.DefaultPairs()
	for i := range pairs {
		_, extra := opt.Extra[pairs[i].Id]
		pairs[i].Enabled = pairs[i].Id == opt.PairID || extra
		if pairs[i].Id == opt.PairID {
			pairs[i].Decimals = opt.PairDecimals
		}
	}
	prices := map[uint32][]uint64{}
	setPrices := func(timeMs int64, p uint64) {
		ps := prices[opt.PairID]
		if len(ps) != opt.Sources {
			ps = make([]uint64, opt.Sources)
		}
		for i := range ps {
			ps[i] = p
		}
		prices[opt.PairID] = ps
		for id, f := range opt.Extra {
			prices[id] = f(timeMs)
		}
	}
	setPrices(t0, path.Points[0].Price)
	gs := types.DefaultGenesis()
	gs.Markets = []types.Market{m}
	gs.NextMarketId = 2
	bank := &memBank{balances: map[string]sdk.Coins{}}
	c, err := newChain(m, pairs, prices, gs, bank)
	if err != nil {
		return res, err
	}
	obs := &Chain{c: c}

	var (
		samples, legacySamples []Sample
		ring                   = make([]uint64, margin.BlocksPerHour)
		legacyRing             = make([]uint64, margin.BlocksPerHour)
		accts                  []*account
		opened                 bool
		peakFund               sdkmath.Int
		liquidated             = map[string]bool{}
		byKey                  = map[string]*account{}
		warmEnd                = t0 + opt.WarmupMs
		lastScan               = int64(math.MinInt64)
		height                 = c.ctx.BlockHeight()
		leg                    *legacyModel
	)
	if opt.Legacy != nil && mode == ModeBlocks {
		// The previous model reacted to single blocks: it is only meaningful on a block-by-block walk.
		leg = newLegacy(*opt.Legacy, path.Points[0].Price)
	}
	res.IMFMin = math.MaxUint64
	engine := "absent"
	if _, ok := any(c.clearing).(sweeper); ok {
		engine = "sweep"
		if _, ok := any(c.clearing).(waterfall); ok {
			engine = "sweep+waterfall"
		}
	}
	res.Engine = engine

	open := func(timeMs int64, price uint64) error {
		if opened || opt.Population.Accounts+opt.Population.Flat+len(opt.Population.Whales) == 0 {
			opened = true
			return nil
		}
		opened = true
		imf, err := c.imf()
		if err != nil {
			return err
		}
		if imf == 0 {
			imf = m.InitialMarginPpm
		}
		var subs []types.Subaccount
		var oi uint64
		accts, subs, oi, err = opt.Population.build(m, opt.PairDecimals, price, imf)
		if err != nil {
			return err
		}
		ins := sdkmath.NewInt(int64(opt.Population.Insurance * 1e6))
		for _, sa := range subs {
			owner := sdk.MustAccAddressFromBech32(sa.Owner)
			key := clearingKey(owner, sa.Number)
			if err := c.clearing.Subaccounts.Set(c.ctx, key, sa); err != nil {
				return err
			}
			if r, ok := any(c.clearing).(refiler); ok {
				if err := r.Refile(c.ctx, key); err != nil {
					return err
				}
			}
		}
		st, err := c.clearing.MarketStates.Get(c.ctx, m.Id)
		if err != nil {
			return err
		}
		st.OpenInterest += oi
		if err := c.clearing.MarketStates.Set(c.ctx, m.Id, st); err != nil {
			return err
		}
		fund, err := c.clearing.InsuranceFund.Get(c.ctx)
		if err != nil {
			return err
		}
		if err := c.clearing.InsuranceFund.Set(c.ctx, fund.Add(ins)); err != nil {
			return err
		}
		bank.balances[moduleAddr().String()] = bank.balances[moduleAddr().String()].Add(sdk.NewCoin(types.DefaultCollateralDenom, moduleBalance(subs, ins)))
		peakFund = fund.Add(ins)
		res.Accounts = len(accts)
		for _, a := range accts {
			byKey[a.owner.String()] = a
		}
		return nil
	}

	scan := func(timeMs int64) error {
		if !opened || len(accts) == 0 {
			return nil
		}
		candidates := accts
		if l, ok := any(c.clearing).(liquidatableLister); ok {
			// The sweep keeps the exact liquidatable set: only its members need a health evaluation.
			keys, err := l.LiquidatableKeys(c.ctx)
			if err != nil {
				return err
			}
			candidates = candidates[:0:0]
			for _, k := range keys {
				if a := byKey[k.K1().String()]; a != nil {
					candidates = append(candidates, a)
				}
			}
		}
		for _, a := range candidates {
			if a.flat || a.liquidatableAt != 0 {
				continue
			}
			sa, err := c.clearing.GetSubaccount(c.ctx, a.owner, a.number)
			if err != nil {
				return err
			}
			if len(sa.Positions) == 0 {
				continue
			}
			h, err := c.clearing.Health(c.ctx, sa)
			if err != nil {
				return err
			}
			if h.Liquidatable {
				a.liquidatableAt, a.equityAtDetection = timeMs, h.Equity
				res.LiquidatableAccounts++
				if h.Equity.IsNegative() {
					res.BadDebtIfUnliquidated = res.BadDebtIfUnliquidated.Add(h.Equity.Neg())
				}
			}
		}
		return nil
	}

	trackFund := func() error {
		if !opened || peakFund.IsNil() {
			return nil
		}
		fund, err := c.fundValue()
		if err != nil {
			return err
		}
		if fund.GT(peakFund) {
			peakFund = fund
		}
		if dd := peakFund.Sub(fund); dd.GT(res.InsuranceDrawdown) {
			res.InsuranceDrawdown = dd
		}
		return nil
	}

	onEvents := func(evs sdk.Events) {
		for _, e := range evs {
			switch e.Type {
			case "clearchain.clearing.v1.EventLiquidation":
				res.Liquidations++
				if msg, err := sdk.ParseTypedEvent(abci.Event(e)); err == nil {
					if ev, ok := msg.(*types.EventLiquidation); ok {
						liquidated[ev.Owner+fmt.Sprint(ev.Number)] = true
					}
				}
			case "clearchain.clearing.v1.EventBadDebt":
				if msg, err := sdk.ParseTypedEvent(abci.Event(e)); err == nil {
					if ev, ok := msg.(*types.EventBadDebt); ok {
						if amt, ok := sdkmath.NewIntFromString(ev.Amount); ok {
							res.BadDebt = res.BadDebt.Add(amt)
						}
					}
				}
			case "clearchain.clearing.v1.EventDeleverage":
				res.ADLEvents++
			case "clearchain.clearing.v1.EventSweep":
				if msg, err := sdk.ParseTypedEvent(abci.Event(e)); err == nil {
					if ev, ok := msg.(*types.EventSweep); ok {
						res.Deferred += int(ev.Deferred)
						if int(ev.Deferred) > res.MaxDeferred {
							res.MaxDeferred = int(ev.Deferred)
						}
					}
				}
			}
		}
	}

	var blockIndex int64
	record := func(pt Point) error {
		imf, err := c.imf()
		if err != nil {
			return err
		}
		if pt.TimeMs >= warmEnd {
			samples = append(samples, Sample{TimeMs: pt.TimeMs, Price: pt.Price, IMFPpm: imf})
			if leg != nil {
				legacySamples = append(legacySamples, Sample{TimeMs: pt.TimeMs, Price: pt.Price, IMFPpm: leg.imf})
			}
		}
		if opt.Observe != nil {
			if err := opt.Observe(obs, pt.TimeMs); err != nil {
				return err
			}
		}
		if pt.TimeMs >= warmEnd && !opened {
			if err := open(pt.TimeMs, pt.Price); err != nil {
				return err
			}
		}
		if pt.TimeMs-lastScan >= 60_000 || mode == ModeRows {
			lastScan = pt.TimeMs
			return scan(pt.TimeMs)
		}
		return nil
	}
	track := func(timeMs int64, imf uint64) {
		if timeMs < warmEnd {
			return
		}
		if imf < res.IMFMin {
			res.IMFMin = imf
		}
		if imf > res.IMFMax {
			res.IMFMax = imf
		}
	}
	ratio := func(ringBuf []uint64, idx int64, v uint64, best *float64, timeMs int64) {
		slot := idx % int64(len(ringBuf))
		if prev := ringBuf[slot]; prev > 0 && idx >= int64(len(ringBuf)) && timeMs >= warmEnd+3_600_000 {
			if r := float64(v) / float64(prev); r > *best {
				*best = r
			}
		}
		ringBuf[slot] = v
	}

	if err := record(path.Points[0]); err != nil {
		return res, err
	}
	switch mode {
	case ModeBlocks:
		next := 1 // next row not yet fed to the oracle
		cur := path.Points[0].Price
		for b := int64(1); b <= totalBlocks; b++ {
			at := t0 + b*opt.BlockTimeMs
			var arrived []Point
			for next < len(path.Points) && path.Points[next].TimeMs <= at {
				arrived = append(arrived, path.Points[next])
				cur = path.Points[next].Price
				next++
			}
			setPrices(at, cur)
			height++
			evs, err := c.step(height, time.UnixMilli(at).UTC(), prices)
			if err != nil {
				return res, err
			}
			onEvents(evs)
			if err := trackFund(); err != nil {
				return res, err
			}
			if b%1_000 == 0 {
				c.commit()
			}
			imf, err := c.imf()
			if err != nil {
				return res, err
			}
			blockIndex++
			track(at, imf)
			ratio(ring, blockIndex, imf, &res.MaxIMFRatio1h, at)
			if leg != nil {
				leg.block(cur)
				ratio(legacyRing, blockIndex, leg.imf, &res.LegacyMaxIMFRatio1h, at)
				if at >= warmEnd && leg.imf > res.LegacyIMFMax {
					res.LegacyIMFMax = leg.imf
				}
			}
			for _, pt := range arrived {
				if err := record(pt); err != nil {
					return res, err
				}
			}
		}
		res.Blocks = totalBlocks
	case ModeRows:
		hourBlocks := int64(margin.BlocksPerHour)
		var hist, legHist []rowIMF
		for i := 1; i < len(path.Points); i++ {
			pt := path.Points[i]
			k := (pt.TimeMs - path.Points[i-1].TimeMs + opt.BlockTimeMs/2) / opt.BlockTimeMs
			if k < 1 {
				k = 1
			}
			// The k−1 skipped blocks: the chain's StepIMF toward the target in force (volatility changes only at a
			// price update, so the target is the one after the previous row).
			if k > 1 {
				imf, err := c.imf()
				if err != nil {
					return res, err
				}
				vol, err := c.volatility()
				if err != nil {
					return res, err
				}
				st, err := c.clearing.MarketStates.Get(c.ctx, m.Id)
				if err != nil {
					return res, err
				}
				target := margin.TargetIMF(imfParams(m), st.OpenInterest, vol)
				for s := int64(0); s < k-1 && imf != target; s++ {
					imf = margin.StepIMF(imf, target, m.ImfStepLimitPpm)
				}
				if err := c.setIMF(imf); err != nil {
					return res, err
				}
			}
			height += k
			setPrices(pt.TimeMs, pt.Price)
			evs, err := c.step(height, time.UnixMilli(pt.TimeMs).UTC(), prices)
			if err != nil {
				return res, err
			}
			onEvents(evs)
			if err := trackFund(); err != nil {
				return res, err
			}
			imf, err := c.imf()
			if err != nil {
				return res, err
			}
			blockIndex += k
			if leg != nil {
				for s := int64(0); s < k-1; s++ {
					leg.block(path.Points[i-1].Price)
				}
				leg.block(pt.Price)
				if pt.TimeMs >= warmEnd && leg.imf > res.LegacyIMFMax {
					res.LegacyIMFMax = leg.imf
				}
				legHist = append(legHist, rowIMF{blockIndex, leg.imf})
				res.LegacyMaxIMFRatio1h = math.Max(res.LegacyMaxIMFRatio1h, hourRatio(legHist, hourBlocks, pt.TimeMs >= warmEnd+3_600_000))
			}
			track(pt.TimeMs, imf)
			hist = append(hist, rowIMF{blockIndex, imf})
			res.MaxIMFRatio1h = math.Max(res.MaxIMFRatio1h, hourRatio(hist, hourBlocks, pt.TimeMs >= warmEnd+3_600_000))
			if err := record(pt); err != nil {
				return res, err
			}
		}
		res.Blocks = blockIndex
	default:
		return res, fmt.Errorf("unknown mode %q", mode)
	}

	res.ResolutionS = path.Resolution() / 1000
	resMs := path.Resolution()
	mf := m.MaintenanceFractionPpm
	imFrac := func(s Sample) uint64 { return s.IMFPpm }
	// The account holds ⌈notional × imf × mf⌉: the fraction is imf × mf / 10^6 (rounded down: coverage errs low).
	mmFrac := func(s Sample) uint64 { return s.IMFPpm * mf / margin.PPM }
	baseMM := func(Sample) uint64 { return m.InitialMarginPpm * mf / margin.PPM }
	res.MM60 = AdverseCoverage(samples, 60_000, resMs, mmFrac)
	res.MM300 = AdverseCoverage(samples, 300_000, resMs, mmFrac)
	res.IM3600 = AdverseCoverage(samples, 3_600_000, resMs, imFrac)
	res.BaseMM60 = AdverseCoverage(samples, 60_000, resMs, baseMM)
	res.BaseMM300 = AdverseCoverage(samples, 300_000, resMs, baseMM)
	if leg != nil {
		lmf := opt.Legacy.MaintenanceFractionPpm
		lmm := func(s Sample) uint64 { return s.IMFPpm * lmf / margin.PPM }
		res.LegacyMM60 = AdverseCoverage(legacySamples, 60_000, resMs, lmm)
		res.LegacyMM300 = AdverseCoverage(legacySamples, 300_000, resMs, lmm)
		res.LegacyIM3600 = AdverseCoverage(legacySamples, 3_600_000, resMs, imFrac)
	}
	if res.IMFMin == math.MaxUint64 {
		res.IMFMin = 0
	}
	res.LiquidatedAccounts = len(liquidated)
	for _, a := range accts {
		if !a.flat {
			continue
		}
		sa, err := c.clearing.GetSubaccount(c.ctx, a.owner, a.number)
		if err != nil {
			return res, err
		}
		if loss := a.collateral0.Sub(sa.Collateral); loss.IsPositive() {
			res.FlatAccountLoss = res.FlatAccountLoss.Add(loss)
		}
	}
	if engine != "sweep+waterfall" {
		// Without the engine's waterfall nobody closes anything: the accounts that became liquidatable stand for the
		// liquidations, and their negative equity at detection for the bad debt the fund would have to pay.
		res.Liquidations, res.LiquidatedAccounts = res.LiquidatableAccounts, res.LiquidatableAccounts
		res.BadDebt = res.BadDebtIfUnliquidated
		res.InsuranceDrawdown = res.BadDebtIfUnliquidated
	}
	return res, nil
}

type rowIMF struct {
	block int64
	imf   uint64
}

// hourRatio is the latest row's IMF over the IMF at the last row at least an hour (of blocks) earlier.
func hourRatio(hist []rowIMF, hourBlocks int64, counted bool) float64 {
	if !counted || len(hist) < 2 {
		return 0
	}
	last := hist[len(hist)-1]
	for i := len(hist) - 2; i >= 0; i-- {
		if last.block-hist[i].block >= hourBlocks {
			// the rows in between may also be within the hour: use the highest ratio against any earlier row in it
			best := 0.0
			for j := i + 1; j < len(hist)-1; j++ {
				if hist[j].imf > 0 {
					best = math.Max(best, float64(last.imf)/float64(hist[j].imf))
				}
			}
			if hist[i].imf > 0 {
				best = math.Max(best, float64(last.imf)/float64(hist[i].imf))
			}
			return best
		}
	}
	return 0
}

// imfParams are the IMF inputs the chain's EndBlock passes for a market.
func imfParams(m types.Market) margin.IMFParams {
	return margin.IMFParams{BaseIMFPpm: m.InitialMarginPpm, OILower: m.OiLower, OIUpper: m.OiUpper,
		VolatilityMultiplierPpm: m.VolatilityMultiplierPpm, MaxIMFPpm: m.MaxImfPpm,
		VolAddOnCapPpm: margin.VolAddOnCap(m.InitialMarginPpm, m.MaintenanceFractionPpm)}
}

type refiler interface {
	Refile(ctx context.Context, key clearingkeeper.SubaccountKey) error
}

func clearingKey(owner sdk.AccAddress, number uint32) clearingkeeper.SubaccountKey {
	return collections.Join(owner, number)
}
