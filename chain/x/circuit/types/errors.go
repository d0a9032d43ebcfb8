package types

import errorsmod "cosmossdk.io/errors"

// Registered circuit errors. Codes are stable.
var (
	// ErrInvalidAuthority is returned when a trip/reset comes from someone other than the authority.
	ErrInvalidAuthority = errorsmod.Register(ModuleName, 2, "invalid authority")
	// ErrMsgDisabled is returned when a transaction carries a disabled message type.
	ErrMsgDisabled = errorsmod.Register(ModuleName, 3, "message type disabled by circuit breaker")
	// ErrInvalidTypeURL is returned for an empty, malformed or unknown message type URL.
	ErrInvalidTypeURL = errorsmod.Register(ModuleName, 4, "invalid message type url")
	// ErrProtectedMsg is returned when a trip (or a genesis) would disable a message type governance or the
	// circuit breaker itself depends on (gov submit/deposit/vote/exec/cancel, authz exec, circuit trip/reset).
	ErrProtectedMsg = errorsmod.Register(ModuleName, 5, "message type is protected and cannot be disabled")
)
