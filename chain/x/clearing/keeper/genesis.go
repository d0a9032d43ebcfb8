package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// InitGenesis validates and loads the genesis state. Markets are checked against their oracle pairs, so x/oracle
// must initialise first.
func (k *Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, sa := range gs.Subaccounts {
		owner := sdk.MustAccAddressFromBech32(sa.Owner) // validated above
		if err := k.setSubaccount(ctx, owner, sa); err != nil {
			return err
		}
	}
	for _, m := range gs.Markets {
		if err := k.validateMarket(ctx, m); err != nil {
			return errorsmod.Wrapf(err, "market %d", m.Id)
		}
		if err := k.Markets.Set(ctx, m.Id, m); err != nil {
			return err
		}
		st, err := k.getMarketState(ctx, m)
		if err != nil {
			return err
		}
		if err := k.MarketStates.Set(ctx, m.Id, st); err != nil {
			return err
		}
	}
	for _, st := range gs.MarketStates {
		if _, err := k.GetMarket(ctx, st.MarketId); err != nil {
			return err
		}
		st.FundingIndex = zeroIfNil(st.FundingIndex)
		if err := k.MarketStates.Set(ctx, st.MarketId, st); err != nil {
			return err
		}
	}
	if err := k.NextMarketID.Set(ctx, uint64(gs.NextMarketId)); err != nil {
		return err
	}
	expiring := newExpiryBuckets()
	for _, of := range gs.OrderFills {
		if err := k.OrderFills.Set(ctx, of.OrderHash, of.State); err != nil {
			return err
		}
		expiring.add(of.State.GoodTilBlock, of.OrderHash)
	}
	if err := k.putExpiryBuckets(ctx, expiring, gs.Params.MaxOrderPrunesPerBlock); err != nil {
		return err
	}
	for _, c := range gs.Cancellations {
		owner := sdk.MustAccAddressFromBech32(c.Owner) // validated above
		if err := k.Cancellations.Set(ctx, collections.Join(owner, c.OrderHash), c); err != nil {
			return err
		}
		if err := k.CancelExpiry.Set(ctx, collections.Join3(c.GoodTilBlock, owner, c.OrderHash)); err != nil {
			return err
		}
	}
	pools := []struct {
		item  collections.Item[math.Int]
		value math.Int
	}{{k.InsuranceFund, gs.InsuranceFund}, {k.FeesAccrued, gs.FeesAccrued}, {k.FundingPool, gs.FundingPool}}
	for _, p := range pools { // a slice, not a map: consensus code never depends on map iteration order
		if err := p.item.Set(ctx, zeroIfNil(p.value)); err != nil {
			return err
		}
	}
	// The genesis fund balance is not a flow: the first EndBlock records only what the block added.
	if err := k.InsuranceCheckpoint.Set(ctx, zeroIfNil(gs.InsuranceFund)); err != nil {
		return err
	}
	return k.RefileAll(ctx) // the sweep index is derived state: rebuilt from the subaccounts, markets and prices
}

// ExportGenesis writes the whole state in store order, so import → export round-trips byte for byte.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params, Subaccounts: []types.Subaccount{}, Markets: []types.Market{},
		MarketStates: []types.MarketState{}, OrderFills: []types.GenesisOrderFill{}, Cancellations: []types.OrderCancellation{}}
	err = k.Subaccounts.Walk(ctx, nil, func(_ SubaccountKey, sa types.Subaccount) (bool, error) {
		gs.Subaccounts = append(gs.Subaccounts, sa)
		return false, nil
	})
	if err != nil {
		return nil, errorsmod.Wrap(err, "export subaccounts")
	}
	if err := k.Markets.Walk(ctx, nil, func(_ uint32, m types.Market) (bool, error) {
		gs.Markets = append(gs.Markets, m)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.MarketStates.Walk(ctx, nil, func(_ uint32, st types.MarketState) (bool, error) {
		gs.MarketStates = append(gs.MarketStates, st)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.OrderFills.Walk(ctx, nil, func(h []byte, st types.OrderFillState) (bool, error) {
		gs.OrderFills = append(gs.OrderFills, types.GenesisOrderFill{OrderHash: h, State: st})
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Cancellations.Walk(ctx, nil, func(_ CancellationKey, c types.OrderCancellation) (bool, error) {
		gs.Cancellations = append(gs.Cancellations, c)
		return false, nil
	}); err != nil {
		return nil, err
	}
	next, err := k.NextMarketID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	gs.NextMarketId = uint32(next)
	if gs.InsuranceFund, err = k.InsuranceFund.Get(ctx); err != nil {
		return nil, err
	}
	if gs.FeesAccrued, err = k.FeesAccrued.Get(ctx); err != nil {
		return nil, err
	}
	if gs.FundingPool, err = k.FundingPool.Get(ctx); err != nil {
		return nil, err
	}
	return gs, nil
}

// PrepForZeroHeight rebases height-dependent clearing state before a zero-height export (heights restart at 1):
// order_height_offset grows by the last height, so every order's good_til_block keeps its meaning and expired
// orders stay expired; funding interval starts move back by the same amount.
func (k *Keeper) PrepForZeroHeight(ctx context.Context) error {
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	params.OrderHeightOffset += height
	if err := k.Params.Set(ctx, params); err != nil {
		return err
	}
	var states []types.MarketState
	if err := k.MarketStates.Walk(ctx, nil, func(_ uint32, st types.MarketState) (bool, error) {
		states = append(states, st)
		return false, nil
	}); err != nil {
		return err
	}
	for _, st := range states {
		if st.LastFundingHeight != 0 {
			st.LastFundingHeight -= height
			if st.LastFundingHeight == 0 {
				st.LastFundingHeight = -1 // 0 means "never started"; one block earlier keeps the interval's phase
			}
		}
		if err := k.MarketStates.Set(ctx, st.MarketId, st); err != nil {
			return err
		}
	}
	return nil
}
