package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// checkCollateralLeaves is the one rule for collateral leaving a subaccount, by withdrawal or transfer: the
// amount is at most the collateral, and a subaccount with positions needs a fresh, unhalted price for every
// market it holds and may release at most its withdrawable collateral (ErrInsufficientMargin otherwise). sa must
// have its funding settled. Withdrawable never exceeds collateral, so collateral stays ≥ 0.
func (k *Keeper) checkCollateralLeaves(ctx context.Context, sa types.Subaccount, coin sdk.Coin) error {
	if sa.Collateral.LT(coin.Amount) {
		return errorsmod.Wrapf(types.ErrInsufficientCollateral, "subaccount %s/%d holds %s, requested %s", sa.Owner, sa.Number, sa.Collateral, coin)
	}
	if len(sa.Positions) == 0 {
		return nil
	}
	for _, p := range sa.Positions {
		m, err := k.GetMarket(ctx, p.MarketId)
		if err != nil {
			return err
		}
		if err := k.requireFreshPrice(ctx, m); err != nil {
			return err
		}
	}
	h, err := k.Health(ctx, sa)
	if err != nil {
		return err
	}
	if coin.Amount.GT(h.Withdrawable) {
		return errorsmod.Wrapf(types.ErrInsufficientMargin, "requested %s, withdrawable %s", coin.Amount, h.Withdrawable)
	}
	return nil
}

// requireFreshPrice fails with ErrPriceNotFresh when the market's oracle pair is stale, halted or unpriced.
func (k *Keeper) requireFreshPrice(ctx context.Context, m types.Market) error {
	stale, err := k.oracle.IsStale(ctx, m.PairId)
	if err != nil || stale {
		return errorsmod.Wrapf(types.ErrPriceNotFresh, "%s price is stale", m.Ticker)
	}
	halted, err := k.oracle.IsHalted(ctx, m.PairId)
	if err != nil || halted {
		return errorsmod.Wrapf(types.ErrPriceNotFresh, "%s price is halted", m.Ticker)
	}
	return nil
}

// Transfer moves collateral between two subaccounts of one owner under the same rule as a withdrawal.
func (k *Keeper) Transfer(ctx sdk.Context, owner sdk.AccAddress, fromNumber, toNumber uint32, coin sdk.Coin) error {
	params, err := k.checkCollateralRequest(ctx, fromNumber, coin)
	if err != nil {
		return err
	}
	from, err := k.GetSubaccount(ctx, owner, fromNumber)
	if err != nil {
		return err
	}
	if err := k.settleFunding(ctx, &from); err != nil {
		return err
	}
	if err := k.checkCollateralLeaves(ctx, from, coin); err != nil {
		return err
	}
	to, err := k.GetSubaccount(ctx, owner, toNumber)
	if err != nil {
		return err
	}
	if to.IsEmpty() {
		if err := k.checkNewSubaccount(ctx, params, owner, 0); err != nil {
			return err
		}
	}
	from.Collateral = from.Collateral.Sub(coin.Amount)
	to.Collateral = to.Collateral.Add(coin.Amount)
	if err := k.setSubaccount(ctx, owner, from); err != nil {
		return err
	}
	if err := k.setSubaccount(ctx, owner, to); err != nil {
		return err
	}
	return ctx.EventManager().EmitTypedEvent(&types.EventTransfer{
		Owner: owner.String(), FromNumber: fromNumber, ToNumber: toNumber, Amount: coin.Amount.String(),
	})
}

// SetIsolated isolates a flat subaccount to one market (0 returns it to cross margin).
func (k *Keeper) SetIsolated(ctx sdk.Context, owner sdk.AccAddress, number, marketID uint32) error {
	if marketID != 0 {
		if _, err := k.GetMarket(ctx, marketID); err != nil {
			return err
		}
	}
	sa, err := k.GetSubaccount(ctx, owner, number)
	if err != nil {
		return err
	}
	if len(sa.Positions) > 0 {
		return errorsmod.Wrapf(types.ErrNotFlat, "subaccount %d has %d positions", number, len(sa.Positions))
	}
	if sa.IsEmpty() && marketID != 0 {
		params, err := k.Params.Get(ctx)
		if err != nil {
			return err
		}
		if err := k.checkNewSubaccount(ctx, params, owner, 0); err != nil {
			return err
		}
	}
	sa.IsolatedMarketId = marketID
	return k.setSubaccount(ctx, owner, sa)
}
