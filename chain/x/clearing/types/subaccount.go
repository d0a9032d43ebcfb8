package types

import "cosmossdk.io/math"

// NewSubaccount returns an empty subaccount of the given owner and number.
func NewSubaccount(owner string, number uint32) Subaccount {
	return Subaccount{Owner: owner, Number: number, Collateral: math.ZeroInt()}
}

// IsEmpty reports whether the subaccount holds nothing (no collateral, no positions, cross margin) and need not
// be stored.
func (s Subaccount) IsEmpty() bool {
	return (s.Collateral.IsNil() || s.Collateral.IsZero()) && len(s.Positions) == 0 && s.IsolatedMarketId == 0
}

// PositionIndex returns the index of the position in marketID, or -1.
func (s Subaccount) PositionIndex(marketID uint32) int {
	for i, p := range s.Positions {
		if p.MarketId == marketID {
			return i
		}
	}
	return -1
}
