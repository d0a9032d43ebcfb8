package margin_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
)

// btcMarkets is BTC-USD (market 1) at price (quantums) with IMF 5% and MMF 60% (MM 3%).
func btcMarkets(price uint64) map[uint32]margin.Market {
	return map[uint32]margin.Market{1: btcMarket(price)}
}

// longBTC is size quantums bought at 60,000 with collateral uusdc.
func longBTC(size int64, collateral string) margin.Account {
	return margin.Account{Collateral: I(collateral), Positions: []margin.Position{{MarketID: 1, Size: math.NewInt(size),
		QuoteBalance: math.NewInt(-size * 600), FundingIndex: math.ZeroInt()}}}
}

func shortBTC(size int64, collateral string) margin.Account {
	return margin.Account{Collateral: I(collateral), Positions: []margin.Position{{MarketID: 1, Size: math.NewInt(-size),
		QuoteBalance: math.NewInt(size * 600), FundingIndex: math.ZeroInt()}}}
}

func TestBankruptcyPrice(t *testing.T) {
	cases := []struct {
		name  string
		acct  margin.Account
		price uint64
		close int64
		want  string
	}{
		// 1 BTC long from 60,000 with 3,500 USDC at 57,000: equity 500, closing all at 56,500 leaves 0.
		{"long, full close", longBTC(100_000_000, "3500000000"), 57_000_000_000, 100_000_000, "56500000000"},
		// Half the position carries the whole equity: 57,000 − 500/0.5 = 56,000.
		{"long, half close", longBTC(100_000_000, "3500000000"), 57_000_000_000, 50_000_000, "56000000000"},
		// Already bankrupt (equity −500 at 56,000): the bankruptcy price is above the oracle.
		{"long, bankrupt", longBTC(100_000_000, "3500000000"), 56_000_000_000, 100_000_000, "56500000000"},
		// Short from 60,000 with 3,500 at 63,000: equity 500, bankruptcy at 63,500.
		{"short, full close", shortBTC(100_000_000, "3500000000"), 63_000_000_000, -100_000_000, "63500000000"},
		// Rounding: equity 1 uusdc over 3 quantums: long rounds up, short down.
		{"long rounds up", longBTC(3, "1"), 60_000_000_000, 3, "59966666667"},
		{"short rounds down", shortBTC(3, "1"), 60_000_000_000, -3, "60033333333"},
		{"no positive price", longBTC(100_000_000, "70000000000"), 60_000_000_000, 100_000_000, "0"},
		{"close on the wrong side", longBTC(100_000_000, "3500000000"), 57_000_000_000, -1, "0"},
		{"close larger than the position", longBTC(100_000_000, "3500000000"), 57_000_000_000, 100_000_001, "0"},
	}
	for _, tc := range cases {
		got := margin.BankruptcyPrice(tc.acct, btcMarkets(tc.price), 1, math.NewInt(tc.close))
		require.Equal(t, tc.want, got.String(), tc.name)
	}
}

func TestFillablePrice(t *testing.T) {
	cases := []struct {
		name       string
		oracle     uint64
		bankruptcy string
		long       bool
		want       uint64
	}{
		{"long: full discount", 57_000_000_000, "56500000000", true, 56_715_000_000},
		{"long: bankruptcy bounds the discount", 57_000_000_000, "56900000000", true, 56_900_000_000},
		{"long: bankrupt fills at the oracle", 56_000_000_000, "56500000000", true, 56_000_000_000},
		{"short: full discount", 63_000_000_000, "63500000000", false, 63_315_000_000},
		{"short: bankruptcy bounds the discount", 63_000_000_000, "63100000000", false, 63_100_000_000},
		{"short: bankrupt fills at the oracle", 64_000_000_000, "63500000000", false, 64_000_000_000},
		{"short: no bankruptcy price", 63_000_000_000, "0", false, 63_315_000_000},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, margin.FillablePrice(tc.oracle, I(tc.bankruptcy), tc.long, 5_000), tc.name)
	}
}

func TestClosingSize(t *testing.T) {
	rule := func(price uint64) margin.ClosingRule {
		return margin.ClosingRule{FillPrice: price, FeePpm: 10_000, BufferPpm: 100_000, StepSize: 10_000,
			PartialNotional: I("100000000000"), MaxFractionPpm: 200_000}
	}
	// Equity 1,500 at 57,000, MM 1,710: closing 0.3704 BTC at 56,715 (fee 1%) restores equity ≥ 1.1 × MM.
	acct := longBTC(100_000_000, "4500000000")
	markets := btcMarkets(57_000_000_000)
	x := margin.ClosingSize(acct, markets, 1, rule(56_715_000_000))
	require.Equal(t, "37040000", x.String())
	// Check the target is met after the close and missed one step earlier.
	after := func(closed int64) margin.Requirements {
		out := margin.SettleSide(margin.FillSide{Account: acct, Delta: math.NewInt(-closed)}, margin.FillTerms{MarketID: 1, Price: 56_715_000_000, MaxPositions: 8}, markets)
		fee := margin.Fee(out.Notional, 10_000)
		r := out.After
		r.Equity = r.Equity.Sub(fee)
		return r
	}
	meets := func(r margin.Requirements) bool { return r.Equity.MulRaw(10).GTE(r.MaintenanceMargin.MulRaw(11)) }
	require.True(t, meets(after(37_040_000)))
	require.False(t, meets(after(37_030_000)))
	// Too deep for a partial close: everything.
	require.Equal(t, "100000000", margin.ClosingSize(longBTC(100_000_000, "3500000000"), markets, 1, rule(56_715_000_000)).String())
	// Healthy: nothing.
	require.Equal(t, "0", margin.ClosingSize(longBTC(100_000_000, "10000000000"), markets, 1, rule(56_715_000_000)).String())
	// A 10 BTC position (570,000 USDC notional) is above the partial threshold: at most 20% per step.
	require.Equal(t, "200000000", margin.ClosingSize(longBTC(1_000_000_000, "35000000000"), markets, 1, rule(56_715_000_000)).String())
	// Shorts mirror longs.
	require.Equal(t, "100000000", margin.ClosingSize(shortBTC(100_000_000, "3500000000"), btcMarkets(63_000_000_000), 1, rule(63_315_000_000)).String())
	require.Equal(t, "0", margin.ClosingSize(longBTC(100_000_000, "3500000000"), markets, 2, rule(56_715_000_000)).String(), "no position")
}

func TestLiquidationFeeNeverCreatesDebt(t *testing.T) {
	require.Equal(t, "570000000", margin.LiquidationFee(I("57000000000"), 10_000, I("1000000000")).String())
	require.Equal(t, "100", margin.LiquidationFee(I("57000000000"), 10_000, I("100")).String())
	require.Equal(t, "0", margin.LiquidationFee(I("57000000000"), 10_000, I("-5")).String())
}

func TestPositionToLiquidateAndAdlScore(t *testing.T) {
	markets := btcMarkets(60_000_000_000)
	markets[2] = margin.Market{MarketID: 2, SizeDecimals: sd, PriceDecimals: pd, OraclePrice: 3_000_000_000, IMFPpm: 50_000, MaintenanceFractionPpm: 600_000, FundingIndex: math.ZeroInt()}
	acct := margin.Account{Collateral: I("10000000000"), Positions: []margin.Position{
		{MarketID: 1, Size: math.NewInt(10_000_000), QuoteBalance: math.NewInt(-5_000_000_000), FundingIndex: math.ZeroInt()},     // 0.1 BTC from 50,000: +1,000
		{MarketID: 2, Size: math.NewInt(-1_000_000_000), QuoteBalance: math.NewInt(30_000_000_000), FundingIndex: math.ZeroInt()}, // −10 ETH at 3,000: flat PnL
	}}
	id, ok := margin.PositionToLiquidate(acct, markets)
	require.True(t, ok)
	require.Equal(t, uint32(2), id, "ETH carries the larger maintenance margin (30,000 vs 6,000 notional)")
	// BTC: upnl 1,000 / cost 5,000 = 0.2; leverage 6,000 / equity 11,000; score = 0.2 × 0.5454… = 109,090 ppm.
	score, eligible := margin.AdlScore(acct, markets, 1)
	require.True(t, eligible)
	require.Equal(t, "109090", score.String())
	_, eligible = margin.AdlScore(acct, markets, 2)
	require.False(t, eligible, "no profit")
	_, ok = margin.PositionToLiquidate(margin.Account{Collateral: I("1")}, markets)
	require.False(t, ok)
}
