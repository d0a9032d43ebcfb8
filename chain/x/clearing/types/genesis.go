package types

import (
	"bytes"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis returns the clearing genesis with default params and no subaccounts.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), Subaccounts: []Subaccount{}}
}

// Validate checks params, each subaccount, uniqueness, canonical order and the per-owner cap.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	var prevOwner sdk.AccAddress
	var prevNumber uint32
	perOwner := uint32(0)
	for i, sa := range gs.Subaccounts {
		owner, err := ValidateAddress("subaccount owner", sa.Owner)
		if err != nil {
			return err
		}
		if err := ValidateSubaccountNumber(sa.Number); err != nil {
			return err
		}
		if sa.Collateral.IsNil() || sa.Collateral.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidAmount, "subaccount %s/%d has negative collateral", sa.Owner, sa.Number)
		}
		if i > 0 {
			cmp := bytes.Compare(prevOwner, owner)
			if cmp > 0 || (cmp == 0 && prevNumber >= sa.Number) {
				return errorsmod.Wrapf(ErrInvalidParams, "subaccounts must be sorted by (owner bytes, number) and unique; %s/%d is out of order", sa.Owner, sa.Number)
			}
			if cmp != 0 {
				perOwner = 0
			}
		}
		perOwner++
		if perOwner > gs.Params.MaxSubaccountsPerOwner {
			return errorsmod.Wrapf(ErrTooManySubaccounts, "owner %s has more than %d subaccounts", sa.Owner, gs.Params.MaxSubaccountsPerOwner)
		}
		prevOwner, prevNumber = owner, sa.Number
	}
	return nil
}
