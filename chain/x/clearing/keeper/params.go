package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// UpdateParams validates and stores new params. The collateral denom cannot change while any collateral exists
// (a subaccount, or a balance in the module account), and order_height_offset belongs to zero-height export
// alone, so a proposal must carry the current value.
func (k *Keeper) UpdateParams(ctx context.Context, params types.Params) error {
	if err := params.Validate(); err != nil {
		return err
	}
	old, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if params.OrderHeightOffset != old.OrderHeightOffset {
		return errorsmod.Wrapf(types.ErrInvalidParams, "order_height_offset is %d and cannot be changed by governance", old.OrderHeightOffset)
	}
	if params.CollateralDenom != old.CollateralDenom {
		held, err := k.holdsCollateral(ctx, old.CollateralDenom)
		if err != nil {
			return err
		}
		if held {
			return errorsmod.Wrapf(types.ErrCollateralDenomLocked, "%s is held in subaccounts or the module account", old.CollateralDenom)
		}
	}
	if params.MaxSubaccountsPerOwner < old.MaxSubaccountsPerOwner {
		if err := k.checkSubaccountCap(ctx, params.MaxSubaccountsPerOwner); err != nil {
			return err
		}
	}
	return k.Params.Set(ctx, params)
}

// holdsCollateral reports whether any subaccount exists or the module account holds denom.
func (k *Keeper) holdsCollateral(ctx context.Context, denom string) (bool, error) {
	if k.bankKeeper.GetBalance(ctx, k.ModuleAddress(), denom).IsPositive() {
		return true, nil
	}
	iter, err := k.Subaccounts.Iterate(ctx, nil)
	if err != nil {
		return false, err
	}
	defer iter.Close()
	return iter.Valid(), nil
}
