package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// cashOf is an account's collateral plus its positions' quote balances: the money a close at a price moves.
func cashOf(a margin.Account) math.Int {
	c := zeroIfNil(a.Collateral)
	for _, p := range a.Positions {
		c = c.Add(zeroIfNil(p.QuoteBalance))
	}
	return c
}

// closeDust returns the collateral two sides of a liquidation or deleveraging close lose to rounding. Such a close
// runs at the fillable or bankruptcy price, which is not on the market's tick, so each side's cash flow
// ⌊−delta × price⌋ is rounded against it and the pair together loses 0 or 1 base unit that nobody holds. The
// caller pays it to the insurance fund, so the module balance stays equal to what the module owes (the
// collateral-backed invariant). Never negative: a close cannot create money.
func closeDust(victimBefore, victimAfter, takerBefore, takerAfter margin.Account) math.Int {
	d := cashOf(victimBefore).Add(cashOf(takerBefore)).Sub(cashOf(victimAfter)).Sub(cashOf(takerAfter))
	if d.IsNegative() {
		return math.ZeroInt()
	}
	return d
}

// settleFundingStored settles a subaccount's funding (settleFunding, which moves it through the stored funding
// pool) and stores the subaccount when anything moved. The pool and the subaccount then never disagree: a caller
// that reads the subaccount again, or returns without storing it, cannot move the same funding into the pool twice.
func (k *Keeper) settleFundingStored(ctx context.Context, owner sdk.AccAddress, sa *types.Subaccount) error {
	before := make([]math.Int, len(sa.Positions))
	for i, p := range sa.Positions {
		before[i] = p.FundingIndex
	}
	if err := k.settleFunding(ctx, sa); err != nil {
		return err
	}
	for i, p := range sa.Positions {
		if !p.FundingIndex.Equal(before[i]) {
			return k.setSubaccount(ctx, owner, *sa)
		}
	}
	return nil
}

// checkSubaccountCap refuses a max_subaccounts_per_owner below what an owner already holds: the genesis rule
// (types.GenesisState.Validate) enforces the cap on existing subaccounts, so a lower cap would make the chain's
// own export unimportable. One walk of the subaccounts (keys are ordered by owner); governance messages only.
func (k *Keeper) checkSubaccountCap(ctx context.Context, maxPerOwner uint32) error {
	var owner sdk.AccAddress
	var count uint32
	var over error
	err := k.Subaccounts.Walk(ctx, nil, func(key SubaccountKey, _ types.Subaccount) (bool, error) {
		if !key.K1().Equals(owner) {
			owner, count = key.K1(), 0
		}
		count++
		if count > maxPerOwner {
			over = errorsmod.Wrapf(types.ErrInvalidParams, "max_subaccounts_per_owner %d is below the %d subaccounts owner %s holds",
				maxPerOwner, count, owner.String())
			return true, nil
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	return over
}
