package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// GasPerFill is charged per fill on top of store access: two secp256k1 verifications at the ante handler's price.
const GasPerFill storetypes.Gas = 2 * 1000

// SubmitTrades implements types.MsgServer. The whole message fails on malformed input (ValidateBasic), too many
// fills, or an unknown market; otherwise each fill settles in its own cached context and failing fills are
// reported (response and EventFillRejected) while the others proceed.
func (s msgServer) SubmitTrades(goCtx context.Context, msg *types.MsgSubmitTrades) (*types.MsgSubmitTradesResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	ctx := sdk.UnwrapSDKContext(goCtx)
	params, err := s.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if uint32(len(msg.Fills)) > params.MaxFillsPerTx {
		return nil, errorsmod.Wrapf(types.ErrTooManyFills, "%d fills, limit %d", len(msg.Fills), params.MaxFillsPerTx)
	}
	for i, f := range msg.Fills {
		for _, id := range []uint32{f.MakerOrder.MarketId, f.TakerOrder.MarketId} {
			if _, err := s.k.GetMarket(ctx, id); err != nil {
				return nil, errorsmod.Wrapf(err, "fill %d", i)
			}
		}
	}
	ctx.GasMeter().ConsumeGas(GasPerFill*storetypes.Gas(len(msg.Fills)), "clearing fill signatures")
	sigErrs := verifyFillSignatures(msg.Fills)
	res := &types.MsgSubmitTradesResponse{Results: make([]types.FillResult, 0, len(msg.Fills))}
	for i, f := range msg.Fills {
		cacheCtx, write := ctx.CacheContext()
		err := s.k.SettleFill(cacheCtx, params, uint32(i), f, sigErrs[i])
		if err == nil {
			write()
			res.Settled++
			res.Results = append(res.Results, types.FillResult{Index: uint32(i), Success: true})
			continue
		}
		codespace, code, _ := errorsmod.ABCIInfo(err, false)
		res.Results = append(res.Results, types.FillResult{Index: uint32(i), Codespace: codespace, Code: code, Log: err.Error()})
		if err := ctx.EventManager().EmitTypedEvent(&types.EventFillRejected{Index: uint32(i), Codespace: codespace, Code: code, Reason: err.Error()}); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// Transfer implements types.MsgServer: only withdrawable collateral of the source moves.
func (s msgServer) Transfer(goCtx context.Context, msg *types.MsgTransfer) (*types.MsgTransferResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	ctx := sdk.UnwrapSDKContext(goCtx)
	params, err := s.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkCollateralCoin(params, msg.Amount); err != nil {
		return nil, err
	}
	owner := sdk.MustAccAddressFromBech32(msg.Sender)
	from, err := s.k.GetSubaccount(ctx, owner, msg.FromNumber)
	if err != nil {
		return nil, err
	}
	if err := s.k.settleFunding(ctx, &from); err != nil {
		return nil, err
	}
	if from.Collateral.LT(msg.Amount.Amount) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientCollateral, "subaccount %d holds %s", msg.FromNumber, from.Collateral)
	}
	if len(from.Positions) > 0 {
		h, err := s.k.Health(ctx, from)
		if err != nil {
			return nil, err
		}
		if msg.Amount.Amount.GT(h.Withdrawable) {
			return nil, errorsmod.Wrapf(types.ErrInsufficientMargin, "requested %s, withdrawable %s", msg.Amount.Amount, h.Withdrawable)
		}
	}
	to, err := s.k.GetSubaccount(ctx, owner, msg.ToNumber)
	if err != nil {
		return nil, err
	}
	if to.IsEmpty() {
		count, err := s.k.CountSubaccounts(ctx, owner)
		if err != nil {
			return nil, err
		}
		if count >= params.MaxSubaccountsPerOwner {
			return nil, errorsmod.Wrapf(types.ErrTooManySubaccounts, "owner has %d", count)
		}
	}
	from.Collateral = from.Collateral.Sub(msg.Amount.Amount)
	to.Collateral = to.Collateral.Add(msg.Amount.Amount)
	if err := s.k.setSubaccount(ctx, owner, from); err != nil {
		return nil, err
	}
	if err := s.k.setSubaccount(ctx, owner, to); err != nil {
		return nil, err
	}
	return &types.MsgTransferResponse{}, ctx.EventManager().EmitTypedEvent(&types.EventTransfer{
		Owner: msg.Sender, FromNumber: msg.FromNumber, ToNumber: msg.ToNumber, Amount: msg.Amount.Amount.String(),
	})
}

// SetIsolated implements types.MsgServer: only a subaccount without positions changes its margin mode.
func (s msgServer) SetIsolated(goCtx context.Context, msg *types.MsgSetIsolated) (*types.MsgSetIsolatedResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	ctx := sdk.UnwrapSDKContext(goCtx)
	if msg.MarketId != 0 {
		if _, err := s.k.GetMarket(ctx, msg.MarketId); err != nil {
			return nil, err
		}
	}
	owner := sdk.MustAccAddressFromBech32(msg.Sender)
	sa, err := s.k.GetSubaccount(ctx, owner, msg.SubaccountNumber)
	if err != nil {
		return nil, err
	}
	if len(sa.Positions) > 0 {
		return nil, errorsmod.Wrapf(types.ErrNotFlat, "subaccount %d has %d positions", msg.SubaccountNumber, len(sa.Positions))
	}
	if sa.IsEmpty() && msg.MarketId != 0 {
		params, err := s.k.Params.Get(ctx)
		if err != nil {
			return nil, err
		}
		count, err := s.k.CountSubaccounts(ctx, owner)
		if err != nil {
			return nil, err
		}
		if count >= params.MaxSubaccountsPerOwner {
			return nil, errorsmod.Wrapf(types.ErrTooManySubaccounts, "owner has %d", count)
		}
	}
	sa.IsolatedMarketId = msg.MarketId
	return &types.MsgSetIsolatedResponse{}, s.k.setSubaccount(ctx, owner, sa)
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
