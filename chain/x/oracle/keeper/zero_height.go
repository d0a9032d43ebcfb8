package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
)

// PrepForZeroHeight rebases height-dependent oracle state before a zero-height export (heights restart at 1):
// every price is dated max_staleness_blocks + 1 before the new first block, so it reads as stale until the new
// chain's validators report (markets stay reduce-only until then, and no withdrawal uses an old price); band
// cooldowns end (governance halts stay); the price history, whose ring slots are keyed by height, is cleared.
func (k *Keeper) PrepForZeroHeight(ctx context.Context) error {
	pairs, err := k.AllPairs(ctx)
	if err != nil {
		return err
	}
	for _, p := range pairs {
		ps, err := k.Prices.Get(ctx, p.Id)
		if errors.Is(err, collections.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		ps.Height = -int64(p.MaxStalenessBlocks) - 1
		ps.HaltedUntilHeight = 0
		if err := k.Prices.Set(ctx, p.Id, ps); err != nil {
			return err
		}
	}
	return k.History.Clear(ctx, nil)
}
