package types

import (
	"bytes"

	"cosmossdk.io/math"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis returns the clearing genesis with default params and no subaccounts.
func DefaultGenesis() *GenesisState {
	markets := DefaultMarkets()
	return &GenesisState{
		Params: DefaultParams(), Subaccounts: []Subaccount{}, Markets: markets, MarketStates: []MarketState{},
		OrderFills: []GenesisOrderFill{}, Cancellations: []OrderCancellation{}, InsuranceFund: math.ZeroInt(), FeesAccrued: math.ZeroInt(),
		FundingPool: math.ZeroInt(), NextMarketId: uint32(len(markets) + 1),
	}
}

// Validate checks params, each subaccount, uniqueness, canonical order and the per-owner cap.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	var prevOwner sdk.AccAddress
	var prevNumber uint32
	perOwner := uint32(0)
	for i, sa := range gs.Subaccounts {
		owner, err := ValidateAddress("subaccount owner", sa.Owner)
		if err != nil {
			return err
		}
		if err := ValidateSubaccountNumber(sa.Number); err != nil {
			return err
		}
		if sa.Collateral.IsNil() {
			return errorsmod.Wrapf(ErrInvalidAmount, "subaccount %s/%d has no collateral value", sa.Owner, sa.Number)
		}
		if len(sa.Positions) == 0 && sa.Collateral.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidAmount, "flat subaccount %s/%d has negative collateral", sa.Owner, sa.Number)
		}
		for j, p := range sa.Positions {
			if p.Size_.IsNil() || p.Size_.IsZero() || p.QuoteBalance.IsNil() || p.FundingIndex.IsNil() ||
				(j > 0 && p.MarketId <= sa.Positions[j-1].MarketId) {
				return errorsmod.Wrapf(ErrInvalidOrder, "subaccount %s/%d: positions must be non-zero and sorted by market", sa.Owner, sa.Number)
			}
		}
		if i > 0 {
			cmp := bytes.Compare(prevOwner, owner)
			if cmp > 0 || (cmp == 0 && prevNumber >= sa.Number) {
				return errorsmod.Wrapf(ErrInvalidParams, "subaccounts must be sorted by (owner bytes, number) and unique; %s/%d is out of order", sa.Owner, sa.Number)
			}
			if cmp != 0 {
				perOwner = 0
			}
		}
		perOwner++
		if perOwner > gs.Params.MaxSubaccountsPerOwner {
			return errorsmod.Wrapf(ErrTooManySubaccounts, "owner %s has more than %d subaccounts", sa.Owner, gs.Params.MaxSubaccountsPerOwner)
		}
		prevOwner, prevNumber = owner, sa.Number
	}
	for i, m := range gs.Markets {
		if m.Id == 0 || m.Id >= gs.NextMarketId || (i > 0 && m.Id <= gs.Markets[i-1].Id) {
			return errorsmod.Wrapf(ErrInvalidMarket, "market ids must be positive, sorted, unique and below next_market_id (%d)", m.Id)
		}
	}
	if err := validateOrderFills(gs.OrderFills); err != nil {
		return err
	}
	if err := validateCancellations(gs.Cancellations); err != nil {
		return err
	}
	if gs.InsuranceFund.IsNil() || gs.InsuranceFund.IsNegative() || gs.FeesAccrued.IsNil() || gs.FeesAccrued.IsNegative() || gs.FundingPool.IsNil() {
		return errorsmod.Wrap(ErrInvalidAmount, "insurance_fund and fees_accrued must be non-negative, funding_pool set")
	}
	return nil
}

// validateOrderFills checks 32-byte hashes, positive expiries, filled sizes and the store's hash order (unique).
func validateOrderFills(fills []GenesisOrderFill) error {
	for i, of := range fills {
		if len(of.OrderHash) != 32 || of.State.GoodTilBlock <= 0 || of.State.Filled == 0 {
			return errorsmod.Wrapf(ErrInvalidOrder, "order fill %d needs a 32-byte hash, a positive good_til_block and a filled size", i)
		}
		if i > 0 && bytes.Compare(fills[i-1].OrderHash, of.OrderHash) >= 0 {
			return errorsmod.Wrapf(ErrInvalidOrder, "order fills must be sorted by hash and unique; %d is out of order", i)
		}
	}
	return nil
}

// validateCancellations checks owners, 32-byte hashes, positive expiries and the store's (owner bytes, hash) order.
func validateCancellations(cs []OrderCancellation) error {
	var prevOwner sdk.AccAddress
	var prevHash []byte
	for i, c := range cs {
		owner, err := ValidateAddress("cancellation owner", c.Owner)
		if err != nil {
			return err
		}
		if len(c.OrderHash) != 32 || c.GoodTilBlock <= 0 || c.SubaccountNumber > MaxSubaccountNumber {
			return errorsmod.Wrapf(ErrInvalidCancel, "cancellation %d needs a 32-byte hash, a positive good_til_block and a valid subaccount", i)
		}
		if i > 0 {
			cmp := bytes.Compare(prevOwner, owner)
			if cmp > 0 || (cmp == 0 && bytes.Compare(prevHash, c.OrderHash) >= 0) {
				return errorsmod.Wrapf(ErrInvalidCancel, "cancellations must be sorted by (owner bytes, hash) and unique; %d is out of order", i)
			}
		}
		prevOwner, prevHash = owner, c.OrderHash
	}
	return nil
}
