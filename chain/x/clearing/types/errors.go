package types

import errorsmod "cosmossdk.io/errors"

// Registered clearing errors. Codes are stable: never renumber, only append.
var (
	// ErrInvalidSubaccountNumber is returned for a subaccount number above MaxSubaccountNumber.
	ErrInvalidSubaccountNumber = errorsmod.Register(ModuleName, 2, "invalid subaccount number")
	// ErrInvalidAmount is returned for a zero, negative or malformed amount.
	ErrInvalidAmount = errorsmod.Register(ModuleName, 3, "invalid amount")
	// ErrInvalidDenom is returned when a coin's denom is not the collateral denom.
	ErrInvalidDenom = errorsmod.Register(ModuleName, 4, "invalid denom")
	// ErrInsufficientCollateral is returned when a withdrawal exceeds the subaccount's free collateral.
	ErrInsufficientCollateral = errorsmod.Register(ModuleName, 5, "insufficient collateral")
	// ErrInvalidAuthority is returned when a governance-only message comes from another signer.
	ErrInvalidAuthority = errorsmod.Register(ModuleName, 6, "invalid authority")
	// ErrInvalidAddress is returned for a malformed bech32 address.
	ErrInvalidAddress = errorsmod.Register(ModuleName, 7, "invalid address")
	// ErrTooManySubaccounts is returned when an owner would exceed max_subaccounts_per_owner.
	ErrTooManySubaccounts = errorsmod.Register(ModuleName, 8, "too many subaccounts")
	// ErrInvalidParams is returned when params fail validation.
	ErrInvalidParams = errorsmod.Register(ModuleName, 9, "invalid params")
	// ErrWithdrawalBlocked is returned when a withdrawal hook (the margin check) refuses a withdrawal.
	ErrWithdrawalBlocked = errorsmod.Register(ModuleName, 10, "withdrawal blocked by margin check")
)

// Trade settlement, market and margin errors.
var (
	// ErrInvalidOrder is returned for a structurally invalid order or fill.
	ErrInvalidOrder = errorsmod.Register(ModuleName, 11, "invalid order")
	// ErrInvalidSignature is returned when an order signature or public key is malformed or does not verify.
	ErrInvalidSignature = errorsmod.Register(ModuleName, 12, "invalid order signature")
	// ErrWrongChainID is returned for an order signed for another chain.
	ErrWrongChainID = errorsmod.Register(ModuleName, 13, "order chain id mismatch")
	// ErrOrderExpired is returned for an order past its good_til_block.
	ErrOrderExpired = errorsmod.Register(ModuleName, 14, "order expired")
	// ErrPriceOutsideLimit is returned when the fill price violates an order's limit.
	ErrPriceOutsideLimit = errorsmod.Register(ModuleName, 15, "fill price outside order limit")
	// ErrOffTick is returned when a price is not a multiple of the market's tick size.
	ErrOffTick = errorsmod.Register(ModuleName, 16, "price not on tick")
	// ErrOffStep is returned when a size is not a multiple of the market's step size.
	ErrOffStep = errorsmod.Register(ModuleName, 17, "size not on step")
	// ErrOverfill is returned when a fill exceeds an order's remaining size (replays included).
	ErrOverfill = errorsmod.Register(ModuleName, 18, "order over-filled")
	// ErrMarketNotFound is returned for an unknown market.
	ErrMarketNotFound = errorsmod.Register(ModuleName, 19, "market not found")
	// ErrMarketNotTradable is returned for a halted or settled market.
	ErrMarketNotTradable = errorsmod.Register(ModuleName, 20, "market not tradable")
	// ErrReduceOnly is returned when a reduce-only order or market would increase a position.
	ErrReduceOnly = errorsmod.Register(ModuleName, 21, "fill would increase a position under reduce-only")
	// ErrSelfTrade is returned when both orders belong to one subaccount.
	ErrSelfTrade = errorsmod.Register(ModuleName, 22, "self-trade within one subaccount")
	// ErrInsufficientMargin is returned when a risk-increasing fill leaves a side below initial margin.
	ErrInsufficientMargin = errorsmod.Register(ModuleName, 23, "insufficient margin")
	// ErrIsolation is returned when an isolated subaccount trades another market.
	ErrIsolation = errorsmod.Register(ModuleName, 24, "subaccount is isolated to another market")
	// ErrTooManyFills is returned when a message carries more fills than params.max_fills_per_tx.
	ErrTooManyFills = errorsmod.Register(ModuleName, 25, "too many fills")
	// ErrTooManyPositions is returned when a subaccount would exceed max_positions_per_subaccount.
	ErrTooManyPositions = errorsmod.Register(ModuleName, 26, "too many positions")
	// ErrInvalidMarket is returned for an invalid market definition.
	ErrInvalidMarket = errorsmod.Register(ModuleName, 27, "invalid market")
	// ErrNotFlat is returned when an operation needs a subaccount without positions.
	ErrNotFlat = errorsmod.Register(ModuleName, 28, "subaccount has open positions")
	// ErrOrderMismatch is returned when the two orders are not opposite sides of one market.
	ErrOrderMismatch = errorsmod.Register(ModuleName, 29, "orders do not match")
	// ErrPriceUnavailable is returned when a market's oracle price is unavailable.
	ErrPriceUnavailable = errorsmod.Register(ModuleName, 30, "oracle price unavailable")
)

// Security-hardening errors (appended: codes are stable).
var (
	// ErrFillOutsideBand is returned when a fill's price is further from the oracle price than the market's band.
	ErrFillOutsideBand = errorsmod.Register(ModuleName, 31, "fill price outside the oracle band")
	// ErrVenueMismatch is returned when an order names a venue and another address submits its fill.
	ErrVenueMismatch = errorsmod.Register(ModuleName, 32, "submitter is not the order's venue")
	// ErrOrderCancelled is returned for a fill of an order its owner cancelled.
	ErrOrderCancelled = errorsmod.Register(ModuleName, 33, "order cancelled")
	// ErrOrderLifetime is returned when an order's good_til_block lies beyond max_order_lifetime_blocks.
	ErrOrderLifetime = errorsmod.Register(ModuleName, 34, "order good_til_block beyond the maximum lifetime")
	// ErrPriceNotFresh is returned when collateral would leave a subaccount whose markets' prices are stale or halted.
	ErrPriceNotFresh = errorsmod.Register(ModuleName, 35, "oracle price stale or halted")
	// ErrCollateralDenomLocked is returned when params would change the collateral denom while collateral exists.
	ErrCollateralDenomLocked = errorsmod.Register(ModuleName, 36, "collateral denom cannot change while collateral exists")
	// ErrInvalidCancel is returned for a malformed order cancellation.
	ErrInvalidCancel = errorsmod.Register(ModuleName, 37, "invalid order cancellation")
)

// Liquidation errors (appended: codes are stable).
var (
	// ErrNotLiquidatable is returned for a liquidation of a subaccount that is not below maintenance margin.
	ErrNotLiquidatable = errorsmod.Register(ModuleName, 38, "subaccount is not liquidatable")
	// ErrNoPosition is returned for a liquidation of a market the subaccount holds no position in.
	ErrNoPosition = errorsmod.Register(ModuleName, 39, "no position in market")
	// ErrBackstopLimit is returned when a takeover would exceed the backstop's per-market notional or leverage limit.
	ErrBackstopLimit = errorsmod.Register(ModuleName, 40, "backstop risk limit reached")
	// ErrInsufficientInsurance is returned when a close would leave bad debt the insurance fund cannot pay.
	ErrInsufficientInsurance = errorsmod.Register(ModuleName, 41, "insurance fund cannot cover the deficit")
)
