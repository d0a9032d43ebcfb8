package keeper

import (
	"bytes"
	"context"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// tradeBatch is what one MsgSubmitTrades reads once and the state it writes once. No fill changes a market
// definition, an oracle price, a market's funding index or effective IMF, so those are read once per message. A
// fill changes its two subaccounts, its two orders' fill records, the funding pool (funding settled on touch), its
// market's open interest, last trade price and premium sums, the insurance fund and the accrued fees: the batch
// holds each of them decoded, reads it from the store on first use, and flush stores it once when the message ends
// (subaccounts re-filed in the sweep index once, at their final state). A fill therefore writes nothing while it
// is checked: only an accepted fill's effects are applied to the batch (apply), so a rejected fill changes nothing
// and the stored result equals settling the accepted fills one after another.
type tradeBatch struct {
	params types.Params
	// store is the message's context boxed once as a context.Context for the per-fill store calls (passing an
	// sdk.Context by value to collections copies it to the heap on every call); same stores, gas meter and events.
	store   context.Context
	markets map[uint32]*batchMarket
	// pools are the insurance fund and accrued fees, loaded at the first accepted fill.
	insurance, fees math.Int
	poolsLoaded     bool
	poolsDirty      bool
	// subaccounts are the subaccounts fills touched, keyed by subKey, with accepted fills applied.
	subaccounts map[string]*batchSubaccount
	// orderFills are the fill records of orders fills touched, keyed by order hash, with accepted fills applied.
	orderFills map[string]*batchOrderFill
	// storedCounts memoises CountSubaccounts per owner (fills write nothing to the store during the message);
	// ownerDelta is, per owner, how many subaccounts the applied fills made live (+1) or emptied (−1).
	storedCounts map[string]uint32
	ownerDelta   map[string]int32
	// fundingPool is the funding pool with the accepted fills' settled funding added.
	fundingPool                     math.Int
	fundingLoaded, fundingPoolDirty bool
}

// batchSubaccount is one subaccount as the batch knows it.
type batchSubaccount struct {
	key SubaccountKey
	sa  types.Subaccount
	// stored reports whether the subaccount existed in the store when the batch first read it.
	stored bool
	dirty  bool
}

// batchOrderFill is one order's fill record as the batch knows it.
type batchOrderFill struct {
	hash  []byte
	state types.OrderFillState
	// stored reports whether the record existed when the batch first read it (then it is already in OrderExpiry).
	stored bool
	dirty  bool
}

// batchMarket is one market as the batch knows it.
type batchMarket struct {
	market    types.Market
	marketErr error
	status    types.MarketStatus
	margin    margin.Market
	marginErr error
	// state is the market's state with the batch's accepted fills applied; dirty when it must be stored.
	state       types.MarketState
	stateLoaded bool
	dirty       bool
}

// fillEffects are an accepted fill's changes, computed without writing anything and applied to the batch once
// the fill is accepted.
type fillEffects struct {
	marketID        uint32
	state           types.MarketState
	insurance, fees math.Int
	// sides are the maker's and taker's new subaccounts and order fill records.
	sides [2]sideEffects
	// fundingOwed is the funding both sides settled (added to the funding pool); fundingSettled when any index moved.
	fundingOwed    math.Int
	fundingSettled bool
	// event is the fill's event, emitted when the fill is accepted.
	event sdk.Event
}

// sideEffects are one side's new subaccount and order fill record.
type sideEffects struct {
	sub       *batchSubaccount
	sa        types.Subaccount
	fill      *batchOrderFill
	fillState types.OrderFillState
}

// newTradeBatch starts a batch for one message of n fills executed in ctx, sized for them (two orders each, at
// most two subaccounts each).
func newTradeBatch(ctx sdk.Context, params types.Params, n int) *tradeBatch {
	return &tradeBatch{
		params: params, store: ctx, markets: map[uint32]*batchMarket{},
		subaccounts: make(map[string]*batchSubaccount, min(2*n, 1024)), orderFills: make(map[string]*batchOrderFill, 2*n),
		storedCounts: map[string]uint32{}, ownerDelta: map[string]int32{},
	}
}

// subKey is the batch's map key of a subaccount: the owner's bytes and the big-endian number.
func subKey(owner sdk.AccAddress, number uint32) string {
	return string(owner) + string([]byte{byte(number >> 24), byte(number >> 16), byte(number >> 8), byte(number)})
}

// batchSubaccount returns the subaccount with the batch's accepted fills applied, reading it on first use (an
// absent one is empty). Callers copy sa before changing it (cloneSubaccount).
func (k *Keeper) batchSubaccount(b *tradeBatch, owner sdk.AccAddress, number uint32) (*batchSubaccount, error) {
	id := subKey(owner, number)
	if bs, ok := b.subaccounts[id]; ok {
		return bs, nil
	}
	sa, stored, err := k.lookupSubaccount(b.store, owner, number)
	if err != nil {
		return nil, err
	}
	bs := &batchSubaccount{key: collections.Join(owner, number), sa: sa, stored: stored}
	b.subaccounts[id] = bs
	return bs, nil
}

// cloneSubaccount copies sa's positions so the copy can change without touching the batch's value (amounts are
// immutable math.Int values and may be shared).
func cloneSubaccount(sa types.Subaccount) types.Subaccount {
	sa.Positions = append([]types.Position(nil), sa.Positions...)
	return sa
}

// batchCountSubaccounts is CountSubaccounts as the store would answer after the batch's accepted fills, in O(1)
// per call: the stored count (read once per owner and message) plus the live-count changes apply recorded. A
// stored subaccount is live and an absent one empty, so the changes sum to what a store write after every fill
// would have left.
func (k *Keeper) batchCountSubaccounts(b *tradeBatch, owner sdk.AccAddress) (uint32, error) {
	stored, ok := b.storedCounts[string(owner)]
	if !ok {
		n, err := k.CountSubaccounts(b.store, owner)
		if err != nil {
			return 0, err
		}
		stored, b.storedCounts[string(owner)] = n, n
	}
	return uint32(int64(stored) + int64(b.ownerDelta[string(owner)])), nil
}

// batchOrderFill returns the order's fill record with the batch's accepted fills applied, reading it on first use
// (an absent record is zero).
func (k *Keeper) batchOrderFill(b *tradeBatch, hash []byte) (*batchOrderFill, error) {
	if bf, ok := b.orderFills[string(hash)]; ok {
		return bf, nil
	}
	st, stored, err := k.lookupOrderFill(b.store, hash)
	if err != nil {
		return nil, err
	}
	bf := &batchOrderFill{hash: hash, state: st, stored: stored}
	b.orderFills[string(hash)] = bf
	return bf, nil
}

// lookupOrderFill reads an order's fill record (found false when absent) as OrderFills.Get does, same store read
// and gas, without the formatted not-found error collections builds on a miss: a fresh order's record is absent.
func (k *Keeper) lookupOrderFill(ctx context.Context, hash []byte) (st types.OrderFillState, found bool, err error) {
	key, err := collections.EncodeKeyWithPrefix(types.OrderFillsKeyPrefix, collections.BytesKey, hash)
	if err != nil {
		return st, false, err
	}
	bz, err := k.storeService.OpenKVStore(ctx).Get(key)
	if err != nil || bz == nil {
		return st, false, err
	}
	st, err = k.OrderFills.ValueCodec().Decode(bz)
	return st, err == nil, err
}

// batchFundingPool returns the funding pool with the batch's accepted fills applied.
func (k *Keeper) batchFundingPool(ctx sdk.Context, b *tradeBatch) (math.Int, error) {
	if !b.fundingLoaded {
		pool, err := k.FundingPool.Get(ctx)
		if err != nil {
			return pool, err
		}
		b.fundingPool, b.fundingLoaded = pool, true
	}
	return b.fundingPool, nil
}

// market returns the market's definition, effective status and engine view, reading them on first use. Errors
// are remembered and returned again, exactly as a fresh read would return them.
func (k *Keeper) batchMarket(ctx sdk.Context, b *tradeBatch, id uint32) *batchMarket {
	if bm, ok := b.markets[id]; ok {
		return bm
	}
	bm := &batchMarket{}
	b.markets[id] = bm
	if bm.market, bm.marketErr = k.GetMarket(ctx, id); bm.marketErr != nil {
		return bm
	}
	bm.status = k.EffectiveStatus(ctx, bm.market)
	bm.margin, bm.marginErr = k.marginMarket(ctx, bm.market)
	return bm
}

// batchMarketState returns the market's state with the batch's accepted fills applied.
func (k *Keeper) batchMarketState(ctx sdk.Context, bm *batchMarket) (types.MarketState, error) {
	if !bm.stateLoaded {
		st, err := k.getMarketState(ctx, bm.market)
		if err != nil {
			return st, err
		}
		bm.state, bm.stateLoaded = st, true
	}
	return bm.state, nil
}

// batchPools returns the insurance fund and accrued fees with the batch's accepted fills applied.
func (k *Keeper) batchPools(ctx sdk.Context, b *tradeBatch) (insurance, fees math.Int, err error) {
	if !b.poolsLoaded {
		if b.insurance, err = k.InsuranceFund.Get(ctx); err != nil {
			return insurance, fees, err
		}
		if b.fees, err = k.FeesAccrued.Get(ctx); err != nil {
			return insurance, fees, err
		}
		b.poolsLoaded = true
	}
	return b.insurance, b.fees, nil
}

// marginInputs returns the markets a subaccount's positions (and extra) need from the batch's engine views; the
// first missing market or price fails it, in position order, as Keeper.marginInputs does.
func (b *tradeBatch) marginInputs(ctx sdk.Context, k *Keeper, sa types.Subaccount, extra uint32) (map[uint32]margin.Market, error) {
	markets := make(map[uint32]margin.Market, len(sa.Positions)+1)
	load := func(id uint32) error {
		if _, ok := markets[id]; ok {
			return nil
		}
		bm := k.batchMarket(ctx, b, id)
		if bm.marketErr != nil {
			return bm.marketErr
		}
		if bm.marginErr != nil {
			return bm.marginErr
		}
		markets[id] = bm.margin
		return nil
	}
	for _, p := range sa.Positions {
		if err := load(p.MarketId); err != nil {
			return nil, err
		}
	}
	if err := load(extra); err != nil {
		return nil, err
	}
	return markets, nil
}

// apply records an accepted fill's effects.
func (b *tradeBatch) apply(e fillEffects) {
	bm := b.markets[e.marketID]
	bm.state, bm.dirty = e.state, true
	b.insurance, b.fees, b.poolsDirty = e.insurance, e.fees, true
	for _, s := range e.sides {
		if wasLive, live := !s.sub.sa.IsEmpty(), !s.sa.IsEmpty(); wasLive != live {
			d := int32(1)
			if !live {
				d = -1
			}
			b.ownerDelta[string(s.sub.key.K1())] += d
		}
		s.sub.sa, s.sub.dirty = s.sa, true
		s.fill.state, s.fill.dirty = s.fillState, true
	}
	if e.fundingSettled {
		b.fundingPool, b.fundingPoolDirty = b.fundingPool.Add(e.fundingOwed), true
	}
}

// flush stores everything an accepted fill changed, each key once and in key order: subaccounts (re-filed in the
// sweep index at their final state, deleted when empty), order fill records (new ones indexed for expiry in one
// bucket per good_til_block), the funding pool, market states, the insurance fund and the accrued fees.
func (k *Keeper) flush(ctx sdk.Context, b *tradeBatch) error {
	subs := make([]*batchSubaccount, 0, len(b.subaccounts))
	for _, bs := range b.subaccounts {
		if bs.dirty {
			subs = append(subs, bs)
		}
	}
	sort.Slice(subs, func(i, j int) bool {
		if c := bytes.Compare(subs[i].key.K1(), subs[j].key.K1()); c != 0 {
			return c < 0
		}
		return subs[i].key.K2() < subs[j].key.K2()
	})
	for _, bs := range subs {
		if err := k.setSubaccount(b.store, bs.key.K1(), bs.sa); err != nil {
			return err
		}
	}
	fills := make([]*batchOrderFill, 0, len(b.orderFills))
	for _, bf := range b.orderFills {
		if bf.dirty {
			fills = append(fills, bf)
		}
	}
	sort.Slice(fills, func(i, j int) bool { return bytes.Compare(fills[i].hash, fills[j].hash) < 0 })
	expiring := newExpiryBuckets()
	for _, bf := range fills {
		if err := k.OrderFills.Set(b.store, bf.hash, bf.state); err != nil {
			return err
		}
		if !bf.stored {
			expiring.add(bf.state.GoodTilBlock, bf.hash)
		}
	}
	if err := k.putExpiryBuckets(b.store, expiring, b.params.MaxOrderPrunesPerBlock); err != nil {
		return err
	}
	if b.fundingPoolDirty {
		if err := k.FundingPool.Set(ctx, b.fundingPool); err != nil {
			return err
		}
	}
	ids := make([]uint32, 0, len(b.markets))
	for id, bm := range b.markets {
		if bm.dirty {
			ids = append(ids, id)
		}
	}
	sortUint32(ids)
	for _, id := range ids {
		if err := k.MarketStates.Set(ctx, id, b.markets[id].state); err != nil {
			return err
		}
	}
	if !b.poolsDirty {
		return nil
	}
	if err := k.InsuranceFund.Set(ctx, b.insurance); err != nil {
		return err
	}
	return k.FeesAccrued.Set(ctx, b.fees)
}

// sortUint32 sorts ids ascending (few entries: insertion sort).
func sortUint32(ids []uint32) {
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}
