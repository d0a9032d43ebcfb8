package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the oracle messages for amino JSON signing.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgUpsertPair{}, "clearchain/x/oracle/MsgUpsertPair", nil)
	cdc.RegisterConcrete(&MsgSetPairHalt{}, "clearchain/x/oracle/MsgSetPairHalt", nil)
	cdc.RegisterConcrete(&MsgUpdateParams{}, "clearchain/x/oracle/MsgUpdateParams", nil)
}

// RegisterInterfaces registers the oracle messages with the interface registry.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), &MsgUpsertPair{}, &MsgSetPairHalt{}, &MsgUpdateParams{}, &MsgInjectedVotes{})
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
	msgservice.RegisterMsgServiceDesc(registry, &_Injected_serviceDesc)
}
