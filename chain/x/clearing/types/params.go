package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// DefaultMaxSubaccountsPerOwner lets an owner use every subaccount number.
	DefaultMaxSubaccountsPerOwner uint32 = MaxSubaccountNumber + 1
	// DefaultMaxQueryPageSize caps list queries.
	DefaultMaxQueryPageSize uint32 = 100
)

// DefaultParams returns the parameters of a default genesis.
func DefaultParams() Params {
	return Params{
		CollateralDenom:        DefaultCollateralDenom,
		MaxSubaccountsPerOwner: DefaultMaxSubaccountsPerOwner,
		MaxQueryPageSize:       DefaultMaxQueryPageSize,
	}
}

// Validate checks every parameter and wraps the first failure in ErrInvalidParams.
func (p Params) Validate() error {
	if err := sdk.ValidateDenom(p.CollateralDenom); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "collateral_denom: %v", err)
	}
	if p.MaxSubaccountsPerOwner == 0 || p.MaxSubaccountsPerOwner > MaxSubaccountNumber+1 {
		return errorsmod.Wrapf(ErrInvalidParams, "max_subaccounts_per_owner must be in 1..%d, got %d", MaxSubaccountNumber+1, p.MaxSubaccountsPerOwner)
	}
	if p.MaxQueryPageSize == 0 || p.MaxQueryPageSize > 1000 {
		return errorsmod.Wrapf(ErrInvalidParams, "max_query_page_size must be in 1..1000, got %d", p.MaxQueryPageSize)
	}
	return nil
}
