package cmd

import (
	"encoding/json"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/types/module"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/clearchain/clearchain/chain/app"
)

// DenomMetadata is the bank denom metadata of Clearchain's two denoms in every default genesis (`init`,
// `testnet init-files`): wallets, explorers and SIGN_MODE_TEXTUAL show 1 CLEAR for 1000000uclear and 1 USDC
// for 1000000uusdc. chain-registry/*/assetlist.json carries the same units.
func DenomMetadata() []banktypes.Metadata {
	return []banktypes.Metadata{
		{
			Description: "The staking and gas token of Clearchain.",
			DenomUnits: []*banktypes.DenomUnit{
				{Denom: app.BondDenom, Exponent: 0, Aliases: []string{"microclear"}},
				{Denom: "clear", Exponent: 6},
			},
			Base: app.BondDenom, Display: "clear", Name: "Clear", Symbol: "CLEAR",
		},
		{
			Description: "USD Coin, the collateral of Clearchain's margin accounts.",
			DenomUnits: []*banktypes.DenomUnit{
				{Denom: app.CollateralDenom, Exponent: 0, Aliases: []string{"microusdc"}},
				{Denom: "usdc", Exponent: 6},
			},
			Base: app.CollateralDenom, Display: "usdc", Name: "USD Coin", Symbol: "USDC",
		},
	}
}

// bankGenesisBasics is x/bank's module basics with DenomMetadata in its default genesis (validation and every
// other method are bank's own).
type bankGenesisBasics struct {
	module.AppModuleBasic
}

// DefaultGenesis is bank's default genesis plus DenomMetadata.
func (b bankGenesisBasics) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	var gen banktypes.GenesisState
	cdc.MustUnmarshalJSON(b.AppModuleBasic.(module.HasGenesisBasics).DefaultGenesis(cdc), &gen)
	gen.DenomMetadata = append(gen.DenomMetadata, DenomMetadata()...)
	return cdc.MustMarshalJSON(&gen)
}

// ValidateGenesis is bank's.
func (b bankGenesisBasics) ValidateGenesis(cdc codec.JSONCodec, txConfig client.TxEncodingConfig, bz json.RawMessage) error {
	return b.AppModuleBasic.(module.HasGenesisBasics).ValidateGenesis(cdc, txConfig, bz)
}

// withDenomMetadata makes the CLI's default genesis carry DenomMetadata (the basic manager the genesis commands use).
func withDenomMetadata(mbm module.BasicManager) {
	if bank, ok := mbm[banktypes.ModuleName]; ok {
		if _, wrapped := bank.(bankGenesisBasics); !wrapped {
			mbm[banktypes.ModuleName] = bankGenesisBasics{AppModuleBasic: bank}
		}
	}
}
