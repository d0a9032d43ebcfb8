package keeper

import (
	"context"
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// InitGenesis validates and loads the genesis state, then checks the collateral invariant.
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
	return nil
}

// ExportGenesis writes params and every live subaccount in store order (owner bytes, number).
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params, Subaccounts: []types.Subaccount{}}
	err = k.Subaccounts.Walk(ctx, nil, func(_ SubaccountKey, sa types.Subaccount) (bool, error) {
		gs.Subaccounts = append(gs.Subaccounts, sa)
		return false, nil
	})
	if err != nil {
		return nil, fmt.Errorf("export subaccounts: %w", err)
	}
	return gs, nil
}
