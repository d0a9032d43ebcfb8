package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// SetSubaccountForTest writes a subaccount through setSubaccount (and so through the sweep's re-filing).
func (k *Keeper) SetSubaccountForTest(ctx context.Context, owner sdk.AccAddress, sa types.Subaccount) error {
	return k.setSubaccount(ctx, owner, sa)
}

// UpdateMarketsForTest runs EndBlock's per-market step (premium sample, funding at interval ends, effective-IMF
// step) without the rest of EndBlock.
func (k *Keeper) UpdateMarketsForTest(ctx sdk.Context) error {
	var markets []types.Market
	if err := k.Markets.Walk(ctx, nil, func(_ uint32, m types.Market) (bool, error) {
		markets = append(markets, m)
		return false, nil
	}); err != nil {
		return err
	}
	for _, m := range markets {
		if err := k.updateMarket(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// CheckSweepStateForTest verifies the sweep's derived state is self-consistent: every index, recheck, set and
// queue key is recorded in its subaccount's filing and vice versa, and every filed subaccount exists.
func (k *Keeper) CheckSweepStateForTest(ctx context.Context) error {
	type keyed = string
	index := map[keyed]bool{}
	for i, set := range []collections.KeySet[SweepIndexKey]{k.SweepIndex, k.SweepRecovery} {
		if err := set.Walk(ctx, nil, func(key SweepIndexKey) (bool, error) {
			index[fmt.Sprintf("%x/%d/%d/%d/%d", key.K3(), key.K4(), i, key.K1(), key.K2())] = true
			return false, nil
		}); err != nil {
			return err
		}
	}
	rechecks := map[keyed]bool{}
	if err := k.SweepRecheck.Walk(ctx, nil, func(key SweepRecheckKey) (bool, error) {
		rechecks[fmt.Sprintf("%x/%d/%d", key.K2(), key.K3(), key.K1())] = true
		return false, nil
	}); err != nil {
		return err
	}
	queue := map[keyed]bool{}
	if err := k.DeferredQueue.Walk(ctx, nil, func(key DeferredQueueKey) (bool, error) {
		seq, err := k.Deferred.Get(ctx, collections.Join(key.K2(), key.K3()))
		if err != nil || seq != key.K1() {
			return true, fmt.Errorf("queue entry %d %x/%d without its deferred record", key.K1(), key.K2(), key.K3())
		}
		queue[fmt.Sprintf("%x/%d", key.K2(), key.K3())] = true
		return false, nil
	}); err != nil {
		return err
	}
	filings := 0
	err := k.SweepFilings.Walk(ctx, nil, func(key SubaccountKey, f SweepFiling) (bool, error) {
		filings++
		id := fmt.Sprintf("%x/%d", key.K1(), key.K2())
		if has, err := k.Subaccounts.Has(ctx, key); err != nil || !has {
			return true, fmt.Errorf("filing of missing subaccount %s", id)
		}
		set := 0
		if f.Liquidatable {
			set = 1
		}
		for _, e := range f.Entries {
			ik := fmt.Sprintf("%s/%d/%d/%d", id, set, e.MarketSide, e.Trigger)
			if !index[ik] {
				return true, fmt.Errorf("filed entry %s missing from the index", ik)
			}
			delete(index, ik)
		}
		if f.Recheck != 0 {
			rk := fmt.Sprintf("%s/%d", id, f.Recheck)
			if !rechecks[rk] {
				return true, fmt.Errorf("filed recheck %s missing", rk)
			}
			delete(rechecks, rk)
		}
		in, err := k.Liquidatable.Has(ctx, key)
		if err != nil || in != f.Liquidatable {
			return true, fmt.Errorf("liquidatable flag of %s is %t, set membership %t", id, f.Liquidatable, in)
		}
		if queue[id] != f.Deferred {
			return true, fmt.Errorf("deferred flag of %s is %t, queue membership %t", id, f.Deferred, queue[id])
		}
		delete(queue, id)
		if f.Deferred && !f.Liquidatable {
			return true, fmt.Errorf("%s deferred but not liquidatable", id)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if len(index) != 0 || len(rechecks) != 0 || len(queue) != 0 {
		return fmt.Errorf("%d index keys, %d rechecks and %d queue entries are not in any filing", len(index), len(rechecks), len(queue))
	}
	setSize := 0
	if err := k.Liquidatable.Walk(ctx, nil, func(SubaccountKey) (bool, error) { setSize++; return false, nil }); err != nil {
		return err
	}
	// Every liquidatable member has a filing with the flag (checked above), so the set cannot hold strays unless
	// its size exceeds the flagged filings.
	flagged := 0
	if err := k.SweepFilings.Walk(ctx, nil, func(_ SubaccountKey, f SweepFiling) (bool, error) {
		if f.Liquidatable {
			flagged++
		}
		return false, nil
	}); err != nil {
		return err
	}
	if setSize != flagged {
		return fmt.Errorf("liquidatable set has %d members, %d filings are flagged", setSize, flagged)
	}
	if n, _ := getCount(ctx, k.LiquidatableCount); int(n) != setSize {
		return fmt.Errorf("liquidatable count %d, set size %d", n, setSize)
	}
	queued := 0
	if err := k.DeferredQueue.Walk(ctx, nil, func(DeferredQueueKey) (bool, error) { queued++; return false, nil }); err != nil {
		return err
	}
	if n, _ := getCount(ctx, k.DeferredCount); int(n) != queued {
		return fmt.Errorf("deferred count %d, queue size %d", n, queued)
	}
	return nil
}
