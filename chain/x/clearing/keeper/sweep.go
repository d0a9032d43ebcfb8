package keeper

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// SweepIndexKey is a sweep-index key: (market_id×2 + side, trigger, owner, number).
type SweepIndexKey = collections.Quad[uint64, uint64, sdk.AccAddress, uint32]

// SweepRecheckKey is a recheck key: (height, owner, number).
type SweepRecheckKey = collections.Triple[int64, sdk.AccAddress, uint32]

// DeferredQueueKey is a deferred-queue key: (sequence, owner, number).
type DeferredQueueKey = collections.Triple[uint64, sdk.AccAddress, uint32]

// sweepVerdict is the outcome of one evaluation.
type sweepVerdict uint8

const (
	// verdictFlat: no positions, never liquidatable, nothing filed.
	verdictFlat sweepVerdict = iota
	// verdictHealthy: equity ≥ MM with provable headroom; one band per position.
	verdictHealthy
	// verdictMarginal: equity ≥ MM but within the rounding slack; re-evaluated next block.
	verdictMarginal
	// verdictProtected: below MM at the current price but not at the reference price of a halted pair;
	// re-evaluated every block until the halt ends (then the current price rules).
	verdictProtected
	// verdictLiquidatable: below MM (at both prices while halted); in the Liquidatable set, filed under its
	// recovery bands (or re-evaluated next block while a pair it trades is halted or it has no deficit room).
	verdictLiquidatable
	// verdictUnpriced: a market or price the account needs is missing (only while genesis loads); re-evaluated
	// next block.
	verdictUnpriced
)

// evaluation is one subaccount's evaluation.
type evaluation struct {
	verdict sweepVerdict
	bands   margin.Bands
	// markets are the account's markets at the evaluated state (lookups only).
	markets map[uint32]margin.Market
	// halted is set when a pair the account trades is halted (its verdict depends on the reference price).
	halted bool
}

// sweepEnv caches market views for one evaluation pass. Prices, market states and halts do not change while it
// lives (one sweep in PreBlock, one full scan, or one re-filing); the maps are only looked up, never iterated.
type sweepEnv struct {
	markets map[uint32]margin.Market
	pairs   map[uint32]uint32
	halted  map[uint32]bool
	refs    map[uint32]uint64
}

func newSweepEnv() *sweepEnv {
	return &sweepEnv{markets: map[uint32]margin.Market{}, pairs: map[uint32]uint32{}, halted: map[uint32]bool{}, refs: map[uint32]uint64{}}
}

// envMarket returns the engine's view of a market (cached).
func (k *Keeper) envMarket(ctx context.Context, env *sweepEnv, id uint32) (margin.Market, error) {
	if m, ok := env.markets[id]; ok {
		return m, nil
	}
	m, err := k.GetMarket(ctx, id)
	if err != nil {
		return margin.Market{}, err
	}
	mm, err := k.marginMarket(ctx, m)
	if err != nil {
		return margin.Market{}, err
	}
	env.markets[id], env.pairs[id] = mm, m.PairId
	return mm, nil
}

// envInputs returns the engine's account and the markets it needs.
func (k *Keeper) envInputs(ctx context.Context, env *sweepEnv, sa types.Subaccount) (margin.Account, map[uint32]margin.Market, error) {
	acct := accountOf(sa)
	markets := make(map[uint32]margin.Market, len(sa.Positions))
	for _, p := range sa.Positions {
		m, err := k.envMarket(ctx, env, p.MarketId)
		if err != nil {
			return acct, nil, err
		}
		markets[p.MarketId] = m
	}
	return acct, markets, nil
}

// pairHalted reports (cached) whether an oracle pair is halted.
func (k *Keeper) pairHalted(ctx context.Context, env *sweepEnv, pair uint32) (bool, error) {
	if h, ok := env.halted[pair]; ok {
		return h, nil
	}
	h, err := k.oracle.IsHalted(ctx, pair)
	if err != nil {
		return false, err
	}
	env.halted[pair] = h
	return h, nil
}

// referenceMarkets returns markets with every halted pair priced at its reference price (when it has one),
// whether any price changed and whether any pair is halted.
func (k *Keeper) referenceMarkets(ctx context.Context, env *sweepEnv, acct margin.Account, markets map[uint32]margin.Market) (map[uint32]margin.Market, bool, bool, error) {
	out := make(map[uint32]margin.Market, len(markets))
	changed, anyHalted := false, false
	for _, p := range acct.Positions {
		m := markets[p.MarketID]
		pair := env.pairs[p.MarketID]
		halted, err := k.pairHalted(ctx, env, pair)
		if err != nil {
			return nil, false, false, err
		}
		if halted {
			anyHalted = true
			ref, ok := env.refs[pair]
			if !ok {
				r, err := k.oracle.ReferencePrice(ctx, pair)
				if err != nil {
					return nil, false, false, err
				}
				ref, env.refs[pair] = r, r
			}
			if ref != 0 && ref != m.OraclePrice {
				m.OraclePrice = ref
				changed = true
			}
		}
		out[p.MarketID] = m
	}
	return out, changed, anyHalted, nil
}

// evaluate computes a subaccount's sweep verdict: liquidatable ⇔ it has positions and equity < MM at the current
// prices and, for every halted pair it trades, also at that pair's reference price.
func (k *Keeper) evaluate(ctx context.Context, env *sweepEnv, sa types.Subaccount) (evaluation, error) {
	if len(sa.Positions) == 0 {
		return evaluation{verdict: verdictFlat}, nil
	}
	acct, markets, err := k.envInputs(ctx, env, sa)
	if err != nil {
		if errors.Is(err, types.ErrMarketNotFound) || errors.Is(err, types.ErrPriceUnavailable) {
			return evaluation{verdict: verdictUnpriced}, nil
		}
		return evaluation{}, err
	}
	b := margin.ComputeBands(acct, markets)
	switch {
	case b.HasBands():
		return evaluation{verdict: verdictHealthy, bands: b, markets: markets}, nil
	case !b.Liquidatable:
		return evaluation{verdict: verdictMarginal, bands: b}, nil
	}
	ref, changed, halted, err := k.referenceMarkets(ctx, env, acct, markets)
	if err != nil {
		return evaluation{}, err
	}
	if changed {
		if r := margin.ComputeRequirements(acct, ref); r.Equity.GTE(r.MaintenanceMargin) {
			return evaluation{verdict: verdictProtected, bands: b}, nil
		}
	}
	return evaluation{verdict: verdictLiquidatable, bands: b, halted: halted}, nil
}

// marketSide is the index's first key part: market_id×2 for longs, +1 for shorts.
func marketSide(id uint32, short bool) uint64 {
	s := uint64(id) * 2
	if short {
		s++
	}
	return s
}

// getFiling returns a subaccount's filing (zero when none).
func (k *Keeper) getFiling(ctx context.Context, key SubaccountKey) (SweepFiling, bool, error) {
	f, err := k.SweepFilings.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return SweepFiling{}, false, nil
	}
	return f, err == nil, err
}

// file stores an evaluation's sweep state for a subaccount, writing only what changed: index entries (healthy),
// a recheck at height+1 (marginal, protected, unpriced), membership of the Liquidatable set, and removal from the
// deferred queue once it is no longer liquidatable. O(positions) store operations.
func (k *Keeper) file(ctx context.Context, key SubaccountKey, height int64, ev evaluation) error {
	old, found, err := k.getFiling(ctx, key)
	if err != nil {
		return err
	}
	return k.fileOver(ctx, key, height, ev, old, found)
}

// fileOver is file with the subaccount's current filing already read.
func (k *Keeper) fileOver(ctx context.Context, key SubaccountKey, height int64, ev evaluation, old SweepFiling, found bool) error {
	next := SweepFiling{Deferred: old.Deferred}
	switch ev.verdict {
	case verdictHealthy:
		next.Entries = make([]SweepEntry, len(ev.bands.Positions))
		for i, b := range ev.bands.Positions {
			next.Entries[i] = SweepEntry{MarketSide: marketSide(b.MarketID, b.Short), Trigger: b.Trigger}
		}
		if !old.Liquidatable && stillValid(old.Entries, ev.bands.Positions, ev.markets) {
			next.Entries = old.Entries // no index writes (a deposit, a reduced position, settled funding)
		}
	case verdictMarginal, verdictProtected, verdictUnpriced:
		next.Recheck = height + 1
	case verdictLiquidatable:
		next.Liquidatable = true
		if ev.halted || ev.bands.Recovery == nil {
			next.Recheck = height + 1 // the reference price moves every block of a halt; no room: next block
			break
		}
		next.Entries = make([]SweepEntry, len(ev.bands.Recovery))
		for i, b := range ev.bands.Recovery {
			next.Entries[i] = SweepEntry{MarketSide: marketSide(b.MarketID, b.Short), Trigger: b.Trigger}
		}
	}
	if !next.Liquidatable {
		next.Deferred = false
	}
	return k.writeFiling(ctx, key, old, found, next)
}

// writeFiling moves the store from filing old to next. Entries live in SweepIndex for a healthy filing and in
// SweepRecovery for a liquidatable one; the set and queue counters follow membership.
func (k *Keeper) writeFiling(ctx context.Context, key SubaccountKey, old SweepFiling, found bool, next SweepFiling) error {
	owner, number := key.K1(), key.K2()
	changed := false
	oldSet, nextSet := k.SweepIndex, k.SweepIndex
	if old.Liquidatable {
		oldSet = k.SweepRecovery
	}
	if next.Liquidatable {
		nextSet = k.SweepRecovery
	}
	sameSet := old.Liquidatable == next.Liquidatable
	for _, e := range old.Entries {
		if !sameSet || !hasEntry(next.Entries, e) {
			if err := oldSet.Remove(ctx, collections.Join4(e.MarketSide, e.Trigger, owner, number)); err != nil {
				return err
			}
			changed = true
		}
	}
	for _, e := range next.Entries {
		if !sameSet || !hasEntry(old.Entries, e) {
			if err := nextSet.Set(ctx, collections.Join4(e.MarketSide, e.Trigger, owner, number)); err != nil {
				return err
			}
			changed = true
		}
	}
	if old.Recheck != next.Recheck {
		if old.Recheck != 0 {
			if err := k.SweepRecheck.Remove(ctx, collections.Join3(old.Recheck, owner, number)); err != nil {
				return err
			}
		}
		if next.Recheck != 0 {
			if err := k.SweepRecheck.Set(ctx, collections.Join3(next.Recheck, owner, number)); err != nil {
				return err
			}
		}
		changed = true
	}
	if old.Liquidatable != next.Liquidatable {
		var err error
		if next.Liquidatable {
			if err = k.Liquidatable.Set(ctx, key); err == nil {
				err = addCount(ctx, k.LiquidatableCount, 1)
			}
		} else if err = k.Liquidatable.Remove(ctx, key); err == nil {
			err = addCount(ctx, k.LiquidatableCount, -1)
		}
		if err != nil {
			return err
		}
		changed = true
	}
	if old.Deferred && !next.Deferred {
		if err := k.removeDeferred(ctx, key); err != nil {
			return err
		}
		changed = true
	}
	if oldFresh, nextFresh := old.Liquidatable && !old.Deferred, next.Liquidatable && !next.Deferred; oldFresh != nextFresh {
		var err error
		if nextFresh {
			err = k.LiquidatableFresh.Set(ctx, key)
		} else {
			err = k.LiquidatableFresh.Remove(ctx, key)
		}
		if err != nil {
			return err
		}
	}
	if len(old.Entries) != len(next.Entries) {
		changed = true
	}
	switch {
	case next.isZero():
		if found {
			return k.SweepFilings.Remove(ctx, key)
		}
		return nil
	case changed || !found:
		return k.SweepFilings.Set(ctx, key, next)
	}
	return nil
}

// addCount adds delta to a counter (absent = 0); a count never goes below zero.
func addCount(ctx context.Context, item collections.Item[uint64], delta int64) error {
	n, err := item.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	switch {
	case delta >= 0:
		n += uint64(delta)
	case n >= uint64(-delta):
		n -= uint64(-delta)
	default:
		n = 0
	}
	return item.Set(ctx, n)
}

// getCount reads a counter (absent = 0).
func getCount(ctx context.Context, item collections.Item[uint64]) (uint32, error) {
	n, err := item.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	if n > uint64(^uint32(0)) {
		n = uint64(^uint32(0))
	}
	return uint32(n), err
}

// stillValid reports whether a subaccount's filed entries can stay instead of its new bands: the same markets
// and sides, each old trigger at least as conservative as the new one (a long's no lower, a short's no higher,
// so it wakes no later and the new bands' guarantee covers it), and none waking at the current state (so the
// sweep does not wake the account again for nothing).
func stillValid(old []SweepEntry, bands []margin.PositionBand, markets map[uint32]margin.Market) bool {
	if len(old) != len(bands) || len(old) == 0 {
		return false
	}
	for i, b := range bands {
		e := old[i]
		if e.MarketSide != marketSide(b.MarketID, b.Short) {
			return false
		}
		if (b.Short && e.Trigger > b.Trigger) || (!b.Short && e.Trigger < b.Trigger) {
			return false
		}
		if (margin.PositionBand{MarketID: b.MarketID, Short: b.Short, Trigger: e.Trigger}).Wakes(markets[b.MarketID]) {
			return false
		}
	}
	return true
}

// hasEntry reports whether entries contains e (entries hold at most max_positions_per_subaccount items).
func hasEntry(entries []SweepEntry, e SweepEntry) bool {
	for _, x := range entries {
		if x == e {
			return true
		}
	}
	return false
}

// removeDeferred drops a subaccount from the deferred queue.
func (k *Keeper) removeDeferred(ctx context.Context, key SubaccountKey) error {
	seq, err := k.Deferred.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := k.DeferredQueue.Remove(ctx, collections.Join3(seq, key.K1(), key.K2())); err != nil {
		return err
	}
	if err := k.Deferred.Remove(ctx, key); err != nil {
		return err
	}
	return addCount(ctx, k.DeferredCount, -1)
}

// refile evaluates a subaccount that was just written and re-files its sweep state at the current prices. An
// account already liquidatable stays in the set until an evaluation shows it healthy.
func (k *Keeper) refile(ctx context.Context, key SubaccountKey, sa types.Subaccount) error {
	ev, err := k.evaluate(ctx, newSweepEnv(), sa)
	if err != nil {
		return err
	}
	return k.file(ctx, key, sdk.UnwrapSDKContext(ctx).BlockHeight(), ev)
}

// unfile removes every sweep entry of a deleted subaccount.
func (k *Keeper) unfile(ctx context.Context, key SubaccountKey) error {
	old, found, err := k.getFiling(ctx, key)
	if err != nil || !found {
		return err
	}
	return k.writeFiling(ctx, key, old, found, SweepFiling{})
}

// Refile re-evaluates one stored subaccount and re-files its sweep state (it removes the state of one that no
// longer exists).
func (k *Keeper) Refile(ctx context.Context, key SubaccountKey) error {
	sa, err := k.Subaccounts.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return k.unfile(ctx, key)
	}
	if err != nil {
		return err
	}
	return k.refile(ctx, key, sa)
}

// refileBatch is how many subaccount keys RefileAll reads before writing (iterators never overlap writes).
const refileBatch = 1024

// RefileAll re-files every stored subaccount (InitGenesis calls it: the index is derived state and is not
// exported). Work is O(subaccounts), in batches of refileBatch keys.
func (k *Keeper) RefileAll(ctx context.Context) error {
	var after *SubaccountKey
	for {
		rng := new(collections.Range[SubaccountKey])
		if after != nil {
			rng = rng.StartExclusive(*after)
		}
		keys := make([]SubaccountKey, 0, refileBatch)
		iter, err := k.Subaccounts.Iterate(ctx, rng)
		if err != nil {
			return err
		}
		for ; iter.Valid() && len(keys) < refileBatch; iter.Next() {
			key, err := iter.Key()
			if err != nil {
				iter.Close()
				return err
			}
			keys = append(keys, key)
		}
		iter.Close()
		for _, key := range keys {
			if err := k.Refile(ctx, key); err != nil {
				return err
			}
		}
		if len(keys) < refileBatch {
			return nil
		}
		last := keys[len(keys)-1]
		after = &last
	}
}

// Defer queues a liquidatable subaccount the per-block caps could not process; it keeps its place until it is
// healthy (or flat, or deleted). Deferring a queued or a no-longer-liquidatable subaccount is a no-op. The queue costs the sweep nothing per
// block: a queued subaccount stays provably liquidatable until its recovery band wakes it, and woken queued
// subaccounts are evaluated first.
func (k *Keeper) Defer(ctx context.Context, key SubaccountKey) error {
	old, _, err := k.getFiling(ctx, key)
	if err != nil {
		return err
	}
	if old.Deferred || !old.Liquidatable {
		return nil // already queued, or no longer liquidatable (healthy accounts are never queued)
	}
	seq, err := k.DeferredSeq.Next(ctx)
	if err != nil {
		return err
	}
	if err := k.DeferredQueue.Set(ctx, collections.Join3(seq, key.K1(), key.K2())); err != nil {
		return err
	}
	if err := k.Deferred.Set(ctx, key, seq); err != nil {
		return err
	}
	if err := addCount(ctx, k.DeferredCount, 1); err != nil {
		return err
	}
	if err := k.LiquidatableFresh.Remove(ctx, key); err != nil {
		return err
	}
	next := old
	next.Deferred = true
	return k.SweepFilings.Set(ctx, key, next)
}

// IsLiquidatable reports whether the sweep (or the latest re-filing) found the subaccount liquidatable.
func (k *Keeper) IsLiquidatable(ctx context.Context, key SubaccountKey) (bool, error) {
	return k.Liquidatable.Has(ctx, key)
}

// subKeyBytes is a subaccount key's identity for de-duplication: owner bytes then the big-endian number.
func subKeyBytes(key SubaccountKey) string {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], key.K2())
	return string(key.K1()) + string(n[:])
}

// wakeList collects subaccount keys in first-seen order without duplicates.
type wakeList struct {
	keys []SubaccountKey
	seen map[string]struct{}
}

func (w *wakeList) add(key SubaccountKey) {
	id := subKeyBytes(key)
	if _, ok := w.seen[id]; ok {
		return
	}
	w.seen[id] = struct{}{}
	w.keys = append(w.keys, key)
}

// indexRange is a Ranger over the sweep index between two raw range keys.
type indexRange struct {
	start, end *collections.RangeKey[SweepIndexKey]
}

// RangeValues implements collections.Ranger.
func (r indexRange) RangeValues() (*collections.RangeKey[SweepIndexKey], *collections.RangeKey[SweepIndexKey], collections.Order, error) {
	return r.start, r.end, collections.OrderAscending, nil
}

// quadPrefix and quadAt are the range bounds of the sweep keys of one market side (at one trigger).
func quadPrefix(side uint64) SweepIndexKey {
	return collections.QuadPrefix[uint64, uint64, sdk.AccAddress, uint32](side)
}

func quadAt(side, trigger uint64) SweepIndexKey {
	return collections.QuadSuperPrefix[uint64, uint64, sdk.AccAddress, uint32](side, trigger)
}

// fromTrigger ranges over one market side's keys with trigger ≥ t; upToTrigger over those with trigger ≤ t;
// wholeSide over all of them.
func fromTrigger(side, t uint64) indexRange {
	return indexRange{start: collections.RangeKeyExact(quadAt(side, t)), end: collections.RangeKeyPrefixEnd(quadPrefix(side))}
}

func upToTrigger(side, t uint64) indexRange {
	return indexRange{start: collections.RangeKeyExact(quadPrefix(side)), end: collections.RangeKeyPrefixEnd(quadAt(side, t))}
}

func wholeSide(side uint64) indexRange {
	return indexRange{start: collections.RangeKeyExact(quadPrefix(side)), end: collections.RangeKeyPrefixEnd(quadPrefix(side))}
}

// wokenByMarket adds every entry of a market whose band the market's current coordinates broke: healthy longs
// with trigger ≥ LongLevel and shorts with trigger ≤ ShortLevel (toward liquidation), liquidatable longs with
// trigger ≤ RecoveryLongLevel and shorts with trigger ≥ RecoveryShortLevel (toward health); while the market's
// pair is halted, every liquidatable entry (the halt rule may protect them). A band that still holds is never in
// these ranges, so the work is the number of broken bands plus O(log N).
func (k *Keeper) wokenByMarket(ctx context.Context, m margin.Market, halted bool, w *wakeList) error {
	long, short := marketSide(m.MarketID, false), marketSide(m.MarketID, true)
	scans := []struct {
		set collections.KeySet[SweepIndexKey]
		rng indexRange
	}{
		{k.SweepIndex, fromTrigger(long, margin.LongLevel(m))},
		{k.SweepIndex, upToTrigger(short, margin.ShortLevel(m))},
		{k.SweepRecovery, upToTrigger(long, margin.RecoveryLongLevel(m))},
		{k.SweepRecovery, fromTrigger(short, margin.RecoveryShortLevel(m))},
	}
	if halted {
		scans[2].rng, scans[3].rng = wholeSide(long), wholeSide(short)
	}
	for _, sc := range scans {
		if err := sc.set.Walk(ctx, sc.rng, func(key SweepIndexKey) (bool, error) {
			w.add(collections.Join(key.K3(), key.K4()))
			return false, nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// Sweep runs in PreBlock right after the oracle update. It wakes, without scanning any unaffected subaccount, the
// rechecks due at this height and every subaccount whose band some market's new state broke (price, effective
// IMF, maintenance fraction or funding index; healthy ones toward MM, liquidatable ones toward health; every
// liquidatable one in a halted market), evaluates them (deferred ones first) and files each result: liquidatable
// ones join the Liquidatable set under recovery bands, the others are re-filed at the current state. Afterwards
// the set is exactly the subaccounts with positions and equity < MM (at both prices for halted pairs). Cost:
// O(markets × log N + woken accounts × positions) store operations, never O(all subaccounts) nor O(set).
// Emits EventSweep.
func (k *Keeper) Sweep(ctx sdk.Context) error {
	height := ctx.BlockHeight()
	env := newSweepEnv()
	w := &wakeList{seen: map[string]struct{}{}}
	if err := k.SweepRecheck.Walk(ctx, collections.NewPrefixUntilTripleRange[int64, sdk.AccAddress, uint32](height), func(key SweepRecheckKey) (bool, error) {
		w.add(collections.Join(key.K2(), key.K3()))
		return false, nil
	}); err != nil {
		return err
	}
	var defs []types.Market
	if err := k.Markets.Walk(ctx, nil, func(_ uint32, m types.Market) (bool, error) {
		defs = append(defs, m)
		return false, nil
	}); err != nil {
		return err
	}
	for _, def := range defs {
		m, err := k.envMarket(ctx, env, def.Id)
		if errors.Is(err, types.ErrPriceUnavailable) {
			continue // never priced: no position can be open in it
		}
		if err != nil {
			return err
		}
		halted, err := k.pairHalted(ctx, env, def.PairId)
		if err != nil {
			return err
		}
		if err := k.wokenByMarket(ctx, m, halted, w); err != nil {
			return err
		}
	}
	// Deferred subaccounts first (the order changes no verdict: the sweep has no cap). Each filing is read once,
	// here, for both the order and the filing.
	type woken struct {
		key   SubaccountKey
		old   SweepFiling
		found bool
	}
	order := make([]woken, 0, len(w.keys))
	var rest []woken
	for _, key := range w.keys {
		old, found, err := k.getFiling(ctx, key)
		if err != nil {
			return err
		}
		if old.Deferred {
			order = append(order, woken{key, old, found})
		} else {
			rest = append(rest, woken{key, old, found})
		}
	}
	order = append(order, rest...)
	for _, wk := range order {
		sa, err := k.Subaccounts.Get(ctx, wk.key)
		if errors.Is(err, collections.ErrNotFound) {
			if wk.found {
				if err := k.writeFiling(ctx, wk.key, wk.old, true, SweepFiling{}); err != nil {
					return err
				}
			}
			continue
		}
		if err != nil {
			return err
		}
		ev, err := k.evaluate(ctx, env, sa)
		if err != nil {
			return err
		}
		if err := k.fileOver(ctx, wk.key, height, ev, wk.old, wk.found); err != nil {
			return err
		}
	}
	liquidatable, err := getCount(ctx, k.LiquidatableCount)
	if err != nil {
		return err
	}
	deferred, err := getCount(ctx, k.DeferredCount)
	if err != nil {
		return err
	}
	return ctx.EventManager().EmitTypedEvent(&types.EventSweep{
		Height: height, Evaluated: uint32(len(order)), Liquidatable: liquidatable, Deferred: deferred,
	})
}

// FullScanLiquidatable is the reference the sweep is held to: it evaluates every stored subaccount with the same
// rule and returns the liquidatable ones in store order (owner bytes, number). O(all subaccounts): tests and the
// debug query only.
func (k *Keeper) FullScanLiquidatable(ctx context.Context) ([]SubaccountKey, error) {
	env := newSweepEnv()
	var out []SubaccountKey
	err := k.Subaccounts.Walk(ctx, nil, func(key SubaccountKey, sa types.Subaccount) (bool, error) {
		ev, err := k.evaluate(ctx, env, sa)
		if err != nil {
			return true, err
		}
		if ev.verdict == verdictLiquidatable {
			out = append(out, key)
		}
		return false, nil
	})
	return out, err
}

// LiquidatableEntry is one member of the Liquidatable set with its current requirements.
type LiquidatableEntry struct {
	// Key is the subaccount.
	Key SubaccountKey
	// Equity and MaintenanceMargin are at the current prices.
	Equity, MaintenanceMargin math.Int
}

// liquidatableEntry evaluates one subaccount's equity and MM at the current prices.
func (k *Keeper) liquidatableEntry(ctx context.Context, env *sweepEnv, key SubaccountKey) (LiquidatableEntry, error) {
	e := LiquidatableEntry{Key: key, Equity: math.ZeroInt(), MaintenanceMargin: math.ZeroInt()}
	sa, err := k.Subaccounts.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return e, nil
	}
	if err != nil {
		return e, err
	}
	acct, markets, err := k.envInputs(ctx, env, sa)
	if err != nil {
		return e, err
	}
	r := margin.ComputeRequirements(acct, markets)
	e.Equity, e.MaintenanceMargin = r.Equity, r.MaintenanceMargin
	return e, nil
}

// LiquidatableEntries returns the Liquidatable set, most underwater first: by equity − MM ascending at the current
// prices, ties by owner bytes then number. Computed when asked, O(set size × positions).
func (k *Keeper) LiquidatableEntries(ctx context.Context) ([]LiquidatableEntry, error) {
	return k.orderedEntries(ctx, k.Liquidatable)
}

// FreshLiquidatableEntries returns the liquidatable subaccounts not in the deferred queue, ordered as
// LiquidatableEntries. O(fresh × positions): an account is fresh from the block it turns liquidatable until
// EndBlock processes or queues it.
func (k *Keeper) FreshLiquidatableEntries(ctx context.Context) ([]LiquidatableEntry, error) {
	return k.orderedEntries(ctx, k.LiquidatableFresh)
}

// orderedEntries evaluates every member of set at the current prices and orders them most underwater first.
func (k *Keeper) orderedEntries(ctx context.Context, set collections.KeySet[SubaccountKey]) ([]LiquidatableEntry, error) {
	env := newSweepEnv()
	var keys []SubaccountKey
	if err := set.Walk(ctx, nil, func(key SubaccountKey) (bool, error) {
		keys = append(keys, key)
		return false, nil
	}); err != nil {
		return nil, err
	}
	out := make([]LiquidatableEntry, 0, len(keys))
	for _, key := range keys {
		e, err := k.liquidatableEntry(ctx, env, key)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		di, dj := out[i].Equity.Sub(out[i].MaintenanceMargin), out[j].Equity.Sub(out[j].MaintenanceMargin)
		if c := di.BigInt().Cmp(dj.BigInt()); c != 0 {
			return c < 0
		}
		return compareKeys(out[i].Key, out[j].Key) < 0
	})
	return out, nil
}

// LiquidatableKeys returns the Liquidatable set, most underwater first (see LiquidatableEntries).
func (k *Keeper) LiquidatableKeys(ctx context.Context) ([]SubaccountKey, error) {
	entries, err := k.LiquidatableEntries(ctx)
	if err != nil {
		return nil, err
	}
	keys := make([]SubaccountKey, len(entries))
	for i, e := range entries {
		keys[i] = e.Key
	}
	return keys, nil
}

// DeferredKeys returns the deferred queue in processing order (the order Defer queued them).
func (k *Keeper) DeferredKeys(ctx context.Context) ([]SubaccountKey, error) {
	return k.deferredHead(ctx, 0)
}

// deferredHead returns the first limit entries of the deferred queue in processing order (all of it when limit is
// 0): the walk stops after limit entries.
func (k *Keeper) deferredHead(ctx context.Context, limit uint32) ([]SubaccountKey, error) {
	var keys []SubaccountKey
	err := k.DeferredQueue.Walk(ctx, nil, func(key DeferredQueueKey) (bool, error) {
		keys = append(keys, collections.Join(key.K2(), key.K3()))
		return limit > 0 && uint32(len(keys)) >= limit, nil
	})
	return keys, err
}

// compareKeys orders subaccount keys as the store does: owner (length-prefixed bytes), then number.
func compareKeys(a, b SubaccountKey) int {
	if la, lb := len(a.K1()), len(b.K1()); la != lb {
		if la < lb {
			return -1
		}
		return 1
	}
	if c := bytes.Compare(a.K1(), b.K1()); c != 0 {
		return c
	}
	switch {
	case a.K2() < b.K2():
		return -1
	case a.K2() > b.K2():
		return 1
	}
	return 0
}
