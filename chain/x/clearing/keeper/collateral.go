package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// checkCollateralCoin validates a coin against the params' collateral denom.
func checkCollateralCoin(params types.Params, coin sdk.Coin) error {
	if err := types.ValidatePositiveCoin(coin); err != nil {
		return err
	}
	if coin.Denom != params.CollateralDenom {
		return errorsmod.Wrapf(types.ErrInvalidDenom, "got %s, collateral denom is %s", coin.Denom, params.CollateralDenom)
	}
	return nil
}

// checkCollateralRequest validates a subaccount number and a collateral coin against the params it returns.
func (k *Keeper) checkCollateralRequest(ctx context.Context, number uint32, coin sdk.Coin) (types.Params, error) {
	if err := types.ValidateSubaccountNumber(number); err != nil {
		return types.Params{}, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return types.Params{}, err
	}
	return params, checkCollateralCoin(params, coin)
}

// Deposit moves coin from owner's bank balance into the module account and credits the subaccount.
// It returns the subaccount collateral after the deposit. On error nothing changes (the caller's cached context
// is discarded).
func (k *Keeper) Deposit(ctx context.Context, owner sdk.AccAddress, number uint32, coin sdk.Coin) (math.Int, error) {
	params, err := k.checkCollateralRequest(ctx, number, coin)
	if err != nil {
		return math.Int{}, err
	}
	sa, err := k.GetSubaccount(ctx, owner, number)
	if err != nil {
		return math.Int{}, err
	}
	if sa.IsEmpty() {
		if err := k.checkNewSubaccount(ctx, params, owner, 0); err != nil {
			return math.Int{}, err
		}
	}
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, owner, types.ModuleName, sdk.NewCoins(coin)); err != nil {
		return math.Int{}, err
	}
	sa.Collateral = sa.Collateral.Add(coin.Amount)
	if err := k.setSubaccount(ctx, owner, sa); err != nil {
		return math.Int{}, err
	}
	err = sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventDeposit{
		Owner: owner.String(), SubaccountNumber: number, Denom: coin.Denom, Amount: coin.Amount, CollateralAfter: sa.Collateral,
	})
	return sa.Collateral, err
}

// Withdraw debits the subaccount and sends coin from the module account to recipient.
// The margin rule (checkCollateralLeaves, shared with Transfer) and then any withdrawal hooks run before state changes. Returns the collateral after the withdrawal.
func (k *Keeper) Withdraw(ctx context.Context, owner sdk.AccAddress, number uint32, coin sdk.Coin, recipient sdk.AccAddress) (math.Int, error) {
	if _, err := k.checkCollateralRequest(ctx, number, coin); err != nil {
		return math.Int{}, err
	}
	if k.bankKeeper.BlockedAddr(recipient) {
		return math.Int{}, errorsmod.Wrapf(types.ErrInvalidAddress, "recipient %s is not allowed to receive funds", recipient)
	}
	sa, err := k.GetSubaccount(ctx, owner, number)
	if err != nil {
		return math.Int{}, err
	}
	if err := k.settleFunding(ctx, &sa); err != nil {
		return math.Int{}, err
	}
	if err := k.checkCollateralLeaves(ctx, sa, coin); err != nil {
		return math.Int{}, err
	}
	for _, h := range k.withdrawalHooks {
		if err := h.BeforeWithdraw(ctx, owner, number, coin); err != nil {
			return math.Int{}, errorsmod.Wrap(types.ErrWithdrawalBlocked, err.Error())
		}
	}
	sa.Collateral = sa.Collateral.Sub(coin.Amount)
	if err := k.setSubaccount(ctx, owner, sa); err != nil {
		return math.Int{}, err
	}
	if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, recipient, sdk.NewCoins(coin)); err != nil {
		return math.Int{}, err
	}
	err = sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventWithdraw{
		Owner: owner.String(), SubaccountNumber: number, Recipient: recipient.String(), Denom: coin.Denom,
		Amount: coin.Amount, CollateralAfter: sa.Collateral,
	})
	return sa.Collateral, err
}
