package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// BankKeeper is the subset of x/bank the clearing module uses to move collateral.
type BankKeeper interface {
	SendCoinsFromAccountToModule(ctx context.Context, senderAddr sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipientAddr sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromModuleToModule(ctx context.Context, senderModule, recipientModule string, amt sdk.Coins) error
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	BlockedAddr(addr sdk.AccAddress) bool
}

// AccountKeeper is the subset of x/auth the clearing module uses.
type AccountKeeper interface {
	GetModuleAddress(name string) sdk.AccAddress
}

// WithdrawalHook decides whether collateral may leave a subaccount. The margin engine implements it to keep
// withdrawals within free collateral; returning an error aborts the withdrawal with no state change.
type WithdrawalHook interface {
	BeforeWithdraw(ctx context.Context, owner sdk.AccAddress, number uint32, amount sdk.Coin) error
}
