// Package types holds the circuit module's types, keys and errors.
package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the circuit module's name, store key and codespace.
	ModuleName = "circuit"
	// StoreKey is the circuit module's KV store key.
	StoreKey = ModuleName
	// MaxTypeURLsPerMsg bounds how many type URLs one trip/reset message may carry.
	MaxTypeURLsPerMsg = 64
)

// DisabledListPrefix stores the set of disabled message type URLs.
var DisabledListPrefix = collections.NewPrefix(0)
