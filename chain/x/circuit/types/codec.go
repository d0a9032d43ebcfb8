package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the circuit messages for amino JSON signing.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgTripCircuitBreaker{}, "clearchain/x/circuit/MsgTripCircuitBreaker", nil)
	cdc.RegisterConcrete(&MsgResetCircuitBreaker{}, "clearchain/x/circuit/MsgResetCircuitBreaker", nil)
}

// RegisterInterfaces registers the circuit messages with the interface registry.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), &MsgTripCircuitBreaker{}, &MsgResetCircuitBreaker{})
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
