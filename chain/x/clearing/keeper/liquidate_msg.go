package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// Liquidate implements types.MsgServer: a permissionless liquidator takes over (part of) a liquidatable position.
func (s msgServer) Liquidate(goCtx context.Context, msg *types.MsgLiquidate) (*types.MsgLiquidateResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	ctx := sdk.UnwrapSDKContext(goCtx)
	liquidator := sdk.MustAccAddressFromBech32(msg.Liquidator)
	owner := sdk.MustAccAddressFromBech32(msg.Owner)
	step, err := s.k.LiquidateByLiquidator(ctx, liquidator, msg.LiquidatorSubaccountNumber, owner, msg.SubaccountNumber, msg.MarketId, math.NewIntFromUint64(msg.Size_))
	if err != nil {
		return nil, err
	}
	return &types.MsgLiquidateResponse{Size_: step.size.Abs().Uint64(), Price: step.price, Fee: step.fee}, nil
}

// LiquidateByLiquidator closes at most size of a liquidatable subaccount's position in market into the
// liquidator's subaccount at the fillable price. The subaccount must be in the sweep's liquidatable set for this
// block and still below maintenance margin now; the liquidator cannot liquidate itself.
func (k *Keeper) LiquidateByLiquidator(ctx sdk.Context, liquidator sdk.AccAddress, liquidatorNumber uint32, owner sdk.AccAddress, number, marketID uint32, size math.Int) (liquidationStep, error) {
	if liquidator.Equals(owner) && liquidatorNumber == number {
		return liquidationStep{}, errorsmod.Wrap(types.ErrSelfTrade, "a subaccount cannot liquidate itself")
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return liquidationStep{}, err
	}
	market, err := k.GetMarket(ctx, marketID)
	if err != nil {
		return liquidationStep{}, err
	}
	listed, err := k.IsLiquidatable(ctx, collections.Join(owner, number))
	if err != nil {
		return liquidationStep{}, err
	}
	if !listed {
		return liquidationStep{}, errorsmod.Wrapf(types.ErrNotLiquidatable, "%s/%d was not found liquidatable by this block's sweep", owner, number)
	}
	v, err := k.loadVictim(ctx, owner, number, marketID)
	if err != nil {
		return liquidationStep{}, err
	}
	closeSize, price, err := k.closingTerms(params, market, v, size)
	if err != nil {
		return liquidationStep{}, err
	}
	return k.liquidate(ctx, params, market, v, closeSize, price, liquidationTaker{owner: liquidator, number: liquidatorNumber})
}
