package types

import (
	"fmt"
	"math/big"
	"strings"
)

// FormatPrice renders a fixed-point price as a decimal string without trailing zeros, e.g. (4321057, 2) → "43210.57".
func FormatPrice(quantums uint64, decimals uint32) string {
	s := new(big.Int).SetUint64(quantums).String()
	if decimals == 0 {
		return s
	}
	d := int(decimals)
	if len(s) <= d {
		s = strings.Repeat("0", d-len(s)+1) + s
	}
	intPart, frac := s[:len(s)-d], strings.TrimRight(s[len(s)-d:], "0")
	if frac == "" {
		return intPart
	}
	return intPart + "." + frac
}

// ParsePrice converts a positive decimal string into fixed point with the given decimals, truncating extra
// fractional digits (rounding toward zero). It rejects signs, exponents, empty parts and values above MaxPriceQuantums.
func ParsePrice(s string, decimals uint32) (uint64, error) {
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || (hasDot && frac == "") || !allDigits(intPart) || !allDigits(frac) {
		return 0, fmt.Errorf("price %q is not a plain positive decimal", s)
	}
	if uint32(len(frac)) > decimals {
		frac = frac[:decimals]
	}
	frac += strings.Repeat("0", int(decimals)-len(frac))
	v, ok := new(big.Int).SetString(intPart+frac, 10)
	if !ok || v.Sign() <= 0 || !v.IsUint64() || v.Uint64() > MaxPriceQuantums {
		return 0, fmt.Errorf("price %q is zero or out of range", s)
	}
	return v.Uint64(), nil
}

// allDigits reports whether s consists of ASCII digits only (the empty string qualifies).
func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
