package types

import (
	"math/big"
	"regexp"

	errorsmod "cosmossdk.io/errors"
)

const (
	// DefaultFillPriceBandPpm is the fill price band of a market that sets none: 5% around the oracle price.
	DefaultFillPriceBandPpm uint64 = 50_000
	// MaxFillPriceBandPpm is the widest band governance may set: 10%.
	MaxFillPriceBandPpm uint64 = 100_000
)

// FillBandPpm returns the market's fill price band, or the default when unset.
func (m Market) FillBandPpm() uint64 {
	if m.FillPriceBandPpm == 0 {
		return DefaultFillPriceBandPpm
	}
	return m.FillPriceBandPpm
}

// tickerRe matches tickers such as BTC-USD.
var tickerRe = regexp.MustCompile(`^[A-Z0-9]{1,12}-[A-Z0-9]{1,12}$`)

// Validate checks a market definition. priceDecimals is the oracle pair's scale. The tick × step notional must
// be a whole number of collateral base units so that every fill's cash flows are exact and zero-sum.
func (m Market) Validate(priceDecimals uint32) error {
	switch {
	case !tickerRe.MatchString(m.Ticker):
		return errorsmod.Wrapf(ErrInvalidMarket, "ticker %q", m.Ticker)
	case m.PairId == 0:
		return errorsmod.Wrap(ErrInvalidMarket, "pair_id must be set")
	case m.SizeDecimals > 18:
		return errorsmod.Wrap(ErrInvalidMarket, "size_decimals must be at most 18")
	case m.TickSize == 0 || m.StepSize == 0:
		return errorsmod.Wrap(ErrInvalidMarket, "tick_size and step_size must be positive")
	case m.InitialMarginPpm == 0 || m.InitialMarginPpm > 1_000_000:
		return errorsmod.Wrap(ErrInvalidMarket, "initial_margin_ppm must be in 1..1000000")
	case m.MaintenanceFractionPpm == 0 || m.MaintenanceFractionPpm >= 1_000_000:
		return errorsmod.Wrap(ErrInvalidMarket, "maintenance_fraction_ppm must be in 1..999999")
	case m.MaxImfPpm < m.InitialMarginPpm || m.MaxImfPpm > 1_000_000:
		return errorsmod.Wrap(ErrInvalidMarket, "max_imf_ppm must be in initial_margin_ppm..1000000")
	case m.OiUpper != 0 && m.OiUpper <= m.OiLower:
		return errorsmod.Wrap(ErrInvalidMarket, "oi_upper must exceed oi_lower (or be 0 for no OI scaling)")
	case m.ImfStepLimitPpm == 0:
		return errorsmod.Wrap(ErrInvalidMarket, "imf_step_limit_ppm must be positive")
	case m.MakerFeePpm > 100_000 || m.TakerFeePpm > 100_000:
		return errorsmod.Wrap(ErrInvalidMarket, "fees must be at most 10%")
	case m.FundingIntervalBlocks == 0:
		return errorsmod.Wrap(ErrInvalidMarket, "funding_interval_blocks must be positive")
	case m.MaxFundingRatePpm > 1_000_000:
		return errorsmod.Wrap(ErrInvalidMarket, "max_funding_rate_ppm must be at most 1000000")
	case m.FillPriceBandPpm > MaxFillPriceBandPpm:
		return errorsmod.Wrapf(ErrInvalidMarket, "fill_price_band_ppm must be at most %d (0 = default)", MaxFillPriceBandPpm)
	case m.Status == MARKET_STATUS_UNSPECIFIED || MarketStatus_name[int32(m.Status)] == "":
		return errorsmod.Wrap(ErrInvalidMarket, "status must be set")
	}
	// step × tick × 10^6 must be divisible by 10^(size_decimals + price_decimals).
	num := new(big.Int).Mul(new(big.Int).SetUint64(m.StepSize), new(big.Int).SetUint64(m.TickSize))
	num.Mul(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(6), nil))
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(m.SizeDecimals+priceDecimals)), nil)
	if new(big.Int).Rem(num, den).Sign() != 0 {
		return errorsmod.Wrap(ErrInvalidMarket, "step_size × tick_size must be a whole number of collateral base units")
	}
	return nil
}

// DefaultMarket returns a market with Clearchain's default risk parameters.
func DefaultMarket(ticker string, pairID, sizeDecimals uint32, tick, step uint64, imfPpm uint64) Market {
	return Market{
		Ticker: ticker, PairId: pairID, SizeDecimals: sizeDecimals, TickSize: tick, StepSize: step,
		InitialMarginPpm: imfPpm, MaintenanceFractionPpm: 600_000,
		OiLower: 0, OiUpper: 0, VolatilityMultiplierPpm: 0, MaxImfPpm: 1_000_000, ImfStepLimitPpm: 5_000,
		MakerFeePpm: 200, TakerFeePpm: 500, FundingIntervalBlocks: 3_600, MaxFundingRatePpm: 10_000, InterestRatePpm: 0,
		Status: MARKET_STATUS_ACTIVE, FillPriceBandPpm: DefaultFillPriceBandPpm,
	}
}

// DefaultMarkets are BTC-USD, ETH-USD and SOL-USD on the default oracle pairs 1..3 (6 price decimals), with margins
// calibrated on 2017–2026 history including the 2020-03-12, 2021-05-19, 2022-11 (FTX) and 2025-10-10 crashes (see
// "Margin model and calibration" in the clearing README and test/data): maintenance margin (base IMF × 75%) covers
// ≥ 99.5% of 1-minute adverse moves in the crash windows, initial margin ≥ 99.5% of 1-hour moves over the whole
// history. The volatility add-on is 1× the oracle's hourly volatility, capped (VolAddOnCap) so that MM never
// exceeds the base IM; the effective IMF rises at most 134 ppm of itself per block (< 2x per hour).
func DefaultMarkets() []Market {
	btc := DefaultMarket("BTC-USD", 1, 8, 1_000_000, 10_000, 60_000)   // $1 tick, 0.0001 BTC step, 6% (16.7x), MM 4.5%
	btc.OiLower, btc.OiUpper = 100_000_000_000, 500_000_000_000        // 1,000 → 5,000 BTC
	eth := DefaultMarket("ETH-USD", 2, 8, 100_000, 100_000, 75_000)    // $0.1 tick, 0.001 ETH step, 7.5% (13.3x), MM 5.625%
	eth.OiLower, eth.OiUpper = 1_000_000_000_000, 5_000_000_000_000    // 10,000 → 50,000 ETH
	sol := DefaultMarket("SOL-USD", 3, 8, 10_000, 10_000_000, 125_000) // $0.01 tick, 0.1 SOL step, 12.5% (8x), MM 9.375%
	sol.OiLower, sol.OiUpper = 10_000_000_000_000, 50_000_000_000_000
	markets := []Market{btc, eth, sol}
	for i := range markets {
		markets[i].Id = uint32(i + 1)
		markets[i].MaintenanceFractionPpm = 750_000
		markets[i].VolatilityMultiplierPpm = 1_000_000 // IMF add-on = 1 × hourly volatility (capped)
		markets[i].ImfStepLimitPpm = 134               // ≤ (1 + 134e-6)^5143 = 1.99x per hour (also the hard clamp)
	}
	return markets
}
