package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

var (
	_ sdk.Msg = (*MsgDeposit)(nil)
	_ sdk.Msg = (*MsgWithdraw)(nil)
	_ sdk.Msg = (*MsgUpdateParams)(nil)
	_ sdk.Msg = (*MsgCancelOrders)(nil)
)

// ValidateSubaccountNumber rejects numbers above MaxSubaccountNumber.
func ValidateSubaccountNumber(number uint32) error {
	if number > MaxSubaccountNumber {
		return errorsmod.Wrapf(ErrInvalidSubaccountNumber, "%d is above the maximum %d", number, MaxSubaccountNumber)
	}
	return nil
}

// ValidateAddress parses a bech32 account address, wrapping failures in ErrInvalidAddress.
func ValidateAddress(field, address string) (sdk.AccAddress, error) {
	addr, err := ParseAccAddress(address)
	if err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidAddress, "%s %q: %s", field, address, err.Error())
	}
	return addr, nil
}

// ValidatePositiveCoin checks that a coin is well formed and strictly positive (denom checked later against params).
func ValidatePositiveCoin(coin sdk.Coin) error {
	if coin.Amount.IsNil() || !coin.Amount.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidAmount, "amount must be positive, got %s", coin.Amount)
	}
	if err := sdk.ValidateDenom(coin.Denom); err != nil {
		return errorsmod.Wrap(ErrInvalidDenom, err.Error())
	}
	return nil
}

// ValidateBasic performs stateless checks of a deposit.
func (m *MsgDeposit) ValidateBasic() error {
	if _, err := ValidateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := ValidateSubaccountNumber(m.SubaccountNumber); err != nil {
		return err
	}
	return ValidatePositiveCoin(m.Amount)
}

// ValidateBasic performs stateless checks of a withdrawal.
func (m *MsgWithdraw) ValidateBasic() error {
	if _, err := ValidateAddress("sender", m.Sender); err != nil {
		return err
	}
	if m.Recipient != "" {
		if _, err := ValidateAddress("recipient", m.Recipient); err != nil {
			return err
		}
	}
	if err := ValidateSubaccountNumber(m.SubaccountNumber); err != nil {
		return err
	}
	return ValidatePositiveCoin(m.Amount)
}

// ValidateBasic performs stateless checks of a params update.
func (m *MsgUpdateParams) ValidateBasic() error {
	if _, err := sdk.AccAddressFromBech32(m.Authority); err != nil {
		return errorsmod.Wrapf(ErrInvalidAuthority, "authority %q: %s", m.Authority, err.Error())
	}
	return m.Params.Validate()
}

// ValidateBasic checks a liquidation statelessly.
func (m *MsgLiquidate) ValidateBasic() error {
	if _, err := ValidateAddress("liquidator", m.Liquidator); err != nil {
		return err
	}
	if _, err := ValidateAddress("owner", m.Owner); err != nil {
		return err
	}
	if err := ValidateSubaccountNumber(m.LiquidatorSubaccountNumber); err != nil {
		return err
	}
	if err := ValidateSubaccountNumber(m.SubaccountNumber); err != nil {
		return err
	}
	if m.MarketId == 0 || m.Size_ == 0 {
		return errorsmod.Wrap(ErrInvalidOrder, "market_id and size must be positive")
	}
	return nil
}
