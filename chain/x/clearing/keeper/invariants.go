package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// TotalCollateral sums the collateral of every subaccount. It walks all state: use it in invariant checks
// and tests, never in a per-block path.
func (k *Keeper) TotalCollateral(ctx context.Context) (math.Int, error) {
	total := math.ZeroInt()
	err := k.Subaccounts.Walk(ctx, nil, func(_ SubaccountKey, sa types.Subaccount) (bool, error) {
		total = total.Add(sa.Collateral)
		return false, nil
	})
	return total, err
}

// CheckCollateralInvariant verifies that the module account's balance of the collateral denom equals the sum of
// subaccount collateral. It returns a description and whether the invariant is broken.
func (k *Keeper) CheckCollateralInvariant(ctx context.Context) (string, bool) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return fmt.Sprintf("cannot read params: %v", err), true
	}
	total, err := k.TotalCollateral(ctx)
	if err != nil {
		return fmt.Sprintf("cannot walk subaccounts: %v", err), true
	}
	balance := k.bankKeeper.GetBalance(ctx, k.accountKeeper.GetModuleAddress(types.ModuleName), params.CollateralDenom)
	if !balance.Amount.Equal(total) {
		return fmt.Sprintf("module balance %s%s != sum of subaccount collateral %s", balance.Amount, params.CollateralDenom, total), true
	}
	return fmt.Sprintf("module balance == sum of subaccount collateral == %s%s", total, params.CollateralDenom), false
}

// CollateralInvariant adapts CheckCollateralInvariant to the SDK's invariant signature.
func CollateralInvariant(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg, broken := k.CheckCollateralInvariant(ctx)
		return sdk.FormatInvariant(types.ModuleName, "collateral-backed", msg), broken
	}
}
