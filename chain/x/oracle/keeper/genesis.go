package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// InitGenesis validates and loads the oracle genesis.
func (k *Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, p := range gs.Pairs {
		if err := k.Pairs.Set(ctx, p.Id, p); err != nil {
			return err
		}
		if err := k.PairIDs.Set(ctx, p.Name(), p.Id); err != nil {
			return err
		}
	}
	if err := k.NextPairID.Set(ctx, uint64(gs.NextPairId)); err != nil {
		return err
	}
	for _, ps := range gs.Prices {
		if ps.Variance.IsNil() {
			ps.Variance = zeroDec()
		}
		if err := k.Prices.Set(ctx, ps.PairId, ps); err != nil {
			return err
		}
	}
	for _, h := range gs.History {
		for _, pt := range h.Points {
			slot := uint64(pt.Height) % uint64(gs.Params.HistoryBlocks)
			if err := k.History.Set(ctx, collections.Join(h.PairId, slot), pt); err != nil {
				return err
			}
		}
	}
	return nil
}

// ExportGenesis exports params, pairs, prices and history in store order.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	next, err := k.NextPairID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params, Pairs: []types.CurrencyPair{}, Prices: []types.PriceState{},
		History: []types.PairHistory{}, NextPairId: uint32(next)}
	if gs.Pairs, err = k.AllPairs(ctx); err != nil {
		return nil, err
	}
	err = k.Prices.Walk(ctx, nil, func(_ uint32, ps types.PriceState) (bool, error) {
		gs.Prices = append(gs.Prices, ps)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	for _, p := range gs.Pairs {
		var pts []types.PricePoint
		err := k.History.Walk(ctx, collections.NewPrefixedPairRange[uint32, uint64](p.Id), func(_ HistoryKey, pt types.PricePoint) (bool, error) {
			pts = append(pts, pt)
			return false, nil
		})
		if err != nil {
			return nil, err
		}
		if len(pts) > 0 {
			sortPointsNewestFirst(pts)
			for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
				pts[i], pts[j] = pts[j], pts[i]
			}
			gs.History = append(gs.History, types.PairHistory{PairId: p.Id, Points: pts})
		}
	}
	return gs, nil
}
