package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the clearing module's name, store key and codespace.
	ModuleName = "clearing"
	// StoreKey is the clearing module's KV store key.
	StoreKey = ModuleName
	// MaxSubaccountNumber is the highest valid subaccount number (128 subaccounts per owner: 0..127).
	MaxSubaccountNumber uint32 = 127
	// DefaultCollateralDenom is the collateral denom of a default genesis.
	DefaultCollateralDenom = "uusdc"
)

var (
	// ParamsKey stores the module Params.
	ParamsKey = collections.NewPrefix(0)
	// SubaccountsKeyPrefix stores subaccounts keyed by (owner address bytes, number).
	SubaccountsKeyPrefix = collections.NewPrefix(1)
)
