package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// isStale reports whether a state is unset or older than the pair's max_staleness_blocks at height.
func isStale(pair types.CurrencyPair, ps types.PriceState, height int64) bool {
	return ps.PriceQuantums == 0 || height-ps.Height > int64(pair.MaxStalenessBlocks)
}

// isHalted reports whether governance or the band breaker holds the pair at height.
func isHalted(ps types.PriceState, height int64) bool {
	return ps.HaltedByGovernance || height < ps.HaltedUntilHeight
}

// IsStale reports whether the pair's price is unset or older than max_staleness_blocks at the current height.
// Markets on a stale pair refuse risk-increasing trades.
func (k *Keeper) IsStale(ctx context.Context, pairID uint32) (bool, error) {
	pair, err := k.Pairs.Get(ctx, pairID)
	if err != nil {
		return true, errorsmod.Wrapf(types.ErrPairNotFound, "%d", pairID)
	}
	ps, err := k.getPriceState(ctx, pairID)
	if err != nil {
		return true, err
	}
	return isStale(pair, ps, sdk.UnwrapSDKContext(ctx).BlockHeight()), nil
}

// IsHalted reports whether the pair is halted by its circuit breaker or by governance. Dependent markets go
// reduce-only while it is; liquidations are never blocked by a halt.
func (k *Keeper) IsHalted(ctx context.Context, pairID uint32) (bool, error) {
	ps, err := k.getPriceState(ctx, pairID)
	if err != nil {
		return true, err
	}
	return isHalted(ps, sdk.UnwrapSDKContext(ctx).BlockHeight()), nil
}

// GetPrice returns the pair's latest price in fixed point with its decimals, whether stale or not; it fails only
// when the pair was never priced.
func (k *Keeper) GetPrice(ctx context.Context, pairID uint32) (quantums uint64, decimals uint32, err error) {
	pair, err := k.Pairs.Get(ctx, pairID)
	if err != nil {
		return 0, 0, errorsmod.Wrapf(types.ErrPairNotFound, "%d", pairID)
	}
	ps, err := k.getPriceState(ctx, pairID)
	if err != nil {
		return 0, 0, err
	}
	if ps.PriceQuantums == 0 {
		return 0, 0, errorsmod.Wrapf(types.ErrPriceUnavailable, "%s has never been priced", pair.Name())
	}
	return ps.PriceQuantums, pair.Decimals, nil
}

// Volatility returns the pair's EWMA realised volatility per update (0 when unknown).
func (k *Keeper) Volatility(ctx context.Context, pairID uint32) (math.LegacyDec, error) {
	ps, err := k.getPriceState(ctx, pairID)
	if err != nil {
		return math.LegacyZeroDec(), err
	}
	return types.Volatility(ps.Variance), nil
}

// ReferencePrice returns the band breaker's reference for the pair at the current height: the median of its stored
// prices of the last reference_window_blocks blocks before this one (0 when there are none). The clearing sweep
// uses it while the pair is halted: an account is liquidated then only if it is liquidatable at both prices.
func (k *Keeper) ReferencePrice(ctx context.Context, pairID uint32) (uint64, error) {
	pair, err := k.Pairs.Get(ctx, pairID)
	if err != nil {
		return 0, errorsmod.Wrapf(types.ErrPairNotFound, "%d", pairID)
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	return k.referencePrice(ctx, params, pair, sdk.UnwrapSDKContext(ctx).BlockHeight())
}

// PairDecimals returns the fixed-point scale of a pair's prices.
func (k *Keeper) PairDecimals(ctx context.Context, pairID uint32) (uint32, error) {
	pair, err := k.Pairs.Get(ctx, pairID)
	if err != nil {
		return 0, errorsmod.Wrapf(types.ErrPairNotFound, "%d", pairID)
	}
	return pair.Decimals, nil
}
