package margin_test

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
)

// vectorsPath is the shared file that both `go test` and the TypeScript SDK's jest tests check.
var vectorsPath = filepath.Join("..", "..", "..", "..", "test", "vectors", "margin.json")

// vectorFile is the JSON layout of test/vectors/margin.json. Every integer that may exceed 2^53 is a string.
type vectorFile struct {
	Description string       `json:"description"`
	Health      []healthCase `json:"health"`
	Fills       []fillCase   `json:"fills"`
	IMF         []imfCase    `json:"imf"`
	Funding     []fundCase   `json:"funding"`
	Settle      []settleCase `json:"settle"`
	Band        []bandCase   `json:"band"`
	Premium     []premCase   `json:"premium"`
}

type healthCase struct {
	Name               string                   `json:"name"`
	Account            margin.Account           `json:"account"`
	Markets            map[uint32]margin.Market `json:"markets"`
	MaxUpnlWithdrawPpm uint64                   `json:"max_upnl_withdraw_ppm,string"`
	Expected           margin.Health            `json:"expected"`
}

type fillCase struct {
	Name          string             `json:"name"`
	Position      margin.Position    `json:"position"`
	Delta         math.Int           `json:"delta"`
	Price         uint64             `json:"price,string"`
	SizeDecimals  uint32             `json:"size_decimals"`
	PriceDecimals uint32             `json:"price_decimals"`
	FeePpm        uint64             `json:"fee_ppm,string"`
	Expected      margin.FillOutcome `json:"expected"`
	ExpectedFee   math.Int           `json:"expected_fee"`
}

type imfCase struct {
	Name         string           `json:"name"`
	Params       margin.IMFParams `json:"params"`
	OpenInterest uint64           `json:"open_interest,string"`
	Volatility   string           `json:"volatility"`
	Current      uint64           `json:"current_imf_ppm,string"`
	StepLimit    uint64           `json:"step_limit_ppm,string"`
	Target       uint64           `json:"expected_target_ppm,string"`
	Stepped      uint64           `json:"expected_stepped_ppm,string"`
}

type fundCase struct {
	Name          string `json:"name"`
	TradePrice    uint64 `json:"trade_price,string"`
	OraclePrice   uint64 `json:"oracle_price,string"`
	PremiumSum    int64  `json:"premium_sum_ppm,string"`
	Samples       uint64 `json:"samples,string"`
	InterestPpm   int64  `json:"interest_ppm,string"`
	MaxRatePpm    uint64 `json:"max_rate_ppm,string"`
	PriceDecimals uint32 `json:"price_decimals"`
	Premium       int64  `json:"expected_premium_ppm,string"`
	Rate          int64  `json:"expected_rate_ppm,string"`
	IndexDelta    string `json:"expected_index_delta"`
}

// settleSideJSON is margin.FillSide in the vectors' JSON.
type settleSideJSON struct {
	Account    margin.Account `json:"account"`
	Delta      math.Int       `json:"delta"`
	FeePpm     uint64         `json:"fee_ppm,string"`
	ReduceOnly bool           `json:"reduce_only"`
}

// settleTermsJSON is margin.FillTerms in the vectors' JSON.
type settleTermsJSON struct {
	MarketID     uint32 `json:"market_id"`
	Price        uint64 `json:"price,string"`
	MaxPositions uint32 `json:"max_positions"`
}

// settleOutcomeJSON is margin.SideOutcome in the vectors' JSON: the verdict as its number and its name, and the
// account's positions always a list (never null).
type settleOutcomeJSON struct {
	Account     margin.Account      `json:"account"`
	OldSize     math.Int            `json:"old_size"`
	NewSize     math.Int            `json:"new_size"`
	RealizedPnl math.Int            `json:"realized_pnl"`
	Fee         math.Int            `json:"fee"`
	Notional    math.Int            `json:"notional"`
	Reducing    bool                `json:"reducing"`
	Before      margin.Requirements `json:"before"`
	After       margin.Requirements `json:"after"`
	Verdict     int                 `json:"verdict"`
	VerdictName string              `json:"verdict_name"`
}

type settleCase struct {
	Name     string                   `json:"name"`
	Side     settleSideJSON           `json:"side"`
	Terms    settleTermsJSON          `json:"terms"`
	Markets  map[uint32]margin.Market `json:"markets"`
	Expected settleOutcomeJSON        `json:"expected"`
}

type bandCase struct {
	Name        string `json:"name"`
	Price       uint64 `json:"price,string"`
	OraclePrice uint64 `json:"oracle_price,string"`
	BandPpm     uint64 `json:"band_ppm,string"`
	Expected    bool   `json:"expected_within"`
}

type premCase struct {
	Name         string   `json:"name"`
	TradePrice   uint64   `json:"trade_price,string"`
	OraclePrice  uint64   `json:"oracle_price,string"`
	BandPpm      uint64   `json:"band_ppm,string"`
	WeightedPpm  math.Int `json:"weighted_ppm"`
	Notional     math.Int `json:"notional"`
	Clamped      int64    `json:"expected_clamped_premium_ppm,string"`
	BlockPremium int64    `json:"expected_block_premium_ppm,string"`
}

// rng is a tiny deterministic generator (splitmix64) so the vectors are reproducible.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
func (r *rng) between(lo, hi uint64) uint64 { return lo + r.next()%(hi-lo+1) }
func (r *rng) signedInt(maxAbs uint64) math.Int {
	v := math.NewIntFromUint64(r.between(0, maxAbs))
	if r.next()%2 == 0 {
		return v.Neg()
	}
	return v
}

// genMarkets returns BTC-, ETH- and SOL-like markets with varied parameters.
func genMarkets(r *rng) map[uint32]margin.Market {
	return map[uint32]margin.Market{
		1: {MarketID: 1, SizeDecimals: 8, PriceDecimals: 6, OraclePrice: r.between(1_000_000_000, 200_000_000_000),
			IMFPpm: r.between(10_000, 1_000_000), MaintenanceFractionPpm: r.between(100_000, 999_999), FundingIndex: math.NewIntFromUint64(r.between(0, 1e15)).Sub(math.NewInt(5e14))},
		2: {MarketID: 2, SizeDecimals: 8, PriceDecimals: 6, OraclePrice: r.between(1_000_000, 10_000_000_000),
			IMFPpm: r.between(10_000, 1_000_000), MaintenanceFractionPpm: r.between(100_000, 999_999), FundingIndex: math.ZeroInt()},
		3: {MarketID: 3, SizeDecimals: 6, PriceDecimals: 8, OraclePrice: r.between(1, 100_000_000_000),
			IMFPpm: r.between(1, 1_000_000), MaintenanceFractionPpm: r.between(1, 999_999), FundingIndex: math.NewInt(-123456789)},
	}
}

// generateVectors builds ≥ 200 cases: random and edge cases of health (cross, isolated-like single position,
// huge sizes, negative collateral), fills (open, reduce, close, flip, rounding), IMF (OI caps, volatility) and funding.
func generateVectors() vectorFile {
	r := &rng{s: 20261124}
	vf := vectorFile{Description: "Clearchain margin engine vectors: generated by chain/x/clearing/margin/vectors_test.go " +
		"(CLEARCHAIN_UPDATE_VECTORS=1 go test ./x/clearing/margin); checked by go test and by the TypeScript SDK's jest tests."}
	for i := 0; i < 120; i++ {
		markets := genMarkets(r)
		acct := margin.Account{Collateral: r.signedInt(1e12)}
		if i%4 != 3 {
			acct.Collateral = acct.Collateral.Abs()
		}
		n := int(r.between(0, 3))
		if i%10 == 1 {
			n = 1 // single position (isolated subaccount shape)
		}
		for m := uint32(1); m <= uint32(n); m++ {
			size := r.signedInt(1e10)
			if size.IsZero() {
				size = math.NewInt(1)
			}
			if i%25 == 7 {
				size = math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 127), big.NewInt(int64(r.between(1, 1000)))))
			}
			acct.Positions = append(acct.Positions, margin.Position{MarketID: m, Size: size, QuoteBalance: r.signedInt(1e13),
				FundingIndex: math.NewIntFromUint64(r.between(0, 1e15)).Sub(math.NewInt(5e14))})
		}
		upnl := []uint64{0, 500_000, 1_000_000, r.between(0, 1_000_000)}[i%4]
		vf.Health = append(vf.Health, healthCase{Name: fmt.Sprintf("health-%03d", i), Account: acct, Markets: markets,
			MaxUpnlWithdrawPpm: upnl, Expected: margin.ComputeHealth(acct, markets, upnl)})
	}
	for i := 0; i < 60; i++ {
		sd, pd := uint32(r.between(0, 10)), uint32(r.between(0, 10))
		pos := margin.Position{MarketID: 1, Size: r.signedInt(1e9), QuoteBalance: r.signedInt(1e12), FundingIndex: math.ZeroInt()}
		if i%5 == 0 {
			pos.Size, pos.QuoteBalance = math.ZeroInt(), math.ZeroInt()
		}
		delta := r.signedInt(2e9)
		if i%7 == 0 {
			delta = pos.Size.Neg() // close exactly
		}
		if delta.IsZero() {
			delta = math.NewInt(3)
		}
		price, fee := r.between(1, 1e12), r.between(0, 10_000)
		out := margin.ApplyFill(pos, delta, price, sd, pd)
		vf.Fills = append(vf.Fills, fillCase{Name: fmt.Sprintf("fill-%03d", i), Position: pos, Delta: delta, Price: price,
			SizeDecimals: sd, PriceDecimals: pd, FeePpm: fee, Expected: out, ExpectedFee: margin.Fee(out.Notional, fee)})
	}
	for i := 0; i < 30; i++ {
		lower := r.between(0, 1e12)
		p := margin.IMFParams{BaseIMFPpm: r.between(1, 500_000), OILower: lower, OIUpper: lower + r.between(0, 1e12),
			VolatilityMultiplierPpm: r.between(0, 1e8), MaxIMFPpm: r.between(500_000, 1_000_000)}
		oi := r.between(0, 3e12)
		vol := math.LegacyNewDecWithPrec(int64(r.between(0, 1e9)), 12)
		cur, step := r.between(0, 1_000_000), r.between(1, 50_000)
		// No extra draws (later sections keep their cases): a volatility add-on cap on two cases in three, and
		// step limits spread over 0..199 ppm (≥ 134 is clamped to MaxIMFRisePerBlockPpm, 0 means the maximum).
		if cur%3 != 0 {
			p.VolAddOnCapPpm = cur / 20
		}
		step %= 200
		target := margin.TargetIMF(p, oi, vol)
		vf.IMF = append(vf.IMF, imfCase{Name: fmt.Sprintf("imf-%03d", i), Params: p, OpenInterest: oi, Volatility: vol.String(),
			Current: cur, StepLimit: step, Target: target, Stepped: margin.StepIMF(cur, target, step)})
	}
	for i := 0; i < 30; i++ {
		trade, oracle := r.between(0, 1e12), r.between(1, 1e12)
		sum, samples := int64(r.between(0, 1e9))-5e8, r.between(0, 10_000)
		interest, maxRate := int64(r.between(0, 200))-100, r.between(0, 100_000)
		pd := uint32(r.between(0, 10))
		rate := margin.FundingRatePpm(sum, samples, interest, maxRate)
		vf.Funding = append(vf.Funding, fundCase{Name: fmt.Sprintf("funding-%03d", i), TradePrice: trade, OraclePrice: oracle,
			PremiumSum: sum, Samples: samples, InterestPpm: interest, MaxRatePpm: maxRate, PriceDecimals: pd,
			Premium: margin.PremiumPpm(trade, oracle), Rate: rate, IndexDelta: margin.FundingIndexDelta(rate, oracle, pd).String()})
	}
	vf.Settle = generateSettle()
	vf.Band = generateBand()
	vf.Premium = generatePremium()
	return vf
}

// settleIDs are the settle vectors' markets, in the order choices are drawn (never iterate a map while generating).
var settleIDs = []uint32{1, 2, 3, 5}

// settleMaxSize is each settle market's largest random position or fill (base quantums, up to a few $100k).
var settleMaxSize = map[uint32]uint64{1: 2e8, 2: 5e9, 3: 1e9, 5: 50}

// settleMarkets returns BTC-, ETH-, SOL-like and a whole-unit market (ids 1, 2, 3, 5) with realistic margin
// fractions and signed funding indices.
func settleMarkets(r *rng) map[uint32]margin.Market {
	mk := func(id, sd, pd uint32, lo, hi uint64) margin.Market {
		m := margin.Market{MarketID: id, SizeDecimals: sd, PriceDecimals: pd}
		m.OraclePrice = r.between(lo, hi)
		m.IMFPpm = r.between(20_000, 200_000)
		m.MaintenanceFractionPpm = r.between(300_000, 900_000)
		m.FundingIndex = r.signedInt(1e13)
		return m
	}
	markets := map[uint32]margin.Market{}
	markets[1] = mk(1, 8, 6, 20_000e6, 100_000e6)
	markets[2] = mk(2, 8, 6, 1_000e6, 5_000e6)
	markets[3] = mk(3, 6, 8, 10e8, 300e8)
	markets[5] = mk(5, 0, 4, 1, 1e8)
	return markets
}

// offPrice returns price × (1 + u) for u uniform in ±maxOffPpm (at least 1).
func offPrice(r *rng, price, maxOffPpm uint64) uint64 {
	off := int64(r.between(0, 2*maxOffPpm)) - int64(maxOffPpm)
	p := new(big.Int).Mul(new(big.Int).SetUint64(price), big.NewInt(margin.PPM+off))
	p.Quo(p, big.NewInt(margin.PPM))
	if p.Sign() <= 0 {
		return 1
	}
	return p.Uint64()
}

// settlePosition returns a random position in m entered within ±20% of the oracle price, whose funding snapshot
// differs from the market index (so it owes or receives funding).
func settlePosition(r *rng, m margin.Market) margin.Position {
	size := math.NewIntFromUint64(r.between(1, settleMaxSize[m.MarketID]))
	if r.next()%2 == 0 {
		size = size.Neg()
	}
	entry := offPrice(r, m.OraclePrice, 200_000)
	quote := margin.SignedValue(size, entry, m.SizeDecimals, m.PriceDecimals).Neg()
	return margin.Position{MarketID: m.MarketID, Size: size, QuoteBalance: quote, FundingIndex: m.FundingIndex.Sub(r.signedInt(1e12))}
}

// settleInput is one SettleSide call.
type settleInput struct {
	side    margin.FillSide
	terms   margin.FillTerms
	markets map[uint32]margin.Market
}

// randomSettle draws an account (0–4 positions, collateral rich, near IM, near MM or tiny) and a fill that opens,
// increases, reduces, closes or flips, at a price near or far from the oracle.
func randomSettle(r *rng) settleInput {
	markets := settleMarkets(r)
	var positions []margin.Position
	for _, id := range settleIDs {
		if r.next()%2 == 0 {
			positions = append(positions, settlePosition(r, markets[id]))
		}
	}
	acct := margin.Account{Collateral: math.ZeroInt(), Positions: positions}
	req := margin.ComputeRequirements(acct, markets)
	switch r.next() % 4 {
	case 0:
		acct.Collateral = req.InitialMargin.Sub(req.Equity).Add(math.NewIntFromUint64(r.between(0, 1e11)))
	case 1:
		acct.Collateral = req.InitialMargin.Sub(req.Equity).Add(r.signedInt(req.InitialMargin.Uint64()/3 + 1))
	case 2:
		acct.Collateral = req.MaintenanceMargin.Sub(req.Equity).Add(r.signedInt(req.MaintenanceMargin.Uint64()/2 + 1))
	default:
		acct.Collateral = r.signedInt(1e9)
	}
	id := settleIDs[r.next()%uint64(len(settleIDs))]
	cur := math.ZeroInt()
	for _, p := range positions {
		if p.MarketID == id {
			cur = p.Size
		}
	}
	var delta math.Int
	if cur.IsZero() {
		delta = math.NewIntFromUint64(r.between(1, settleMaxSize[id]))
		if r.next()%2 == 0 {
			delta = delta.Neg()
		}
	} else {
		abs := cur.Abs().Uint64()
		var grow bool
		var d uint64
		switch r.next() % 4 {
		case 0: // increase
			grow, d = true, r.between(1, settleMaxSize[id])
		case 1: // reduce partly (closes a 1-quantum position)
			d = 1
			if abs > 1 {
				d = r.between(1, abs-1)
			}
		case 2: // close exactly
			d = abs
		default: // flip
			d = abs + r.between(1, settleMaxSize[id])
		}
		delta = math.NewIntFromUint64(d)
		if grow != cur.IsPositive() {
			delta = delta.Neg()
		}
	}
	maxOff := uint64(20_000)
	if r.next()%3 == 0 {
		maxOff = 400_000
	}
	price := offPrice(r, markets[id].OraclePrice, maxOff)
	side := margin.FillSide{Account: acct, Delta: delta, FeePpm: r.between(0, 1_000), ReduceOnly: r.next()%6 == 0}
	terms := margin.FillTerms{MarketID: id, Price: price, MaxPositions: uint32(len(positions)) + uint32(r.between(0, 2))}
	return settleInput{side: side, terms: terms, markets: markets}
}

// settleVector runs SettleSide and renders the case.
func settleVector(name string, in settleInput) settleCase {
	out := margin.SettleSide(in.side, in.terms, in.markets)
	acct := out.Account
	if acct.Positions == nil {
		acct.Positions = []margin.Position{}
	}
	return settleCase{Name: name,
		Side:    settleSideJSON{Account: in.side.Account, Delta: in.side.Delta, FeePpm: in.side.FeePpm, ReduceOnly: in.side.ReduceOnly},
		Terms:   settleTermsJSON{MarketID: in.terms.MarketID, Price: in.terms.Price, MaxPositions: in.terms.MaxPositions},
		Markets: in.markets,
		Expected: settleOutcomeJSON{Account: acct, OldSize: out.OldSize, NewSize: out.NewSize, RealizedPnl: out.RealizedPnl, Fee: out.Fee,
			Notional: out.Notional, Reducing: out.Reducing, Before: out.Before, After: out.After, Verdict: int(out.Verdict),
			VerdictName: out.Verdict.String()},
	}
}

// settleFacts classifies a SettleSide call for the generator's quotas and the coverage checks.
type settleFacts struct {
	verdict                           margin.Verdict
	n, insertAt                       int
	exists, flip, closed, increase    bool
	reducing, belowIMAfter, reduceOnl bool
	atLimit                           bool
}

func factsOf(c settleCase) settleFacts {
	f := settleFacts{verdict: margin.Verdict(c.Expected.Verdict), n: len(c.Side.Account.Positions), insertAt: -1,
		reducing: c.Expected.Reducing, reduceOnl: c.Side.ReduceOnly}
	for _, p := range c.Side.Account.Positions {
		f.exists = f.exists || p.MarketID == c.Terms.MarketID
	}
	f.atLimit = uint32(f.n) >= c.Terms.MaxPositions
	if f.verdict == margin.VerdictTooManyPositions {
		return f
	}
	old, nw := c.Expected.OldSize, c.Expected.NewSize
	f.flip = !old.IsZero() && !nw.IsZero() && old.IsPositive() != nw.IsPositive()
	f.closed = f.exists && nw.IsZero()
	f.increase = f.exists && !f.flip && nw.Abs().GT(old.Abs())
	f.belowIMAfter = c.Expected.After.Equity.LT(c.Expected.After.InitialMargin)
	if !f.exists {
		for i, p := range c.Expected.Account.Positions {
			if p.MarketID == c.Terms.MarketID {
				f.insertAt = i
			}
		}
	}
	return f
}

// mustVerdict panics unless a constructed case has the verdict its name promises.
func mustVerdict(c settleCase, v margin.Verdict) settleCase {
	if margin.Verdict(c.Expected.Verdict) != v {
		panic(fmt.Sprintf("%s: verdict %q, want %q", c.Name, c.Expected.VerdictName, v))
	}
	return c
}

// generateSettle builds the settle vectors: random calls accepted until every quota below is met (each verdict,
// flips, closes, inserts at the front, middle and end, cross margin, reduce-only), then constructed edges: equity
// exactly at initial margin and one unit short, the ratio rule's exact boundary, funding deciding a verdict,
// maintenance fraction 0 and one-quantum rounding.
func generateSettle() []settleCase {
	r := &rng{s: 20261201}
	V := func(v margin.Verdict) func(settleFacts) bool {
		return func(f settleFacts) bool { return f.verdict == v }
	}
	and := func(ps ...func(settleFacts) bool) func(settleFacts) bool {
		return func(f settleFacts) bool {
			for _, p := range ps {
				if !p(f) {
					return false
				}
			}
			return true
		}
	}
	ok := V(margin.VerdictOK)
	quotas := []struct {
		name  string
		want  int
		match func(settleFacts) bool
	}{
		{"cross-ok", 3, and(ok, func(f settleFacts) bool { return f.n >= 3 })},
		{"cross-refused", 3, func(f settleFacts) bool {
			return f.n >= 3 && f.verdict != margin.VerdictOK && f.verdict != margin.VerdictTooManyPositions
		}},
		{"too-many-positions", 5, V(margin.VerdictTooManyPositions)},
		{"at-limit-existing", 3, func(f settleFacts) bool { return f.exists && f.atLimit }},
		{"reduce-only-grow", 4, and(V(margin.VerdictReduceOnly), func(f settleFacts) bool { return !f.flip })},
		{"reduce-only-flip", 3, and(V(margin.VerdictReduceOnly), func(f settleFacts) bool { return f.flip })},
		{"reduce-only-reducing", 3, func(f settleFacts) bool { return f.reduceOnl && f.reducing }},
		{"below-im-open", 3, and(V(margin.VerdictBelowInitialMargin), func(f settleFacts) bool { return !f.exists })},
		{"below-im-increase", 3, and(V(margin.VerdictBelowInitialMargin), func(f settleFacts) bool { return f.increase })},
		{"below-im-flip", 3, and(V(margin.VerdictBelowInitialMargin), func(f settleFacts) bool { return f.flip })},
		{"ratio-worsened", 6, V(margin.VerdictMarginRatioWorsened)},
		{"negative-equity-close", 3, and(V(margin.VerdictNegativeEquity), func(f settleFacts) bool { return f.closed })},
		{"negative-equity-reduce", 3, and(V(margin.VerdictNegativeEquity), func(f settleFacts) bool { return !f.closed })},
		{"ok-reduce-below-im", 4, and(ok, func(f settleFacts) bool { return f.reducing && f.belowIMAfter })},
		{"ok-close", 4, and(ok, func(f settleFacts) bool { return f.closed })},
		{"ok-flip", 4, and(ok, func(f settleFacts) bool { return f.flip })},
		{"ok-open-empty", 2, and(ok, func(f settleFacts) bool { return f.n == 0 })},
		{"ok-insert-first", 2, and(ok, func(f settleFacts) bool { return f.n >= 1 && f.insertAt == 0 })},
		{"ok-insert-middle", 2, and(ok, func(f settleFacts) bool { return f.insertAt > 0 && f.insertAt < f.n })},
		{"ok-insert-last", 2, and(ok, func(f settleFacts) bool { return f.n >= 1 && f.insertAt == f.n })},
		{"ok-increase", 4, and(ok, func(f settleFacts) bool { return f.increase })},
		{"ok-reduce", 4, and(ok, func(f settleFacts) bool { return f.reducing && !f.closed && !f.belowIMAfter })},
	}
	got := make([]int, len(quotas))
	var cases []settleCase
	name := func(s string) string { return fmt.Sprintf("settle-%03d-%s", len(cases), s) }
	missing := func() bool {
		for i, q := range quotas {
			if got[i] < q.want {
				return true
			}
		}
		return false
	}
	for attempt := 0; missing(); attempt++ {
		if attempt > 1_000_000 {
			panic(fmt.Sprintf("settle quotas not met: %v", got))
		}
		in := randomSettle(r)
		c := settleVector("", in)
		f := factsOf(c)
		for i, q := range quotas {
			if got[i] < q.want && q.match(f) {
				got[i]++
				c.Name = name(q.name)
				cases = append(cases, c)
				break
			}
		}
	}

	// Equity exactly at initial margin after a risk-increasing fill is accepted; one unit less is refused.
	for pairs := 0; pairs < 3; {
		in := randomSettle(r)
		in.side.ReduceOnly = false
		f := factsOf(settleVector("", in))
		if f.verdict == margin.VerdictTooManyPositions || f.reducing {
			continue
		}
		out := margin.SettleSide(in.side, in.terms, in.markets)
		in.side.Account.Collateral = in.side.Account.Collateral.Add(out.After.InitialMargin.Sub(out.After.Equity))
		c := mustVerdict(settleVector(name("im-edge-equal-ok"), in), margin.VerdictOK)
		if !c.Expected.After.Equity.Equal(c.Expected.After.InitialMargin) {
			panic(c.Name)
		}
		cases = append(cases, c)
		in.side.Account.Collateral = in.side.Account.Collateral.SubRaw(1)
		cases = append(cases, mustVerdict(settleVector(name("im-edge-one-short-below-im"), in), margin.VerdictBelowInitialMargin))
		pairs++
	}

	// The ratio rule's boundary for an undercollateralised partial reduction: with collateral C, equity after and
	// before are C + A and C + B, so the fill passes iff C × (MM_b − MM_a) ≥ B × MM_a − A × MM_b.
	for pairs := 0; pairs < 2; {
		in := randomSettle(r)
		in.side.ReduceOnly = false
		in.side.Account.Collateral = math.ZeroInt()
		out := margin.SettleSide(in.side, in.terms, in.markets)
		if out.Verdict == margin.VerdictTooManyPositions || !out.Reducing || out.NewSize.IsZero() {
			continue
		}
		A, B := out.After.Equity.BigInt(), out.Before.Equity.BigInt()
		mma, mmb := out.After.MaintenanceMargin.BigInt(), out.Before.MaintenanceMargin.BigInt()
		den := new(big.Int).Sub(mmb, mma)
		if mma.Sign() <= 0 || den.Sign() <= 0 {
			continue
		}
		num := new(big.Int).Sub(new(big.Int).Mul(B, mma), new(big.Int).Mul(A, mmb))
		q, m := new(big.Int).QuoRem(num, den, new(big.Int))
		if m.Sign() > 0 {
			q.Add(q, big.NewInt(1))
		}
		ea := new(big.Int).Add(q, A)
		if ea.Sign() <= 0 || ea.Cmp(out.After.InitialMargin.BigInt()) >= 0 {
			continue
		}
		in.side.Account.Collateral = math.NewIntFromBigInt(q)
		cases = append(cases, mustVerdict(settleVector(name("ratio-edge-ok"), in), margin.VerdictOK))
		in.side.Account.Collateral = in.side.Account.Collateral.SubRaw(1)
		cases = append(cases, mustVerdict(settleVector(name("ratio-edge-one-short-worsened"), in), margin.VerdictMarginRatioWorsened))
		pairs++
	}

	// Exact equality of equity ÷ MM before and after: 10 units long at 100 with 10% IM, 50% MF; sell 5 at 95.
	unit := map[uint32]margin.Market{7: {MarketID: 7, OraclePrice: 100, IMFPpm: 100_000, MaintenanceFractionPpm: 500_000, FundingIndex: math.ZeroInt()}}
	long10 := []margin.Position{{MarketID: 7, Size: math.NewInt(10), QuoteBalance: math.NewInt(-1_000_000_000), FundingIndex: math.ZeroInt()}}
	exact := settleInput{side: margin.FillSide{Account: margin.Account{Collateral: math.NewInt(50_000_000), Positions: long10}, Delta: math.NewInt(-5)},
		terms: margin.FillTerms{MarketID: 7, Price: 95, MaxPositions: 4}, markets: unit}
	c := mustVerdict(settleVector(name("ratio-exact-equal-ok"), exact), margin.VerdictOK)
	if e := c.Expected; !e.After.Equity.Mul(e.Before.MaintenanceMargin).Equal(e.Before.Equity.Mul(e.After.MaintenanceMargin)) || !e.After.Equity.LT(e.After.InitialMargin) {
		panic(c.Name)
	}
	cases = append(cases, c)
	exact.side.Account.Collateral = math.NewInt(49_999_999)
	cases = append(cases, mustVerdict(settleVector(name("ratio-exact-one-short-worsened"), exact), margin.VerdictMarginRatioWorsened))

	// Maintenance fraction 0: below IM after a reduction but MM is 0, so only equity ≥ 0 is required.
	noMM := map[uint32]margin.Market{8: {MarketID: 8, OraclePrice: 100, IMFPpm: 100_000, FundingIndex: math.ZeroInt()}}
	long10mm0 := []margin.Position{{MarketID: 8, Size: math.NewInt(10), QuoteBalance: math.NewInt(-1_000_000_000), FundingIndex: math.ZeroInt()}}
	cases = append(cases, mustVerdict(settleVector(name("mm-zero-below-im-ok"), settleInput{
		side:  margin.FillSide{Account: margin.Account{Collateral: math.NewInt(10_000_000), Positions: long10mm0}, Delta: math.NewInt(-5), FeePpm: 500},
		terms: margin.FillTerms{MarketID: 8, Price: 100, MaxPositions: 1}, markets: noMM}), margin.VerdictOK))

	// Funding decides: a long in market 1 opens market 2 with equity exactly at IM when it owes nothing; owing
	// funding puts it below IM, receiving funding keeps it above.
	for done := false; !done; {
		markets := settleMarkets(r)
		p1 := settlePosition(r, markets[1])
		p1.Size, p1.FundingIndex = p1.Size.Abs(), markets[1].FundingIndex
		in := settleInput{side: margin.FillSide{Account: margin.Account{Collateral: math.ZeroInt(), Positions: []margin.Position{p1}},
			Delta: math.NewIntFromUint64(r.between(1, settleMaxSize[2])), FeePpm: r.between(0, 1_000)},
			terms: margin.FillTerms{MarketID: 2, Price: markets[2].OraclePrice, MaxPositions: 2}, markets: markets}
		out := margin.SettleSide(in.side, in.terms, in.markets)
		in.side.Account.Collateral = out.After.InitialMargin.Sub(out.After.Equity)
		cases = append(cases, mustVerdict(settleVector(name("funding-none-equal-ok"), in), margin.VerdictOK))
		owes := in
		owes.side.Account.Positions = []margin.Position{p1}
		owes.side.Account.Positions[0].FundingIndex = p1.FundingIndex.Sub(math.NewInt(1e12))
		cases = append(cases, mustVerdict(settleVector(name("funding-owed-below-im"), owes), margin.VerdictBelowInitialMargin))
		receives := in
		receives.side.Account.Positions = []margin.Position{p1}
		receives.side.Account.Positions[0].FundingIndex = p1.FundingIndex.Add(math.NewInt(1e12))
		cases = append(cases, mustVerdict(settleVector(name("funding-received-ok"), receives), margin.VerdictOK))
		done = true
	}

	// One-quantum rounding at $1.000001 with 8 size decimals: notional and fee round up, value and basis down.
	tiny := map[uint32]margin.Market{9: {MarketID: 9, SizeDecimals: 8, PriceDecimals: 6, OraclePrice: 1_000_001, IMFPpm: 50_000,
		MaintenanceFractionPpm: 600_000, FundingIndex: math.NewInt(1)}}
	flat := margin.Account{Collateral: math.NewInt(10)}
	three := []margin.Position{{MarketID: 9, Size: math.NewInt(3), QuoteBalance: math.NewInt(-10), FundingIndex: math.ZeroInt()}}
	tinyCases := []struct {
		name  string
		acct  margin.Account
		delta int64
		fee   uint64
	}{
		{"rounding-buy-one-quantum", flat, 1, 1},
		{"rounding-sell-one-quantum", flat, -1, 1},
		{"rounding-one-quantum-below-im", margin.Account{Collateral: math.NewInt(1)}, 1, 1},
		{"rounding-partial-basis-floor", margin.Account{Collateral: math.NewInt(100), Positions: three}, -1, 0},
		{"rounding-funding-owed-ceil", margin.Account{Collateral: math.NewInt(100), Positions: three}, 1, 0},
		{"rounding-fee-ceil", margin.Account{Collateral: math.NewInt(1_000_000)}, 99_999_900, 1},
		{"rounding-flip-one-quantum", margin.Account{Collateral: math.NewInt(100), Positions: three}, -4, 1},
	}
	for _, tc := range tinyCases {
		cases = append(cases, settleVector(name(tc.name), settleInput{
			side:  margin.FillSide{Account: tc.acct, Delta: math.NewInt(tc.delta), FeePpm: tc.fee},
			terms: margin.FillTerms{MarketID: 9, Price: 1_000_001, MaxPositions: 1}, markets: tiny}))
	}
	return cases
}

// generateBand builds WithinBand vectors: oracle 0, band 0, exact edges and one past them (integral and
// fractional limits), bands of 100% and more, uint64 extremes, and random oracles with their four edges.
func generateBand() []bandCase {
	r := &rng{s: 20261202}
	var cs []bandCase
	add := func(name string, price, oracle, band uint64) {
		cs = append(cs, bandCase{Name: fmt.Sprintf("band-%03d-%s", len(cs), name), Price: price, OraclePrice: oracle, BandPpm: band,
			Expected: margin.WithinBand(price, oracle, band)})
	}
	maxU := ^uint64(0)
	add("oracle-zero-price-zero", 0, 0, 50_000)
	add("oracle-zero", 100, 0, 1_000_000)
	add("oracle-zero-max-band", maxU, 0, maxU)
	add("band-zero-at-oracle", 1_000, 1_000, 0)
	add("band-zero-one-above", 1_001, 1_000, 0)
	add("band-zero-one-below", 999, 1_000, 0)
	add("upper-edge-exact", 1_050, 1_000, 50_000)
	add("upper-edge-plus-one", 1_051, 1_000, 50_000)
	add("lower-edge-exact", 950, 1_000, 50_000)
	add("lower-edge-minus-one", 949, 1_000, 50_000)
	add("fractional-limit-inside", 1_003, 999, 5_000) // limit 4.995
	add("fractional-limit-outside", 1_004, 999, 5_000)
	add("fractional-limit-below-inside", 995, 999, 5_000)
	add("fractional-limit-below-outside", 994, 999, 5_000)
	add("price-zero-band-100pct", 0, 1_000, 1_000_000)
	add("price-zero-band-below-100pct", 0, 1_000, 999_999)
	add("double-band-200pct", 3_000, 1_000, 2_000_000)
	add("triple-band-200pct", 3_001, 1_000, 2_000_000)
	add("max-price-one-above", maxU, maxU-1, 1)
	add("max-price-tiny-band", maxU, maxU-(maxU/1_000_000)-1, 1)
	add("max-price-from-one", maxU, 1, maxU)
	for i := 0; i < 6; i++ {
		oracle, band := r.between(1, 1e12), r.between(0, 200_000)
		limit := new(big.Int).Mul(new(big.Int).SetUint64(oracle), new(big.Int).SetUint64(band))
		lim := limit.Quo(limit, big.NewInt(margin.PPM)).Uint64()
		add("random-upper-edge", oracle+lim, oracle, band)
		add("random-upper-edge-plus-one", oracle+lim+1, oracle, band)
		add("random-lower-edge", oracle-lim, oracle, band)
		add("random-lower-edge-minus-one", oracle-lim-1, oracle, band)
	}
	return cs
}

// generatePremium builds ClampedPremiumPpm and BlockPremiumPpm vectors: missing prices, band 0, clamps at ±band
// and at ±100% (bands above 10^6, up to 2^64 − 1), truncation toward zero, and block sums with zero or negative
// notional, truncation and ±10^6 clamps; then random blocks of 1–4 fills weighted as the keeper weights them.
func generatePremium() []premCase {
	r := &rng{s: 20261203}
	var cs []premCase
	add := func(name string, trade, oracle, band uint64, weighted, notional math.Int) {
		cs = append(cs, premCase{Name: fmt.Sprintf("premium-%03d-%s", len(cs), name), TradePrice: trade, OraclePrice: oracle, BandPpm: band,
			WeightedPpm: weighted, Notional: notional, Clamped: margin.ClampedPremiumPpm(trade, oracle, band),
			BlockPremium: margin.BlockPremiumPpm(weighted, notional)})
	}
	maxU, n := ^uint64(0), math.NewInt
	huge := math.NewIntFromBigInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil))
	add("trade-zero", 0, 1_000, 50_000, n(0), n(0))
	add("oracle-zero", 1_000, 0, 50_000, n(123), n(0))
	add("band-zero", 1_100, 1_000, 0, n(-123), n(-1))
	add("within-band", 1_010, 1_000, 50_000, n(10_000*7), n(7))
	add("clamp-positive", 1_100, 1_000, 50_000, n(-7), n(2))
	add("clamp-negative", 900, 1_000, 50_000, n(7), n(2))
	add("exact-band-edge", 1_050, 1_000, 50_000, n(-6), n(3))
	add("truncates-toward-zero", 1, 3, 1_000_000, n(6), n(4))
	add("band-above-100pct", 5_000, 1_000, 3_000_000, huge, n(1))
	add("band-max-uint64", 5_000, 1_000, maxU, huge.Neg(), n(1))
	add("negative-band-max-uint64", 1, 1_000_000, maxU, n(2_000_000), n(2))
	add("negative-at-band", 950, 1_000, 50_000, n(-2_000_001), n(2))
	add("one-below-band", 1_049, 1_000, 50_000, n(0), n(5))
	add("max-prices", maxU, maxU-1, 1, n(-3_000_000), n(3))
	for i := 0; i < 12; i++ {
		oracle, band := r.between(1, 1e12), r.between(0, 200_000)
		weighted, notional := math.ZeroInt(), math.ZeroInt()
		var trade uint64
		for k := r.between(1, 4); k > 0; k-- {
			trade = offPrice(r, oracle, 300_000)
			fillNotional := math.NewIntFromUint64(r.between(0, 1e12))
			weighted = weighted.Add(fillNotional.MulRaw(margin.ClampedPremiumPpm(trade, oracle, band)))
			notional = notional.Add(fillNotional)
		}
		add("random-block", trade, oracle, band, weighted, notional)
	}
	return cs
}

// TestSharedVectors recomputes every vector and compares it with the committed file, which the TypeScript SDK
// checks too. Regenerate with CLEARCHAIN_UPDATE_VECTORS=1 after an intended formula change.
func TestSharedVectors(t *testing.T) {
	vf := generateVectors()
	bz, err := json.MarshalIndent(vf, "", " ")
	require.NoError(t, err)
	bz = append(bz, '\n')
	if os.Getenv("CLEARCHAIN_UPDATE_VECTORS") != "" {
		require.NoError(t, os.WriteFile(vectorsPath, bz, 0o644))
	}
	committed, err := os.ReadFile(vectorsPath)
	require.NoError(t, err, "missing %s: run CLEARCHAIN_UPDATE_VECTORS=1 go test ./x/clearing/margin", vectorsPath)
	var onDisk vectorFile
	require.NoError(t, json.Unmarshal(committed, &onDisk))
	total := len(onDisk.Health) + len(onDisk.Fills) + len(onDisk.IMF) + len(onDisk.Funding)
	require.GreaterOrEqual(t, total, 200)
	// Recompute from the file's inputs (not from the generator) and compare with the file's answers.
	for _, c := range onDisk.Health {
		got := margin.ComputeHealth(c.Account, c.Markets, c.MaxUpnlWithdrawPpm)
		requireJSONEqual(t, c.Expected, got, c.Name)
	}
	for _, c := range onDisk.Fills {
		got := margin.ApplyFill(c.Position, c.Delta, c.Price, c.SizeDecimals, c.PriceDecimals)
		requireJSONEqual(t, c.Expected, got, c.Name)
		require.Equal(t, c.ExpectedFee.String(), margin.Fee(got.Notional, c.FeePpm).String(), c.Name)
	}
	for _, c := range onDisk.IMF {
		target := margin.TargetIMF(c.Params, c.OpenInterest, math.LegacyMustNewDecFromStr(c.Volatility))
		require.Equal(t, c.Target, target, c.Name)
		require.Equal(t, c.Stepped, margin.StepIMF(c.Current, target, c.StepLimit), c.Name)
	}
	for _, c := range onDisk.Funding {
		require.Equal(t, c.Premium, margin.PremiumPpm(c.TradePrice, c.OraclePrice), c.Name)
		rate := margin.FundingRatePpm(c.PremiumSum, c.Samples, c.InterestPpm, c.MaxRatePpm)
		require.Equal(t, c.Rate, rate, c.Name)
		require.Equal(t, c.IndexDelta, margin.FundingIndexDelta(rate, c.OraclePrice, c.PriceDecimals).String(), c.Name)
	}
	for _, c := range onDisk.Settle {
		got := settleVector(c.Name, settleInput{
			side:    margin.FillSide{Account: c.Side.Account, Delta: c.Side.Delta, FeePpm: c.Side.FeePpm, ReduceOnly: c.Side.ReduceOnly},
			terms:   margin.FillTerms{MarketID: c.Terms.MarketID, Price: c.Terms.Price, MaxPositions: c.Terms.MaxPositions},
			markets: c.Markets,
		})
		requireJSONEqual(t, c.Expected, got.Expected, c.Name)
		require.Equal(t, margin.Verdict(c.Expected.Verdict).String(), c.Expected.VerdictName, c.Name)
	}
	for _, c := range onDisk.Band {
		require.Equal(t, c.Expected, margin.WithinBand(c.Price, c.OraclePrice, c.BandPpm), c.Name)
	}
	for _, c := range onDisk.Premium {
		require.Equal(t, c.Clamped, margin.ClampedPremiumPpm(c.TradePrice, c.OraclePrice, c.BandPpm), c.Name)
		require.Equal(t, c.BlockPremium, margin.BlockPremiumPpm(c.WeightedPpm, c.Notional), c.Name)
	}
	requireSettleCoverage(t, onDisk)
	require.JSONEq(t, string(bz), string(committed), "generator and committed vectors differ: regenerate deliberately")
}

// requireSettleCoverage checks that the committed settle, band and premium vectors still exercise every verdict and
// every edge the SDK mirror must get right.
func requireSettleCoverage(t *testing.T, vf vectorFile) {
	t.Helper()
	require.GreaterOrEqual(t, len(vf.Settle), 60)
	require.GreaterOrEqual(t, len(vf.Band), 20)
	require.GreaterOrEqual(t, len(vf.Premium), 20)
	verdicts := map[margin.Verdict]int{}
	var flips, closes, cross, owing, imEqual, ratioEqual int
	inserts := map[string]int{}
	for _, c := range vf.Settle {
		f := factsOf(c)
		verdicts[f.verdict]++
		if f.flip {
			flips++
		}
		if f.closed {
			closes++
		}
		if f.n >= 3 {
			cross++
		}
		switch {
		case f.insertAt < 0:
		case f.insertAt == 0 && f.n > 0:
			inserts["first"]++
		case f.insertAt == f.n && f.n > 0:
			inserts["last"]++
		case f.n > 0:
			inserts["middle"]++
		}
		for _, p := range c.Side.Account.Positions {
			if !p.FundingIndex.Equal(c.Markets[p.MarketID].FundingIndex) {
				owing++
				break
			}
		}
		e := c.Expected
		if f.verdict == margin.VerdictOK && !f.reducing && e.After.Equity.Equal(e.After.InitialMargin) {
			imEqual++
		}
		if f.verdict == margin.VerdictOK && f.reducing && f.belowIMAfter && e.After.MaintenanceMargin.IsPositive() &&
			e.After.Equity.Mul(e.Before.MaintenanceMargin).Equal(e.Before.Equity.Mul(e.After.MaintenanceMargin)) {
			ratioEqual++
		}
	}
	for v := margin.VerdictOK; v <= margin.VerdictNegativeEquity; v++ {
		require.GreaterOrEqual(t, verdicts[v], 3, "settle cases with verdict %q", v)
	}
	require.GreaterOrEqual(t, flips, 3)
	require.GreaterOrEqual(t, closes, 3)
	require.GreaterOrEqual(t, cross, 3)
	require.GreaterOrEqual(t, owing, 10)
	require.GreaterOrEqual(t, imEqual, 1)
	require.GreaterOrEqual(t, ratioEqual, 1)
	for _, where := range []string{"first", "middle", "last"} {
		require.GreaterOrEqual(t, inserts[where], 1, "new position inserted %s", where)
	}
	var oracleZero, edgeIn, edgeOut int
	for _, c := range vf.Band {
		if c.OraclePrice == 0 {
			oracleZero++
			continue
		}
		d := new(big.Int).Sub(new(big.Int).SetUint64(c.Price), new(big.Int).SetUint64(c.OraclePrice))
		d.Abs(d).Mul(d, big.NewInt(margin.PPM))
		limit := new(big.Int).Mul(new(big.Int).SetUint64(c.OraclePrice), new(big.Int).SetUint64(c.BandPpm))
		if d.Cmp(limit) == 0 {
			edgeIn++
		}
		if d.Cmp(limit) > 0 && d.Cmp(new(big.Int).Add(limit, big.NewInt(margin.PPM))) <= 0 {
			edgeOut++
		}
	}
	require.GreaterOrEqual(t, oracleZero, 1)
	require.GreaterOrEqual(t, edgeIn, 2)
	require.GreaterOrEqual(t, edgeOut, 2)
	var bandClamp, fullClamp, negative, noNotional, blockClamp int
	for _, c := range vf.Premium {
		if c.BandPpm < margin.PPM && c.Clamped != 0 && (c.Clamped == int64(c.BandPpm) || c.Clamped == -int64(c.BandPpm)) {
			bandClamp++
		}
		if c.Clamped == margin.PPM {
			fullClamp++
		}
		if c.Clamped < 0 || c.BlockPremium < 0 {
			negative++
		}
		if !c.Notional.IsPositive() {
			noNotional++
		}
		if c.BlockPremium == margin.PPM || c.BlockPremium == -margin.PPM {
			blockClamp++
		}
	}
	require.GreaterOrEqual(t, bandClamp, 2)
	require.GreaterOrEqual(t, fullClamp, 1)
	require.GreaterOrEqual(t, negative, 2)
	require.GreaterOrEqual(t, noNotional, 2)
	require.GreaterOrEqual(t, blockClamp, 2)
}

func requireJSONEqual(t *testing.T, want, got any, name string) {
	t.Helper()
	a, err := json.Marshal(want)
	require.NoError(t, err)
	b, err := json.Marshal(got)
	require.NoError(t, err)
	require.JSONEq(t, string(a), string(b), name)
}
