package keeper

import (
	"encoding/hex"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// CancelOrders records cancellations of the owner's orders by hash; a fill of a cancelled order is refused with
// ErrOrderCancelled. Cancellations are keyed by the owner, so one sent by anyone else names another key and never
// affects the order. Each lasts until goodTilBlock: when 0, the order's own good_til_block if the chain has seen it
// fill, else the order height + max_order_lifetime_blocks (every order fillable now expires by then). An explicit
// goodTilBlock may reach at most twice the lifetime ahead, so every record is prunable. Returns how many distinct
// hashes were cancelled.
func (k *Keeper) CancelOrders(ctx sdk.Context, owner sdk.AccAddress, number uint32, hashes [][]byte, goodTilBlock int64) (uint32, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	height := orderHeight(ctx, params)
	lifetime := int64(params.OrderLifetimeBlocks())
	if goodTilBlock != 0 && (goodTilBlock < height || goodTilBlock > height+2*lifetime) {
		return 0, errorsmod.Wrapf(types.ErrInvalidCancel, "good_til_block %d must lie in %d..%d", goodTilBlock, height, height+2*lifetime)
	}
	event := &types.EventOrdersCancelled{Owner: owner.String(), SubaccountNumber: number, OrderHashes: []string{}}
	var cancelled uint32
	for _, h := range hashes {
		expiry := goodTilBlock
		if expiry == 0 {
			if expiry, err = k.defaultCancelExpiry(ctx, h, height+lifetime); err != nil {
				return 0, err
			}
		}
		added, err := k.putCancellation(ctx, types.OrderCancellation{Owner: owner.String(), OrderHash: h, SubaccountNumber: number, GoodTilBlock: expiry}, owner)
		if err != nil {
			return 0, err
		}
		if added {
			cancelled++
			event.OrderHashes = append(event.OrderHashes, hex.EncodeToString(h))
		}
		if expiry > event.GoodTilBlock {
			event.GoodTilBlock = expiry
		}
	}
	return cancelled, ctx.EventManager().EmitTypedEvent(event)
}

// defaultCancelExpiry is the order's own good_til_block when a fill record holds it, else fallback.
func (k *Keeper) defaultCancelExpiry(ctx sdk.Context, hash []byte, fallback int64) (int64, error) {
	st, found, err := k.lookupOrderFill(ctx, hash)
	if err != nil {
		return 0, err
	}
	if !found {
		return fallback, nil
	}
	return st.GoodTilBlock, nil
}

// putCancellation stores a cancellation, keeping the later expiry when one exists; added is false for a hash the
// owner had already cancelled.
func (k *Keeper) putCancellation(ctx sdk.Context, c types.OrderCancellation, owner sdk.AccAddress) (added bool, err error) {
	key := collections.Join(owner, c.OrderHash)
	old, err := k.Cancellations.Get(ctx, key)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		added = true
	case err != nil:
		return false, err
	case old.GoodTilBlock >= c.GoodTilBlock:
		return false, nil
	default:
		if err := k.CancelExpiry.Remove(ctx, collections.Join3(old.GoodTilBlock, owner, c.OrderHash)); err != nil {
			return false, err
		}
	}
	if err := k.Cancellations.Set(ctx, key, c); err != nil {
		return false, err
	}
	return added, k.CancelExpiry.Set(ctx, collections.Join3(c.GoodTilBlock, owner, c.OrderHash))
}

// pruneCancellations deletes cancellations that expired before the order height, at most limit per block.
func (k *Keeper) pruneCancellations(ctx sdk.Context, height int64, limit uint32) error {
	rng := new(collections.Range[CancelExpiryKey]).EndExclusive(collections.Join3(height, sdk.AccAddress{}, []byte{}))
	iter, err := k.CancelExpiry.Iterate(ctx, rng)
	if err != nil {
		return err
	}
	var keys []CancelExpiryKey
	for ; iter.Valid() && uint32(len(keys)) < limit; iter.Next() {
		key, err := iter.Key()
		if err != nil {
			iter.Close()
			return err
		}
		keys = append(keys, key)
	}
	iter.Close()
	for _, key := range keys {
		if err := k.CancelExpiry.Remove(ctx, key); err != nil {
			return err
		}
		if err := k.Cancellations.Remove(ctx, collections.Join(key.K2(), key.K3())); err != nil {
			return err
		}
	}
	return nil
}
