package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the clearing messages for amino JSON signing (Ledger).
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgDeposit{}, "clearchain/MsgDeposit", nil)
	cdc.RegisterConcrete(&MsgWithdraw{}, "clearchain/MsgWithdraw", nil)
	cdc.RegisterConcrete(&MsgUpdateParams{}, "clearchain/x/clearing/MsgUpdateParams", nil)
	cdc.RegisterConcrete(&MsgSubmitTrades{}, "clearchain/MsgSubmitTrades", nil)
	cdc.RegisterConcrete(&MsgTransfer{}, "clearchain/MsgTransfer", nil)
	cdc.RegisterConcrete(&MsgSetIsolated{}, "clearchain/MsgSetIsolated", nil)
	cdc.RegisterConcrete(&MsgCreateMarket{}, "clearchain/x/clearing/MsgCreateMarket", nil)
	cdc.RegisterConcrete(&MsgUpdateMarket{}, "clearchain/x/clearing/MsgUpdateMarket", nil)
	cdc.RegisterConcrete(&MsgCancelOrders{}, "clearchain/MsgCancelOrders", nil)
	cdc.RegisterConcrete(&MsgLiquidate{}, "clearchain/MsgLiquidate", nil)
	cdc.RegisterConcrete(&Params{}, "clearchain/x/clearing/Params", nil)
}

// RegisterInterfaces registers the clearing messages with the interface registry.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgDeposit{},
		&MsgWithdraw{},
		&MsgUpdateParams{},
		&MsgSubmitTrades{},
		&MsgTransfer{},
		&MsgSetIsolated{},
		&MsgCreateMarket{},
		&MsgUpdateMarket{},
		&MsgCancelOrders{},
		&MsgLiquidate{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
