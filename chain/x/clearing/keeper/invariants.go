package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// Totals sums subaccount collateral and the quote balances of all positions.
// It walks all state: use it in invariant checks and tests, never in a per-block path.
func (k *Keeper) Totals(ctx context.Context) (collateral, quote math.Int, err error) {
	collateral, quote = math.ZeroInt(), math.ZeroInt()
	err = k.Subaccounts.Walk(ctx, nil, func(_ SubaccountKey, sa types.Subaccount) (bool, error) {
		collateral = collateral.Add(sa.Collateral)
		for _, p := range sa.Positions {
			quote = quote.Add(p.QuoteBalance)
		}
		return false, nil
	})
	return collateral, quote, err
}

// TotalCollateral sums the collateral of every subaccount.
func (k *Keeper) TotalCollateral(ctx context.Context) (math.Int, error) {
	c, _, err := k.Totals(ctx)
	return c, err
}

// CheckCollateralInvariant verifies that the module account's collateral-denom balance equals
// Σ subaccount collateral + Σ position quote balances + insurance fund + fees accrued + funding pool.
// Fills move cash between quote balances exactly (tick × step notional is integral) and realised PnL moves it from
// a quote balance into collateral, so the sum is conserved; open positions' values net to zero across longs and
// shorts at one oracle price. It returns a description and whether it is broken.
func (k *Keeper) CheckCollateralInvariant(ctx context.Context) (string, bool) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return fmt.Sprintf("cannot read params: %v", err), true
	}
	collateral, quote, err := k.Totals(ctx)
	if err != nil {
		return fmt.Sprintf("cannot walk subaccounts: %v", err), true
	}
	insurance, err1 := k.InsuranceFund.Get(ctx)
	fees, err2 := k.FeesAccrued.Get(ctx)
	pool, err3 := k.FundingPool.Get(ctx)
	if err1 != nil || err2 != nil || err3 != nil {
		return fmt.Sprintf("cannot read pools: %v %v %v", err1, err2, err3), true
	}
	owed := collateral.Add(quote).Add(insurance).Add(fees).Add(pool)
	balance := k.bankKeeper.GetBalance(ctx, k.ModuleAddress(), params.CollateralDenom)
	if !balance.Amount.Equal(owed) {
		return fmt.Sprintf("module balance %s%s != collateral %s + quote balances %s + insurance %s + fees %s + funding pool %s",
			balance.Amount, params.CollateralDenom, collateral, quote, insurance, fees, pool), true
	}
	return fmt.Sprintf("module balance == %s%s", owed, params.CollateralDenom), false
}

// CollateralInvariant adapts CheckCollateralInvariant to the SDK's invariant signature.
func CollateralInvariant(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg, broken := k.CheckCollateralInvariant(ctx)
		return sdk.FormatInvariant(types.ModuleName, "collateral-backed", msg), broken
	}
}
