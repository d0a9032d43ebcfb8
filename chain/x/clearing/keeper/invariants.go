package keeper

import (
	"context"
	"errors"
	"fmt"
	"strings"

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
		return "cannot read params: " + err.Error(), true
	}
	collateral, quote, err := k.Totals(ctx)
	if err != nil {
		return "cannot walk subaccounts: " + err.Error(), true
	}
	insurance, err1 := k.InsuranceFund.Get(ctx)
	fees, err2 := k.FeesAccrued.Get(ctx)
	pool, err3 := k.FundingPool.Get(ctx)
	if err1 != nil || err2 != nil || err3 != nil {
		return "cannot read pools: " + errors.Join(err1, err2, err3).Error(), true
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

// CheckNoFlatDebt verifies that no subaccount without positions holds negative collateral: a trade, a transfer or
// a withdrawal never leaves a flat subaccount owing (only the liquidation and deleveraging path may, and it
// settles such debt at once). It walks all state.
func (k *Keeper) CheckNoFlatDebt(ctx context.Context) (string, bool) {
	var broken []string
	err := k.Subaccounts.Walk(ctx, nil, func(_ SubaccountKey, sa types.Subaccount) (bool, error) {
		if len(sa.Positions) == 0 && sa.Collateral.IsNegative() {
			broken = append(broken, fmt.Sprintf("%s/%d collateral %s", sa.Owner, sa.Number, sa.Collateral))
		}
		return len(broken) >= 10, nil
	})
	if err != nil {
		return "cannot walk subaccounts: " + err.Error(), true
	}
	if len(broken) > 0 {
		return "flat subaccounts with negative collateral: " + strings.Join(broken, ", "), true
	}
	return "no flat subaccount holds negative collateral", false
}

// CheckOpenInterest verifies per market that Σ long sizes = Σ short sizes = the market state's open interest.
func (k *Keeper) CheckOpenInterest(ctx context.Context) (string, bool) {
	longs, shorts := map[uint32]math.Int{}, map[uint32]math.Int{}
	err := k.Subaccounts.Walk(ctx, nil, func(_ SubaccountKey, sa types.Subaccount) (bool, error) {
		for _, p := range sa.Positions {
			if _, ok := longs[p.MarketId]; !ok {
				longs[p.MarketId], shorts[p.MarketId] = math.ZeroInt(), math.ZeroInt()
			}
			if p.Size_.IsPositive() {
				longs[p.MarketId] = longs[p.MarketId].Add(p.Size_)
			} else {
				shorts[p.MarketId] = shorts[p.MarketId].Sub(p.Size_)
			}
		}
		return false, nil
	})
	if err != nil {
		return "cannot walk subaccounts: " + err.Error(), true
	}
	var broken string
	err = k.MarketStates.Walk(ctx, nil, func(id uint32, st types.MarketState) (bool, error) {
		long, short := zeroIfNil(longs[id]), zeroIfNil(shorts[id])
		oi := math.NewIntFromUint64(st.OpenInterest)
		if !long.Equal(short) || !long.Equal(oi) {
			broken = fmt.Sprintf("market %d: longs %s, shorts %s, open interest %s", id, long, short, oi)
			return true, nil
		}
		return false, nil
	})
	if err != nil {
		return "cannot walk market states: " + err.Error(), true
	}
	if broken != "" {
		return broken, true
	}
	return "open interest matches longs and shorts in every market", false
}

// NoFlatDebtInvariant adapts CheckNoFlatDebt to the SDK's invariant signature.
func NoFlatDebtInvariant(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg, broken := k.CheckNoFlatDebt(ctx)
		return sdk.FormatInvariant(types.ModuleName, "no-flat-debt", msg), broken
	}
}

// OpenInterestInvariant adapts CheckOpenInterest to the SDK's invariant signature.
func OpenInterestInvariant(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg, broken := k.CheckOpenInterest(ctx)
		return sdk.FormatInvariant(types.ModuleName, "open-interest", msg), broken
	}
}

// CheckInsuranceNonNegative verifies the insurance fund's cash is never negative (the waterfall pays bad debt only
// up to the fund and turns to deleveraging beyond it).
func (k *Keeper) CheckInsuranceNonNegative(ctx context.Context) (string, bool) {
	fund, err := k.InsuranceFund.Get(ctx)
	if err != nil {
		return "cannot read the insurance fund: " + err.Error(), true
	}
	if fund.IsNegative() {
		return "insurance fund " + fund.String() + " < 0", true
	}
	return "insurance fund " + fund.String() + " ≥ 0", false
}

// InsuranceNonNegativeInvariant adapts CheckInsuranceNonNegative to the SDK's invariant signature.
func InsuranceNonNegativeInvariant(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg, broken := k.CheckInsuranceNonNegative(ctx)
		return sdk.FormatInvariant(types.ModuleName, "insurance-non-negative", msg), broken
	}
}
