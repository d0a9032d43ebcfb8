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
	// DefaultMaxOrderLifetimeBlocks is the longest an order may stay fillable: about 19 hours of 0.7 s blocks.
	DefaultMaxOrderLifetimeBlocks uint64 = 100_000
	// MaxOrderLifetimeBlocksCap bounds max_order_lifetime_blocks (about 80 days of 0.7 s blocks).
	MaxOrderLifetimeBlocksCap uint64 = 10_000_000
	// DefaultMinPremiumNotional is the smallest fill notional counted in the funding premium: 1,000 USDC.
	DefaultMinPremiumNotional uint64 = 1_000_000_000
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
		MaxOrderLifetimeBlocks:    DefaultMaxOrderLifetimeBlocks,
		MinPremiumNotional:        DefaultMinPremiumNotional,
	}
}

// OrderLifetimeBlocks returns max_order_lifetime_blocks, or its default when unset.
func (p Params) OrderLifetimeBlocks() uint64 {
	if p.MaxOrderLifetimeBlocks == 0 {
		return DefaultMaxOrderLifetimeBlocks
	}
	return p.MaxOrderLifetimeBlocks
}

// PremiumNotionalFloor returns min_premium_notional, or its default when unset.
func (p Params) PremiumNotionalFloor() uint64 {
	if p.MinPremiumNotional == 0 {
		return DefaultMinPremiumNotional
	}
	return p.MinPremiumNotional
}

// Validate checks every parameter and wraps the first failure in ErrInvalidParams.
func (p Params) Validate() error {
	if err := sdk.ValidateDenom(p.CollateralDenom); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "collateral_denom: %s", err.Error())
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
	if p.MaxOrderLifetimeBlocks > MaxOrderLifetimeBlocksCap {
		return errorsmod.Wrapf(ErrInvalidParams, "max_order_lifetime_blocks must be at most %d (0 = default)", MaxOrderLifetimeBlocksCap)
	}
	if p.OrderHeightOffset < 0 {
		return errorsmod.Wrap(ErrInvalidParams, "order_height_offset must not be negative")
	}
	return p.validateLiquidation()
}
