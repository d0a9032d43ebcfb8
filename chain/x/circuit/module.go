// Package circuit is Clearchain's emergency brake: governance disables and re-enables message types.
// It replaces the SDK's x/circuit, which v0.54 moved to contrib and which the Go proxy here does not serve.
package circuit

import (
	"context"
	"encoding/json"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	"cosmossdk.io/core/appmodule"
	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"

	"github.com/clearchain/clearchain/chain/x/circuit/keeper"
	"github.com/clearchain/clearchain/chain/x/circuit/types"
)

var (
	_ module.AppModuleBasic = AppModule{}
	_ module.HasGenesis     = AppModule{}
	_ module.HasServices    = AppModule{}
	_ appmodule.AppModule   = AppModule{}
)

// AppModule wires the circuit keeper into the module manager.
type AppModule struct{ keeper *keeper.Keeper }

// NewAppModule returns the circuit app module.
func NewAppModule(k *keeper.Keeper) AppModule { return AppModule{keeper: k} }

// Name returns the module name.
func (AppModule) Name() string { return types.ModuleName }

// IsOnePerModuleType marks the module as one-per-type.
func (AppModule) IsOnePerModuleType() {}

// IsAppModule marks the type as an app module.
func (AppModule) IsAppModule() {}

// ConsensusVersion returns the module's state version.
func (AppModule) ConsensusVersion() uint64 { return 1 }

// RegisterLegacyAminoCodec registers amino types.
func (AppModule) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	types.RegisterLegacyAminoCodec(cdc)
}

// RegisterInterfaces registers the module's Msgs.
func (AppModule) RegisterInterfaces(r codectypes.InterfaceRegistry) { types.RegisterInterfaces(r) }

// RegisterGRPCGatewayRoutes registers the REST routes.
func (AppModule) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx)); err != nil {
		panic(err)
	}
}

// RegisterServices registers the Msg and Query services.
func (am AppModule) RegisterServices(cfg module.Configurator) {
	types.RegisterMsgServer(cfg.MsgServer(), keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(cfg.QueryServer(), keeper.NewQueryServer(am.keeper))
}

// DefaultGenesis returns the default genesis as JSON.
func (AppModule) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(types.DefaultGenesis())
}

// ValidateGenesis validates a genesis given as JSON.
func (AppModule) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	var gs types.GenesisState
	if err := cdc.UnmarshalJSON(bz, &gs); err != nil {
		// Wrap, not %w: a wrapped error formatted with %v/%w carries its source path (see app/determinism_lint_test.go).
		return errorsmod.Wrapf(err, "failed to unmarshal %s genesis state", types.ModuleName)
	}
	return gs.Validate()
}

// InitGenesis loads the disabled list.
func (am AppModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	var gs types.GenesisState
	cdc.MustUnmarshalJSON(bz, &gs)
	if err := am.keeper.InitGenesis(ctx, &gs); err != nil {
		panic(errorsmod.Wrapf(err, "%s genesis", types.ModuleName))
	}
}

// ExportGenesis exports the disabled list.
func (am AppModule) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	urls, err := am.keeper.DisabledTypeURLs(ctx)
	if err != nil {
		panic(err)
	}
	return cdc.MustMarshalJSON(&types.GenesisState{DisabledTypeUrls: urls})
}

// AutoCLIOptions exposes the disabled-list query; trip/reset go through governance proposals.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "clearchain.circuit.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "DisabledList", Use: "disabled-list", Short: "List the message types disabled by the circuit breaker"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "clearchain.circuit.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "TripCircuitBreaker", Use: "trip-proposal [msg-type-urls...]", Short: "Submit a governance proposal to disable message types", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "msg_type_urls", Varargs: true}}, GovProposal: true},
				{RpcMethod: "ResetCircuitBreaker", Use: "reset-proposal [msg-type-urls...]", Short: "Submit a governance proposal to re-enable message types", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "msg_type_urls", Varargs: true}}, GovProposal: true},
			},
		},
	}
}
