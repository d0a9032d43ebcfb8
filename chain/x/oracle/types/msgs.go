package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// ValidateBasic checks a pair upsert statelessly (history length checked against state later).
func (m *MsgUpsertPair) ValidateBasic() error {
	if _, err := sdk.AccAddressFromBech32(m.Authority); err != nil {
		return errorsmod.Wrap(ErrInvalidAuthority, err.Error())
	}
	return m.Pair.Validate(10_000)
}

// ValidateBasic checks a halt/resume statelessly.
func (m *MsgSetPairHalt) ValidateBasic() error {
	if _, err := sdk.AccAddressFromBech32(m.Authority); err != nil {
		return errorsmod.Wrap(ErrInvalidAuthority, err.Error())
	}
	if m.Pair == "" {
		return errorsmod.Wrap(ErrPairNotFound, "empty pair")
	}
	return nil
}

// ValidateBasic checks a params update statelessly.
func (m *MsgUpdateParams) ValidateBasic() error {
	if _, err := sdk.AccAddressFromBech32(m.Authority); err != nil {
		return errorsmod.Wrap(ErrInvalidAuthority, err.Error())
	}
	return m.Params.Validate()
}
