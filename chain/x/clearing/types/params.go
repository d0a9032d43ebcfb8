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
		CollateralDenom:           DefaultCollateralDenom,
		MaxSubaccountsPerOwner:    DefaultMaxSubaccountsPerOwner,
		MaxQueryPageSize:          DefaultMaxQueryPageSize,
		MaxUpnlWithdrawPpm:        0, // unrealised profit is not withdrawable until realised (the Mango lesson)
		InsuranceFeeSharePpm:      500_000,
		MaxFillsPerTx:             2_000,
		MaxPositionsPerSubaccount: 32,
		MaxOrderPrunesPerBlock:    1_000,
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
	if p.MaxUpnlWithdrawPpm > 1_000_000 || p.InsuranceFeeSharePpm > 1_000_000 {
		return errorsmod.Wrap(ErrInvalidParams, "max_upnl_withdraw_ppm and insurance_fee_share_ppm must be at most 1000000")
	}
	if p.MaxFillsPerTx == 0 || p.MaxFillsPerTx > MaxFillsHardCap {
		return errorsmod.Wrapf(ErrInvalidParams, "max_fills_per_tx must be in 1..%d", MaxFillsHardCap)
	}
	if p.MaxPositionsPerSubaccount == 0 || p.MaxPositionsPerSubaccount > 256 {
		return errorsmod.Wrap(ErrInvalidParams, "max_positions_per_subaccount must be in 1..256")
	}
	if p.MaxOrderPrunesPerBlock == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "max_order_prunes_per_block must be positive")
	}
	return nil
}
