package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// AppName is the application name reported over ABCI.
	AppName = "clearchain"
	// Bech32PrefixAccAddr is the account address prefix.
	Bech32PrefixAccAddr = "clear"
	// BondDenom is the staking and gas denom.
	BondDenom = "uclear"
	// CollateralDenom is the default collateral denom (USDC, 6 decimals).
	CollateralDenom = "uusdc"
	// CoinType is the BIP-44 coin type of Clearchain keys (the Cosmos Hub's, so standard wallets derive them).
	CoinType = 118
)

// SetAddressPrefixes configures the global SDK config with Clearchain's bech32 prefixes and bond denom.
// It is idempotent and must run before any address is encoded.
func SetAddressPrefixes() {
	cfg := sdk.GetConfig()
	if cfg.GetBech32AccountAddrPrefix() != Bech32PrefixAccAddr {
		cfg.SetBech32PrefixForAccount(Bech32PrefixAccAddr, Bech32PrefixAccAddr+sdk.PrefixPublic)
		cfg.SetBech32PrefixForValidator(Bech32PrefixAccAddr+sdk.PrefixValidator+sdk.PrefixOperator,
			Bech32PrefixAccAddr+sdk.PrefixValidator+sdk.PrefixOperator+sdk.PrefixPublic)
		cfg.SetBech32PrefixForConsensusNode(Bech32PrefixAccAddr+sdk.PrefixValidator+sdk.PrefixConsensus,
			Bech32PrefixAccAddr+sdk.PrefixValidator+sdk.PrefixConsensus+sdk.PrefixPublic)
		cfg.SetCoinType(CoinType)
	}
	sdk.DefaultBondDenom = BondDenom
}

func init() { SetAddressPrefixes() }
