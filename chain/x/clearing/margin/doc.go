// Package margin is Clearchain's margin engine: pure integer functions with no keeper access.
//
// Units: sizes are signed base quantums (10^size_decimals per base unit); prices are oracle price quantums
// (10^price_decimals per quote unit); money (collateral, notional, PnL, fees, margin) is in collateral base units
// (uusdc, QuoteDecimals = 6). Fractions are ppm. The notional of a size at a price is
//
//	size × price × 10^QuoteDecimals / 10^(size_decimals + price_decimals)
//
// Rounding is always against the trader and stated at each function: values the trader owns round down, amounts
// the trader owes or must hold round up. Arithmetic is on big integers: no overflow, no floats.
package margin
