package types

import (
	"strings"

	errorsmod "cosmossdk.io/errors"
)

// Name returns "BASE/QUOTE".
func (p CurrencyPair) Name() string { return PairName(p.Base, p.Quote) }

// PairName joins a base and quote as "BASE/QUOTE".
func PairName(base, quote string) string { return base + "/" + quote }

// validSymbol accepts 1..12 upper-case letters and digits.
func validSymbol(s string) bool {
	if len(s) == 0 || len(s) > 12 {
		return false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Validate checks a pair definition against the history length it will be stored with.
func (p CurrencyPair) Validate(historyBlocks uint32) error {
	switch {
	case !validSymbol(p.Base) || !validSymbol(p.Quote) || strings.EqualFold(p.Base, p.Quote):
		return errorsmod.Wrapf(ErrInvalidPair, "base and quote must be distinct upper-case symbols, got %q/%q", p.Base, p.Quote)
	case p.Decimals > MaxDecimals:
		return errorsmod.Wrapf(ErrInvalidPair, "decimals must be at most %d", MaxDecimals)
	case p.MinSources == 0:
		return errorsmod.Wrap(ErrInvalidPair, "min_sources must be at least 1")
	case p.MaxStalenessBlocks == 0:
		return errorsmod.Wrap(ErrInvalidPair, "max_staleness_blocks must be positive")
	case p.BandPpm == 0 || p.BandPpm >= PPM:
		return errorsmod.Wrap(ErrInvalidPair, "band_ppm must be in 1..999999")
	case p.ReferenceWindowBlocks == 0 || p.ReferenceWindowBlocks > historyBlocks:
		return errorsmod.Wrapf(ErrInvalidPair, "reference_window_blocks must be in 1..history_blocks (%d)", historyBlocks)
	case p.CooldownBlocks == 0:
		return errorsmod.Wrap(ErrInvalidPair, "cooldown_blocks must be positive")
	case p.EwmaLambdaPpm == 0 || p.EwmaLambdaPpm >= PPM:
		return errorsmod.Wrap(ErrInvalidPair, "ewma_lambda_ppm must be in 1..999999")
	case p.VolSampleBlocks > MaxVolSampleBlocks:
		return errorsmod.Wrapf(ErrInvalidPair, "vol_sample_blocks must be at most %d", MaxVolSampleBlocks)
	}
	return nil
}

const (
	// DefaultVolSampleBlocks is one volatility sample per ≈ 1 hour at the default 0.7 s block time (⌈3600/0.7⌉);
	// with ewma_lambda_ppm 940,000 the variance's half-life is ln 0.5 / ln 0.94 ≈ 11.2 samples ≈ 11 hours.
	DefaultVolSampleBlocks uint64 = 5_143
	// MaxVolSampleBlocks bounds vol_sample_blocks (≈ 8 days at 0.7 s blocks).
	MaxVolSampleBlocks uint64 = 1_000_000
)

// DefaultPair returns a pair with Clearchain's default guard parameters (sub-second blocks assumed).
func DefaultPair(base, quote string, decimals uint32) CurrencyPair {
	return CurrencyPair{
		Base: base, Quote: quote, Decimals: decimals,
		MinSources:            1,
		MaxStalenessBlocks:    10,
		BandPpm:               25_000, // 2.5% against the moving median
		ReferenceWindowBlocks: 120,
		CooldownBlocks:        60,
		EwmaLambdaPpm:         940_000, // per volatility sample
		VolSampleBlocks:       DefaultVolSampleBlocks,
		Enabled:               true,
	}
}

// DefaultPairs are listed in a default genesis: BTC/USD, ETH/USD, SOL/USD and USDC/USD.
func DefaultPairs() []CurrencyPair {
	pairs := []CurrencyPair{
		DefaultPair("BTC", "USD", 6),
		DefaultPair("ETH", "USD", 6),
		DefaultPair("SOL", "USD", 6),
		DefaultPair("USDC", "USD", 8),
	}
	for i := range pairs {
		pairs[i].Id = uint32(i + 1)
	}
	pairs[3].BandPpm = 10_000 // a stablecoin moving 1% is already an event
	return pairs
}
