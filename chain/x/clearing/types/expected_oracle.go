package types

import (
	"context"

	"cosmossdk.io/math"
)

// OracleKeeper is what the clearing module reads from x/oracle.
type OracleKeeper interface {
	// GetPrice returns the latest price (even if stale) and its decimals; it fails if never priced.
	GetPrice(ctx context.Context, pairID uint32) (uint64, uint32, error)
	// IsStale reports whether the price is older than the pair's staleness limit.
	IsStale(ctx context.Context, pairID uint32) (bool, error)
	// IsHalted reports whether the pair's circuit breaker or governance holds it.
	IsHalted(ctx context.Context, pairID uint32) (bool, error)
	// Volatility returns the EWMA per-update volatility.
	Volatility(ctx context.Context, pairID uint32) (math.LegacyDec, error)
	// ReferencePrice returns the band breaker's reference price (median of the recent window before this block; 0 when
	// there is none).
	ReferencePrice(ctx context.Context, pairID uint32) (uint64, error)
	// PairDecimals returns the price scale of a pair.
	PairDecimals(ctx context.Context, pairID uint32) (uint32, error)
}
