package types

import (
	"bytes"

	errorsmod "cosmossdk.io/errors"
)

// ValidateVoteExtension decodes and checks a vote extension: size, canonical encoding, strictly increasing
// known-and-enabled pair ids (so no duplicates), and prices in (0, MaxPriceQuantums]. An empty extension is
// valid (the validator had no prices). isEnabledPair must be deterministic.
func ValidateVoteExtension(bz []byte, maxBytes uint32, isEnabledPair func(id uint32) bool) (OracleVoteExtension, error) {
	var ext OracleVoteExtension
	if len(bz) == 0 {
		return ext, nil
	}
	if uint64(len(bz)) > uint64(maxBytes) {
		return ext, errorsmod.Wrapf(ErrInvalidVoteExtension, "%d bytes exceeds the %d byte limit", len(bz), maxBytes)
	}
	if err := ext.Unmarshal(bz); err != nil {
		return OracleVoteExtension{}, errorsmod.Wrapf(ErrInvalidVoteExtension, "decode: %v", err)
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
		if !isEnabledPair(p.PairId) {
			return OracleVoteExtension{}, errorsmod.Wrapf(ErrInvalidVoteExtension, "unknown or disabled pair %d", p.PairId)
		}
		if p.PriceQuantums == 0 || p.PriceQuantums > MaxPriceQuantums {
			return OracleVoteExtension{}, errorsmod.Wrapf(ErrInvalidVoteExtension, "pair %d price %d out of range", p.PairId, p.PriceQuantums)
		}
	}
	return ext, nil
}
