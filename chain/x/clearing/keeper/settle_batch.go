package keeper

import (
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// tradeBatch is what one MsgSubmitTrades reads once and the shared accumulators it writes once. No fill changes
// a market definition, an oracle price, a market's funding index or effective IMF, so those are read once per
// message; a fill changes only its market's open interest, last trade price and premium sums, the insurance fund
// and the accrued fees, which are kept here and stored by flush when the message ends. Only an accepted fill's
// effects are applied (apply is called after its cached context was written), so the stored result equals
// writing after every fill.
type tradeBatch struct {
	params  types.Params
	markets map[uint32]*batchMarket
	// pools are the insurance fund and accrued fees, loaded at the first accepted fill.
	insurance, fees math.Int
	poolsLoaded     bool
	poolsDirty      bool
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

// fillEffects are an accepted fill's changes to the shared accumulators, applied to the batch after the fill's
// own writes were committed.
type fillEffects struct {
	marketID        uint32
	state           types.MarketState
	insurance, fees math.Int
}

// newTradeBatch starts a batch for one message.
func newTradeBatch(params types.Params) *tradeBatch {
	return &tradeBatch{params: params, markets: map[uint32]*batchMarket{}}
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
}

// flush stores every accumulator an accepted fill changed.
func (k *Keeper) flush(ctx sdk.Context, b *tradeBatch) error {
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
