package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

type msgServer struct{ k *Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the clearing Msg service backed by the keeper.
func NewMsgServerImpl(k *Keeper) types.MsgServer { return msgServer{k: k} }

// Deposit implements types.MsgServer.
func (s msgServer) Deposit(ctx context.Context, msg *types.MsgDeposit) (*types.MsgDepositResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	owner := sdk.MustAccAddressFromBech32(msg.Sender) // validated above
	collateral, err := s.k.Deposit(ctx, owner, msg.SubaccountNumber, msg.Amount)
	if err != nil {
		return nil, err
	}
	return &types.MsgDepositResponse{Collateral: collateral}, nil
}

// Withdraw implements types.MsgServer.
func (s msgServer) Withdraw(ctx context.Context, msg *types.MsgWithdraw) (*types.MsgWithdrawResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	owner := sdk.MustAccAddressFromBech32(msg.Sender)
	recipient := owner
	if msg.Recipient != "" {
		recipient = sdk.MustAccAddressFromBech32(msg.Recipient)
	}
	collateral, err := s.k.Withdraw(ctx, owner, msg.SubaccountNumber, msg.Amount, recipient)
	if err != nil {
		return nil, err
	}
	return &types.MsgWithdrawResponse{Collateral: collateral}, nil
}

// UpdateParams implements types.MsgServer; only the authority may call it.
func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if msg.Authority != s.k.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", s.k.authority, msg.Authority)
	}
	if err := s.k.UpdateParams(ctx, msg.Params); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParamsUpdated{Authority: msg.Authority}); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}
