package keeper

import (
	"context"
	"strconv"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// CheckLiquidationQueue verifies the liquidation bookkeeping: every liquidatable subaccount is either queued
// (Deferred) or fresh, never both; every queued or fresh one is liquidatable; the queue's two indexes agree; the
// counters match the sets. It walks the three sets: invariant checks and tests only.
func (k *Keeper) CheckLiquidationQueue(ctx context.Context) (string, bool) {
	var liquidatable, fresh, deferred, queue uint64
	fail := func(msg string) (string, bool) { return msg, true }
	var broken string
	if err := k.Liquidatable.Walk(ctx, nil, func(key SubaccountKey) (bool, error) {
		liquidatable++
		isFresh, err := k.LiquidatableFresh.Has(ctx, key)
		if err != nil {
			return true, err
		}
		isDeferred, err := k.Deferred.Has(ctx, key)
		if err != nil {
			return true, err
		}
		if isFresh == isDeferred {
			broken = "liquidatable " + key.K1().String() + "/" + strconv.FormatUint(uint64(key.K2()), 10) + ": fresh=" +
				strconv.FormatBool(isFresh) + " deferred=" + strconv.FormatBool(isDeferred) + " (exactly one expected)"
			return true, nil
		}
		return false, nil
	}); err != nil {
		return fail("cannot walk the liquidatable set: " + err.Error())
	}
	if broken != "" {
		return fail(broken)
	}
	if err := k.LiquidatableFresh.Walk(ctx, nil, func(key SubaccountKey) (bool, error) {
		fresh++
		return false, nil
	}); err != nil {
		return fail("cannot walk the fresh set: " + err.Error())
	}
	if err := k.Deferred.Walk(ctx, nil, func(key SubaccountKey, seq uint64) (bool, error) {
		deferred++
		ok, err := k.Liquidatable.Has(ctx, key)
		if err == nil && !ok {
			broken = "deferred " + key.K1().String() + "/" + strconv.FormatUint(uint64(key.K2()), 10) + " is not liquidatable"
			return true, nil
		}
		return false, err
	}); err != nil {
		return fail("cannot walk the deferred map: " + err.Error())
	}
	if broken != "" {
		return fail(broken)
	}
	if err := k.DeferredQueue.Walk(ctx, nil, func(key DeferredQueueKey) (bool, error) {
		queue++
		return false, nil
	}); err != nil {
		return fail("cannot walk the deferred queue: " + err.Error())
	}
	count := func(n uint32, err error) uint64 {
		if err != nil {
			return ^uint64(0)
		}
		return uint64(n)
	}
	liquidatableCount, deferredCount := count(getCount(ctx, k.LiquidatableCount)), count(getCount(ctx, k.DeferredCount))
	summary := "liquidatable " + strconv.FormatUint(liquidatable, 10) + " = fresh " + strconv.FormatUint(fresh, 10) +
		" + deferred " + strconv.FormatUint(deferred, 10) + "; queue " + strconv.FormatUint(queue, 10) +
		"; counters " + strconv.FormatUint(liquidatableCount, 10) + "/" + strconv.FormatUint(deferredCount, 10)
	if liquidatable != fresh+deferred || deferred != queue || liquidatableCount != liquidatable || deferredCount != deferred {
		return summary, true
	}
	return summary, false
}

// LiquidationQueueInvariant adapts CheckLiquidationQueue to the SDK's invariant signature.
func LiquidationQueueInvariant(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg, broken := k.CheckLiquidationQueue(ctx)
		return sdk.FormatInvariant(types.ModuleName, "liquidation-queue", msg), broken
	}
}
