package margin_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
)

func I(s string) math.Int {
	v, ok := math.NewIntFromString(s)
	if !ok {
		panic(s)
	}
	return v
}

// BTC-USD: size 8 decimals (1 BTC = 1e8), price 6 decimals ($1 = 1e6).
const sd, pd = 8, 6

func TestNotionalAndValueRounding(t *testing.T) {
	cases := []struct {
		size      string
		price     uint64
		notional  string
		signedVal string
	}{
		{"100000000", 60_000_000_000, "60000000000", "60000000000"}, // 1 BTC at $60,000 = 60,000 USDC
		{"-100000000", 60_000_000_000, "60000000000", "-60000000000"},
		{"1", 60_000_000_000, "600", "600"}, // 1e-8 BTC = 0.0006 USDC = 600 uusdc, exact
		{"1", 1_000_001, "1", "0"},          // 0.01000001 uusdc: notional rounds up, value down
		{"-1", 1_000_001, "1", "-1"},        // a short's value rounds toward −∞
		{"12345", 1_000_001, "124", "123"},  // 123.45012345 uusdc
		{"0", 60_000_000_000, "0", "0"},     // flat
		{"170141183460469231731687303715884105727", 1_000_000, "1701411834604692317316873037158841058", "1701411834604692317316873037158841057"}, // 2^127−1 at $1
	}
	for _, tc := range cases {
		require.Equal(t, tc.notional, margin.Notional(I(tc.size), tc.price, sd, pd).String(), tc.size)
		require.Equal(t, tc.signedVal, margin.SignedValue(I(tc.size), tc.price, sd, pd).String(), tc.size)
	}
}

func TestMarginRequirementsRoundUp(t *testing.T) {
	im, mm := margin.MarginRequirements(I("60000000000"), 50_000, 600_000)
	require.Equal(t, "3000000000", im.String()) // 5% of 60,000 USDC
	require.Equal(t, "1800000000", mm.String()) // 60% of IM
	im, mm = margin.MarginRequirements(I("1"), 50_000, 600_000)
	require.Equal(t, "1", im.String())
	require.Equal(t, "1", mm.String())
	im, mm = margin.MarginRequirements(I("0"), 50_000, 600_000)
	require.True(t, im.IsZero() && mm.IsZero())
}

func TestFundingOwed(t *testing.T) {
	// Δindex of 6e12 (= 6 USDC per BTC × 1e6): a 1 BTC long owes 6 USDC, a short receives 6 USDC.
	require.Equal(t, "6000000", margin.FundingOwed(I("100000000"), I("6000000000000"), I("0"), sd).String())
	require.Equal(t, "-6000000", margin.FundingOwed(I("-100000000"), I("6000000000000"), I("0"), sd).String())
	// Fractions round against the trader: the payer pays up, the receiver receives down.
	require.Equal(t, "1", margin.FundingOwed(I("1"), I("1"), I("0"), sd).String())
	require.Equal(t, "0", margin.FundingOwed(I("-1"), I("1"), I("0"), sd).String())
}

func TestEntryPrice(t *testing.T) {
	require.Equal(t, "60000000000", margin.EntryPrice(I("100000000"), I("-60000000000"), sd, pd).String())
	require.Equal(t, "60000000000", margin.EntryPrice(I("-100000000"), I("60000000000"), sd, pd).String())
	require.Equal(t, "0", margin.EntryPrice(I("0"), I("5"), sd, pd).String())
}

func TestApplyFill(t *testing.T) {
	flat := margin.Position{MarketID: 1, Size: math.ZeroInt(), QuoteBalance: math.ZeroInt(), FundingIndex: math.ZeroInt()}
	// Buy 2 BTC at 60,000.
	o := margin.ApplyFill(flat, I("200000000"), 60_000_000_000, sd, pd)
	require.Equal(t, "200000000", o.Position.Size.String())
	require.Equal(t, "-120000000000", o.Position.QuoteBalance.String())
	require.True(t, o.RealizedPnl.IsZero())
	require.Equal(t, "120000000000", o.Notional.String())
	// Sell 1 BTC at 61,000: realise +1,000 USDC, keep half the basis.
	o = margin.ApplyFill(o.Position, I("-100000000"), 61_000_000_000, sd, pd)
	require.Equal(t, "100000000", o.Position.Size.String())
	require.Equal(t, "-60000000000", o.Position.QuoteBalance.String())
	require.Equal(t, "1000000000", o.RealizedPnl.String())
	// Sell 3 BTC at 59,000: close 1 (−1,000 realised) and open a 2 BTC short at 59,000.
	o = margin.ApplyFill(o.Position, I("-300000000"), 59_000_000_000, sd, pd)
	require.Equal(t, "-200000000", o.Position.Size.String())
	require.Equal(t, "118000000000", o.Position.QuoteBalance.String())
	require.Equal(t, "-1000000000", o.RealizedPnl.String())
	// Buy 2 BTC at 58,000: close the short for +2,000.
	o = margin.ApplyFill(o.Position, I("200000000"), 58_000_000_000, sd, pd)
	require.True(t, o.Position.Size.IsZero())
	require.True(t, o.Position.QuoteBalance.IsZero())
	require.Equal(t, "2000000000", o.RealizedPnl.String())
}

func TestIsRiskReducing(t *testing.T) {
	require.True(t, margin.IsRiskReducing(I("10"), I("5")))
	require.True(t, margin.IsRiskReducing(I("-10"), I("0")))
	require.False(t, margin.IsRiskReducing(I("10"), I("10")))
	require.False(t, margin.IsRiskReducing(I("10"), I("11")))
	require.False(t, margin.IsRiskReducing(I("10"), I("-1")), "a flip adds new risk")
	require.False(t, margin.IsRiskReducing(I("0"), I("1")))
}

func btcMarket(price uint64) margin.Market {
	return margin.Market{MarketID: 1, SizeDecimals: sd, PriceDecimals: pd, OraclePrice: price, IMFPpm: 50_000,
		MaintenanceFractionPpm: 600_000, FundingIndex: math.ZeroInt()}
}

func TestComputeHealthSinglePosition(t *testing.T) {
	markets := map[uint32]margin.Market{1: btcMarket(60_000_000_000)}
	acct := margin.Account{Collateral: I("5000000000"), Positions: []margin.Position{
		{MarketID: 1, Size: I("100000000"), QuoteBalance: I("-60000000000"), FundingIndex: math.ZeroInt()},
	}}
	h := margin.ComputeHealth(acct, markets, 0)
	require.Equal(t, "5000000000", h.Equity.String())
	require.Equal(t, "3000000000", h.InitialMargin.String())
	require.Equal(t, "1800000000", h.MaintenanceMargin.String())
	require.Equal(t, "2000000000", h.FreeCollateral.String())
	require.Equal(t, uint64(360_000), h.MarginRatioPpm)
	require.Equal(t, uint64(12_000_000), h.LeveragePpm)
	require.False(t, h.Liquidatable)
	require.Equal(t, "2000000000", h.Withdrawable.String())
	// Liquidation: 5000 + (p − 60000) = 0.03 p  →  p = 55000 / 0.97 = 56701.03…, rounded up for a long.
	require.Equal(t, "56701030928", h.Positions[0].LiquidationPrice.String())

	// At the liquidation price the account is (just) not liquidatable; one tick lower it is.
	markets[1] = btcMarket(56_701_030_928)
	require.False(t, margin.ComputeHealth(acct, markets, 0).Liquidatable)
	markets[1] = btcMarket(56_701_030_000)
	require.True(t, margin.ComputeHealth(acct, markets, 0).Liquidatable)
}

func TestComputeHealthShortAndCross(t *testing.T) {
	eth := margin.Market{MarketID: 2, SizeDecimals: 8, PriceDecimals: 6, OraclePrice: 3_000_000_000, IMFPpm: 100_000,
		MaintenanceFractionPpm: 500_000, FundingIndex: math.ZeroInt()}
	markets := map[uint32]margin.Market{1: btcMarket(60_000_000_000), 2: eth}
	acct := margin.Account{Collateral: I("10000000000"), Positions: []margin.Position{
		{MarketID: 1, Size: I("-100000000"), QuoteBalance: I("61000000000"), FundingIndex: math.ZeroInt()},  // short 1 BTC @ 61k (+1k)
		{MarketID: 2, Size: I("1000000000"), QuoteBalance: I("-31000000000"), FundingIndex: math.ZeroInt()}, // long 10 ETH @ 3.1k (−1k)
	}}
	h := margin.ComputeHealth(acct, markets, 500_000)
	require.Equal(t, "10000000000", h.Equity.String())
	require.Equal(t, "6000000000", h.InitialMargin.String()) // 3,000 + 3,000
	require.Equal(t, "3300000000", h.MaintenanceMargin.String())
	// Withdrawable counts half the BTC profit: 10,000 − 1,000 + 500 − 6,000 = 3,500.
	require.Equal(t, "3500000000", h.Withdrawable.String())
	// Short BTC liquidation price rounds down.
	// 70,000 − p = 1,500 + 0.03 p  →  p = 68,500 / 1.03 = 66,504.854368…, rounded down for a short.
	require.Equal(t, "66504854368", h.Positions[0].LiquidationPrice.String())
}

// IMF tests (target, step, rolling cap, MM rise bound) live in imf_test.go.

func TestFunding(t *testing.T) {
	require.Equal(t, int64(10_000), margin.PremiumPpm(60_600_000_000, 60_000_000_000))
	require.Equal(t, int64(-10_000), margin.PremiumPpm(59_400_000_000, 60_000_000_000))
	require.Equal(t, int64(0), margin.PremiumPpm(0, 60_000_000_000))
	require.Equal(t, int64(1_000_000), margin.PremiumPpm(1_000_000_000_000, 1))
	require.Equal(t, int64(2_010), margin.FundingRatePpm(20_000, 10, 10, 5_000))
	require.Equal(t, int64(5_000), margin.FundingRatePpm(2_000_000, 10, 0, 5_000))
	require.Equal(t, int64(-5_000), margin.FundingRatePpm(-2_000_000, 10, 0, 5_000))
	require.Equal(t, int64(10), margin.FundingRatePpm(0, 0, 10, 5_000))
	// 0.01% of $60,000 per BTC = 6 USDC = 6e6 uusdc → index units ×1e6.
	require.Equal(t, "6000000000000", margin.FundingIndexDelta(100, 60_000_000_000, pd).String())
}

func TestFee(t *testing.T) {
	require.Equal(t, "30000000", margin.Fee(I("60000000000"), 500).String())
	require.Equal(t, "1", margin.Fee(I("1"), 1).String())
	require.Equal(t, "0", margin.Fee(I("5"), 0).String())
}
