package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// SubmitTrades implements types.MsgServer.
func (s msgServer) SubmitTrades(goCtx context.Context, msg *types.MsgSubmitTrades) (*types.MsgSubmitTradesResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	return s.k.SubmitTrades(sdk.UnwrapSDKContext(goCtx), msg.Submitter, msg.Fills)
}

// Transfer implements types.MsgServer: only withdrawable collateral of the source moves.
func (s msgServer) Transfer(goCtx context.Context, msg *types.MsgTransfer) (*types.MsgTransferResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	owner := sdk.MustAccAddressFromBech32(msg.Sender) // validated above
	return &types.MsgTransferResponse{}, s.k.Transfer(sdk.UnwrapSDKContext(goCtx), owner, msg.FromNumber, msg.ToNumber, msg.Amount)
}

// SetIsolated implements types.MsgServer: only a subaccount without positions changes its margin mode.
func (s msgServer) SetIsolated(goCtx context.Context, msg *types.MsgSetIsolated) (*types.MsgSetIsolatedResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	owner := sdk.MustAccAddressFromBech32(msg.Sender)
	return &types.MsgSetIsolatedResponse{}, s.k.SetIsolated(sdk.UnwrapSDKContext(goCtx), owner, msg.SubaccountNumber, msg.MarketId)
}

// CancelOrders implements types.MsgServer.
func (s msgServer) CancelOrders(goCtx context.Context, msg *types.MsgCancelOrders) (*types.MsgCancelOrdersResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	owner := sdk.MustAccAddressFromBech32(msg.Sender)
	n, err := s.k.CancelOrders(sdk.UnwrapSDKContext(goCtx), owner, msg.SubaccountNumber, msg.OrderHashes, msg.GoodTilBlock)
	if err != nil {
		return nil, err
	}
	return &types.MsgCancelOrdersResponse{Cancelled: n}, nil
}

// CreateMarket implements types.MsgServer.
func (s msgServer) CreateMarket(ctx context.Context, msg *types.MsgCreateMarket) (*types.MsgCreateMarketResponse, error) {
	if msg.Authority != s.k.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", s.k.authority, msg.Authority)
	}
	id, err := s.k.CreateMarket(ctx, msg.Market)
	if err != nil {
		return nil, err
	}
	return &types.MsgCreateMarketResponse{Id: id}, nil
}

// UpdateMarket implements types.MsgServer.
func (s msgServer) UpdateMarket(ctx context.Context, msg *types.MsgUpdateMarket) (*types.MsgUpdateMarketResponse, error) {
	if msg.Authority != s.k.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", s.k.authority, msg.Authority)
	}
	return &types.MsgUpdateMarketResponse{}, s.k.UpdateMarket(ctx, msg.Market)
}
