package types

import (
	"bytes"

	errorsmod "cosmossdk.io/errors"
)

// DecodeVoteExtension decodes and checks the structure of a vote extension: at most maxBytes, canonical encoding,
// strictly increasing pair ids (so no duplicates) and prices in (0, MaxPriceQuantums]. It does not look at which
// pairs are listed: that depends on state, which may have changed since the extension was signed. An empty
// extension is valid (the validator had no prices).
func DecodeVoteExtension(bz []byte, maxBytes uint32) (OracleVoteExtension, error) {
	var ext OracleVoteExtension
	if len(bz) == 0 {
		return ext, nil
	}
	if uint64(len(bz)) > uint64(maxBytes) {
		return ext, errorsmod.Wrapf(ErrInvalidVoteExtension, "%d bytes exceeds the %d byte limit", len(bz), maxBytes)
	}
	if err := ext.Unmarshal(bz); err != nil {
		return OracleVoteExtension{}, errorsmod.Wrap(ErrInvalidVoteExtension, "decode: "+err.Error())
	}
	canonical, err := ext.Marshal()
	if err != nil || !bytes.Equal(canonical, bz) {
		return OracleVoteExtension{}, errorsmod.Wrap(ErrInvalidVoteExtension, "non-canonical encoding")
	}
	var prev uint32
	for i, p := range ext.Prices {
		if i > 0 && p.PairId <= prev {
			return OracleVoteExtension{}, errorsmod.Wrapf(ErrInvalidVoteExtension, "pair ids must be strictly increasing (duplicate or unsorted %d)", p.PairId)
		}
		prev = p.PairId
		if p.PriceQuantums == 0 || p.PriceQuantums > MaxPriceQuantums {
			return OracleVoteExtension{}, errorsmod.Wrapf(ErrInvalidVoteExtension, "pair %d price %d out of range", p.PairId, p.PriceQuantums)
		}
	}
	return ext, nil
}

// ValidateVoteExtension is DecodeVoteExtension plus: every pair id must be listed and enabled (isEnabledPair,
// which must be deterministic). VerifyVoteExtension applies it at signing time, against the current state.
func ValidateVoteExtension(bz []byte, maxBytes uint32, isEnabledPair func(id uint32) bool) (OracleVoteExtension, error) {
	ext, err := DecodeVoteExtension(bz, maxBytes)
	if err != nil {
		return OracleVoteExtension{}, err
	}
	for _, p := range ext.Prices {
		if !isEnabledPair(p.PairId) {
			return OracleVoteExtension{}, errorsmod.Wrapf(ErrInvalidVoteExtension, "unknown or disabled pair %d", p.PairId)
		}
	}
	return ext, nil
}

// EnabledPricesOnly returns the entries of prices whose pair is enabled (isEnabledPair must be deterministic),
// keeping their order. PreBlock uses it: an entry for a pair delisted since signing is ignored, not the vote.
func EnabledPricesOnly(prices []PairPrice, isEnabledPair func(id uint32) bool) []PairPrice {
	out := make([]PairPrice, 0, len(prices))
	for _, p := range prices {
		if isEnabledPair(p.PairId) {
			out = append(out, p)
		}
	}
	return out
}
