package types

import "cosmossdk.io/math"

// NewSubaccount returns an empty subaccount of the given owner and number.
func NewSubaccount(owner string, number uint32) Subaccount {
	return Subaccount{Owner: owner, Number: number, Collateral: math.ZeroInt()}
}

// IsEmpty reports whether the subaccount holds nothing and need not be stored.
func (s Subaccount) IsEmpty() bool {
	return s.Collateral.IsNil() || s.Collateral.IsZero()
}
