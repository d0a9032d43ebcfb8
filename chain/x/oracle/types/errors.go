package types

import errorsmod "cosmossdk.io/errors"

// Registered oracle errors. Codes are stable.
var (
	// ErrInvalidAuthority is returned when a governance message comes from another signer.
	ErrInvalidAuthority = errorsmod.Register(ModuleName, 2, "invalid authority")
	// ErrInvalidParams is returned when params fail validation.
	ErrInvalidParams = errorsmod.Register(ModuleName, 3, "invalid params")
	// ErrInvalidPair is returned for a malformed pair definition.
	ErrInvalidPair = errorsmod.Register(ModuleName, 4, "invalid currency pair")
	// ErrPairNotFound is returned for an unknown pair.
	ErrPairNotFound = errorsmod.Register(ModuleName, 5, "currency pair not found")
	// ErrTooManyPairs is returned when listing would exceed params.max_pairs.
	ErrTooManyPairs = errorsmod.Register(ModuleName, 6, "too many currency pairs")
	// ErrInvalidVoteExtension is returned for an oversized, malformed, unknown-pair or non-positive vote extension.
	ErrInvalidVoteExtension = errorsmod.Register(ModuleName, 7, "invalid oracle vote extension")
	// ErrInvalidProposal is returned when a block proposal's oracle data is missing or invalid.
	ErrInvalidProposal = errorsmod.Register(ModuleName, 8, "invalid oracle data in proposal")
	// ErrPriceUnavailable is returned when a pair has no usable price.
	ErrPriceUnavailable = errorsmod.Register(ModuleName, 9, "price unavailable")
	// ErrPairInUse is returned when an upsert would change the decimals of a pair a market uses.
	ErrPairInUse = errorsmod.Register(ModuleName, 10, "currency pair is used by a market")
	// ErrInjectedTxRefused is returned for a transaction carrying MsgInjectedVotes outside transaction 0 of a block.
	ErrInjectedTxRefused = errorsmod.Register(ModuleName, 11, "oracle injected transaction refused: only a block proposer places it")
)
