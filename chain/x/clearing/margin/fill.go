package margin

import (
	"math/big"

	"cosmossdk.io/math"
)

// FillOutcome is the result of applying one fill to a position.
type FillOutcome struct {
	// Position is the position after the fill (funding snapshot unchanged).
	Position Position `json:"position"`
	// RealizedPnl moves into collateral: the closed part's proceeds minus its cost basis.
	RealizedPnl math.Int `json:"realized_pnl"`
	// Notional is |delta| × price in collateral base units (exact when the market's tick × step is integral).
	Notional math.Int `json:"notional"`
}

// ApplyFill applies a signed size delta (positive buys) at price to a position. The quote change is
// ⌊−delta × price⌋ (a buyer pays a little more, a seller receives a little less). When the fill reduces the
// position, the closed share of the cost basis is released into realised PnL; the remaining basis is
// ⌊quote × new/old⌋. A fill that flips the position is applied as a close followed by an open.
func ApplyFill(pos Position, delta math.Int, price uint64, sizeDecimals, priceDecimals uint32) FillOutcome {
	size, quote, d := bi(pos.Size), bi(pos.QuoteBalance), bi(delta)
	realized := new(big.Int)
	n := notional(d, price, sizeDecimals, priceDecimals)
	newSize := new(big.Int).Add(size, d)

	switch {
	case size.Sign() == 0 || size.Sign() == d.Sign():
		// Opening or increasing.
		quote = new(big.Int).Add(quote, signedValue(new(big.Int).Neg(d), price, sizeDecimals, priceDecimals))
	case newSize.Sign() == 0 || newSize.Sign() == size.Sign():
		// Reducing (possibly to flat).
		total := new(big.Int).Add(quote, signedValue(new(big.Int).Neg(d), price, sizeDecimals, priceDecimals))
		remaining := new(big.Int)
		if newSize.Sign() != 0 {
			num, den := new(big.Int).Mul(quote, newSize), new(big.Int).Set(size)
			if den.Sign() < 0 {
				num.Neg(num)
				den.Neg(den)
			}
			remaining = divFloor(num, den)
		}
		realized.Sub(total, remaining)
		quote = remaining
	default:
		// Flipping: close the whole position, then open the remainder.
		closeDelta := new(big.Int).Neg(size)
		closed := ApplyFill(pos, toInt(closeDelta), price, sizeDecimals, priceDecimals)
		opened := ApplyFill(closed.Position, toInt(newSize), price, sizeDecimals, priceDecimals)
		return FillOutcome{Position: opened.Position, RealizedPnl: closed.RealizedPnl, Notional: toInt(n)}
	}
	out := pos
	out.Size, out.QuoteBalance = toInt(newSize), toInt(quote)
	return FillOutcome{Position: out, RealizedPnl: toInt(realized), Notional: toInt(n)}
}

// Fee returns ⌈notional × fee_ppm⌉.
func Fee(notionalAmt math.Int, feePpm uint64) math.Int {
	return toInt(divCeil(new(big.Int).Mul(bi(notionalAmt), new(big.Int).SetUint64(feePpm)), bigPPM))
}
