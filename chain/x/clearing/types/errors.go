package types

import errorsmod "cosmossdk.io/errors"

// Registered clearing errors. Codes are stable: never renumber, only append.
var (
	// ErrInvalidSubaccountNumber is returned for a subaccount number above MaxSubaccountNumber.
	ErrInvalidSubaccountNumber = errorsmod.Register(ModuleName, 2, "invalid subaccount number")
	// ErrInvalidAmount is returned for a zero, negative or malformed amount.
	ErrInvalidAmount = errorsmod.Register(ModuleName, 3, "invalid amount")
	// ErrInvalidDenom is returned when a coin's denom is not the collateral denom.
	ErrInvalidDenom = errorsmod.Register(ModuleName, 4, "invalid denom")
	// ErrInsufficientCollateral is returned when a withdrawal exceeds the subaccount's free collateral.
	ErrInsufficientCollateral = errorsmod.Register(ModuleName, 5, "insufficient collateral")
	// ErrInvalidAuthority is returned when a governance-only message comes from another signer.
	ErrInvalidAuthority = errorsmod.Register(ModuleName, 6, "invalid authority")
	// ErrInvalidAddress is returned for a malformed bech32 address.
	ErrInvalidAddress = errorsmod.Register(ModuleName, 7, "invalid address")
	// ErrTooManySubaccounts is returned when an owner would exceed max_subaccounts_per_owner.
	ErrTooManySubaccounts = errorsmod.Register(ModuleName, 8, "too many subaccounts")
	// ErrInvalidParams is returned when params fail validation.
	ErrInvalidParams = errorsmod.Register(ModuleName, 9, "invalid params")
	// ErrWithdrawalBlocked is returned when a withdrawal hook (the margin check) refuses a withdrawal.
	ErrWithdrawalBlocked = errorsmod.Register(ModuleName, 10, "withdrawal blocked by margin check")
)
