package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// GetMarket returns a market or ErrMarketNotFound.
func (k *Keeper) GetMarket(ctx context.Context, id uint32) (types.Market, error) {
	m, err := k.Markets.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return m, errorsmod.Wrapf(types.ErrMarketNotFound, "%d", id)
	}
	return m, err
}

// getMarketState returns a market's state, initialised when missing.
func (k *Keeper) getMarketState(ctx context.Context, m types.Market) (types.MarketState, error) {
	st, err := k.MarketStates.Get(ctx, m.Id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.MarketState{MarketId: m.Id, ImfEffectivePpm: m.InitialMarginPpm, FundingIndex: math.ZeroInt()}, nil
	}
	if err == nil && st.FundingIndex.IsNil() {
		st.FundingIndex = math.ZeroInt()
	}
	return st, err
}

// validateMarket checks a definition against its oracle pair.
func (k *Keeper) validateMarket(ctx context.Context, m types.Market) error {
	decimals, err := k.oracle.PairDecimals(ctx, m.PairId)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidMarket, "oracle pair %d: %s", m.PairId, err.Error())
	}
	return m.Validate(decimals)
}

// CreateMarket lists a market with a fresh id and an initial state.
func (k *Keeper) CreateMarket(ctx context.Context, m types.Market) (uint32, error) {
	if err := k.validateMarket(ctx, m); err != nil {
		return 0, err
	}
	var dup bool
	if err := k.Markets.Walk(ctx, nil, func(_ uint32, other types.Market) (bool, error) {
		dup = other.Ticker == m.Ticker
		return dup, nil
	}); err != nil {
		return 0, err
	}
	if dup {
		return 0, errorsmod.Wrapf(types.ErrInvalidMarket, "ticker %s already listed", m.Ticker)
	}
	id, err := k.NextMarketID.Next(ctx)
	if err != nil {
		return 0, err
	}
	m.Id = uint32(id)
	if err := k.Markets.Set(ctx, m.Id, m); err != nil {
		return 0, err
	}
	st, err := k.getMarketState(ctx, m)
	if err != nil {
		return 0, err
	}
	return m.Id, k.MarketStates.Set(ctx, m.Id, st)
}

// UpdateMarket replaces a market definition; the oracle pair and size scale are fixed for life.
func (k *Keeper) UpdateMarket(ctx context.Context, m types.Market) error {
	old, err := k.GetMarket(ctx, m.Id)
	if err != nil {
		return err
	}
	if old.PairId != m.PairId || old.SizeDecimals != m.SizeDecimals || old.Ticker != m.Ticker {
		return errorsmod.Wrap(types.ErrInvalidMarket, "ticker, pair_id and size_decimals cannot change")
	}
	if old.Status == types.MARKET_STATUS_SETTLED && m.Status != types.MARKET_STATUS_SETTLED {
		return errorsmod.Wrap(types.ErrInvalidMarket, "a settled market cannot reopen")
	}
	if err := k.validateMarket(ctx, m); err != nil {
		return err
	}
	return k.Markets.Set(ctx, m.Id, m)
}

// EffectiveStatus is the governance status tightened by the oracle guard: an active market on a stale or halted
// pair (or one never priced) is reduce-only.
func (k *Keeper) EffectiveStatus(ctx context.Context, m types.Market) types.MarketStatus {
	if m.Status != types.MARKET_STATUS_ACTIVE {
		return m.Status
	}
	stale, err := k.oracle.IsStale(ctx, m.PairId)
	if err != nil || stale {
		return types.MARKET_STATUS_REDUCE_ONLY
	}
	halted, err := k.oracle.IsHalted(ctx, m.PairId)
	if err != nil || halted {
		return types.MARKET_STATUS_REDUCE_ONLY
	}
	return types.MARKET_STATUS_ACTIVE
}

// PairInUse reports whether any market is priced by the oracle pair (x/oracle refuses to change such a pair's
// decimals). It walks the markets, which governance lists one by one.
func (k *Keeper) PairInUse(ctx context.Context, pairID uint32) (bool, error) {
	used := false
	err := k.Markets.Walk(ctx, nil, func(_ uint32, m types.Market) (bool, error) {
		used = m.PairId == pairID
		return used, nil
	})
	return used, err
}
