package types

import errorsmod "cosmossdk.io/errors"

// Liquidation defaults: each applies when its param (or market field) is 0.
const (
	// DefaultLiquidationFeePpm is 1% of the closed notional to the insurance fund.
	DefaultLiquidationFeePpm uint64 = 10_000
	// DefaultLiquidationDiscountPpm is the liquidator's largest discount to the oracle price: 0.5%.
	DefaultLiquidationDiscountPpm uint64 = 5_000
	// DefaultLiquidationBufferPpm restores a partially liquidated subaccount to MM × 1.1.
	DefaultLiquidationBufferPpm uint64 = 100_000
	// DefaultPartialLiquidationNotional is 100,000 USDC: larger positions close at most a fraction per block.
	DefaultPartialLiquidationNotional uint64 = 100_000_000_000
	// DefaultMaxPositionFractionPpm closes at most 20% of a large position per block.
	DefaultMaxPositionFractionPpm uint64 = 200_000
	// DefaultMaxLiquidationsPerBlock caps backstop liquidations per block.
	DefaultMaxLiquidationsPerBlock uint32 = 200
	// DefaultMaxLiquidationNotionalPerBlock caps the backstop's closed notional per block: 10,000,000 USDC.
	DefaultMaxLiquidationNotionalPerBlock uint64 = 10_000_000_000_000
	// DefaultSweepRecheckBlocks is the sweep index's headroom horizon.
	DefaultSweepRecheckBlocks uint64 = 100
	// DefaultAdlScanLimit bounds the positions ADL ranks per bankrupt position per block.
	DefaultAdlScanLimit uint32 = 1_000
	// DefaultBackstopMaxNotional is the backstop's largest position per market: 1,000,000 USDC.
	DefaultBackstopMaxNotional uint64 = 1_000_000_000_000
	// DefaultBackstopMaxLeveragePpm is the backstop's largest leverage after a takeover: 3x.
	DefaultBackstopMaxLeveragePpm uint64 = 3_000_000
)

// orDefault returns v, or def when v is 0.
func orDefault[T uint32 | uint64](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// LiquidationFee returns liquidation_fee_ppm or its default.
func (p Params) LiquidationFee() uint64 {
	return orDefault(p.LiquidationFeePpm, DefaultLiquidationFeePpm)
}

// LiquidationDiscount returns liquidation_discount_ppm or its default.
func (p Params) LiquidationDiscount() uint64 {
	return orDefault(p.LiquidationDiscountPpm, DefaultLiquidationDiscountPpm)
}

// LiquidationBuffer returns liquidation_buffer_ppm or its default.
func (p Params) LiquidationBuffer() uint64 {
	return orDefault(p.LiquidationBufferPpm, DefaultLiquidationBufferPpm)
}

// PartialNotional returns partial_liquidation_notional or its default.
func (p Params) PartialNotional() uint64 {
	return orDefault(p.PartialLiquidationNotional, DefaultPartialLiquidationNotional)
}

// PositionFraction returns max_position_fraction_ppm or its default.
func (p Params) PositionFraction() uint64 {
	return orDefault(p.MaxPositionFractionPpm, DefaultMaxPositionFractionPpm)
}

// LiquidationsPerBlock returns max_liquidations_per_block or its default.
func (p Params) LiquidationsPerBlock() uint32 {
	return orDefault(p.MaxLiquidationsPerBlock, DefaultMaxLiquidationsPerBlock)
}

// LiquidationNotionalPerBlock returns max_liquidation_notional_per_block or its default.
func (p Params) LiquidationNotionalPerBlock() uint64 {
	return orDefault(p.MaxLiquidationNotionalPerBlock, DefaultMaxLiquidationNotionalPerBlock)
}

// RecheckBlocks returns sweep_recheck_blocks or its default.
func (p Params) RecheckBlocks() uint64 {
	return orDefault(p.SweepRecheckBlocks, DefaultSweepRecheckBlocks)
}

// AdlLimit returns adl_scan_limit or its default.
func (p Params) AdlLimit() uint32 { return orDefault(p.AdlScanLimit, DefaultAdlScanLimit) }

// BackstopNotionalCap returns backstop_max_notional or its default.
func (m Market) BackstopNotionalCap() uint64 {
	return orDefault(m.BackstopMaxNotional, DefaultBackstopMaxNotional)
}

// BackstopLeverageCap returns backstop_max_leverage_ppm or its default.
func (m Market) BackstopLeverageCap() uint64 {
	return orDefault(m.BackstopMaxLeveragePpm, DefaultBackstopMaxLeveragePpm)
}

// validateLiquidation checks the liquidation params (0 always means the default).
func (p Params) validateLiquidation() error {
	switch {
	case p.LiquidationFeePpm > 100_000 || p.LiquidationDiscountPpm > 100_000:
		return errorsmod.Wrap(ErrInvalidParams, "liquidation_fee_ppm and liquidation_discount_ppm must be at most 100000 (10%)")
	case p.LiquidationBufferPpm > 1_000_000 || p.MaxPositionFractionPpm > 1_000_000:
		return errorsmod.Wrap(ErrInvalidParams, "liquidation_buffer_ppm and max_position_fraction_ppm must be at most 1000000")
	case p.SweepRecheckBlocks > 100_000:
		return errorsmod.Wrap(ErrInvalidParams, "sweep_recheck_blocks must be at most 100000")
	case p.MaxLiquidationsPerBlock > 100_000 || p.AdlScanLimit > 100_000:
		return errorsmod.Wrap(ErrInvalidParams, "max_liquidations_per_block and adl_scan_limit must be at most 100000")
	}
	return nil
}
