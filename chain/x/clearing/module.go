// Package clearing is the Clearchain clearing module: subaccounts, collateral and (later) positions and settlement.
package clearing

import (
	"context"
	errorsmod "cosmossdk.io/errors"
	"encoding/json"

	"cosmossdk.io/core/appmodule"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/spf13/cobra"

	"github.com/clearchain/clearchain/chain/x/clearing/client/cli"
	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/simulation"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// ConsensusVersion is the clearing module's state version; bump it with a migration.
const ConsensusVersion = 1

var (
	_ module.AppModuleBasic      = AppModule{}
	_ module.HasGenesis          = AppModule{}
	_ module.HasServices         = AppModule{}
	_ module.HasConsensusVersion = AppModule{}
	_ module.HasInvariants       = AppModule{}
	_ appmodule.AppModule        = AppModule{}
	_ appmodule.HasEndBlocker    = AppModule{}
	_ module.AppModuleSimulation = AppModule{}
)

// AppModule wires the clearing keeper into the module manager.
type AppModule struct {
	cdc    codec.Codec
	keeper *keeper.Keeper
	sim    *simulation.Deps // simulation operations' keepers (nil: no operations)
}

// NewAppModule returns the clearing app module.
func NewAppModule(cdc codec.Codec, k *keeper.Keeper) AppModule {
	return AppModule{cdc: cdc, keeper: k}
}

// Name returns the module name.
func (AppModule) Name() string { return types.ModuleName }

// IsOnePerModuleType marks the module as a depinject one-per-type module.
func (AppModule) IsOnePerModuleType() {}

// IsAppModule marks the type as an app module.
func (AppModule) IsAppModule() {}

// ConsensusVersion returns the module's state version.
func (AppModule) ConsensusVersion() uint64 { return ConsensusVersion }

// RegisterLegacyAminoCodec registers amino types.
func (AppModule) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	types.RegisterLegacyAminoCodec(cdc)
}

// RegisterInterfaces registers the module's Msgs.
func (AppModule) RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	types.RegisterInterfaces(registry)
}

// RegisterGRPCGatewayRoutes registers the REST routes of the Query service.
func (AppModule) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx)); err != nil {
		panic(err)
	}
}

// GetTxCmd returns the hand-written tx commands (deposit, withdraw); autocli adds the rest.
func (AppModule) GetTxCmd() *cobra.Command { return cli.GetTxCmd() }

// RegisterServices registers the Msg and Query services.
func (am AppModule) RegisterServices(cfg module.Configurator) {
	types.RegisterMsgServer(cfg.MsgServer(), keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(cfg.QueryServer(), keeper.NewQueryServer(am.keeper))
}

// RegisterInvariants registers the collateral, no-flat-debt, open-interest, insurance-non-negative and
// liquidation-queue invariants.
func (am AppModule) RegisterInvariants(ir sdk.InvariantRegistry) {
	ir.RegisterRoute(types.ModuleName, "collateral-backed", keeper.CollateralInvariant(am.keeper))
	ir.RegisterRoute(types.ModuleName, "no-flat-debt", keeper.NoFlatDebtInvariant(am.keeper))
	ir.RegisterRoute(types.ModuleName, "open-interest", keeper.OpenInterestInvariant(am.keeper))
	ir.RegisterRoute(types.ModuleName, "insurance-non-negative", keeper.InsuranceNonNegativeInvariant(am.keeper))
	ir.RegisterRoute(types.ModuleName, "liquidation-queue", keeper.LiquidationQueueInvariant(am.keeper))
	ir.RegisterRoute(types.ModuleName, "order-expiry", keeper.OrderExpiryInvariant(am.keeper))
}

// DefaultGenesis returns the default genesis state as JSON.
func (am AppModule) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(types.DefaultGenesis())
}

// ValidateGenesis validates a genesis state given as JSON.
func (am AppModule) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	var gs types.GenesisState
	if err := cdc.UnmarshalJSON(bz, &gs); err != nil {
		return errorsmod.Wrapf(err, "failed to unmarshal %s genesis state", types.ModuleName)
	}
	return gs.Validate()
}

// InitGenesis loads the genesis state; an invalid genesis stops the chain at start, as it must.
func (am AppModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	var gs types.GenesisState
	cdc.MustUnmarshalJSON(bz, &gs)
	if err := am.keeper.InitGenesis(ctx, &gs); err != nil {
		panic(types.ModuleName + " genesis: " + err.Error())
	}
}

// ExportGenesis exports the module state as JSON.
func (am AppModule) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := am.keeper.ExportGenesis(ctx)
	if err != nil {
		panic(types.ModuleName + " export: " + err.Error())
	}
	return cdc.MustMarshalJSON(gs)
}

// EndBlock runs funding, IMF steps, order pruning and the fee payout (bounded per block).
func (am AppModule) EndBlock(ctx context.Context) error {
	return am.keeper.EndBlock(sdk.UnwrapSDKContext(ctx))
}

// GenerateGenesisState writes a randomized clearing genesis for simulations.
func (AppModule) GenerateGenesisState(simState *module.SimulationState) {
	simulation.RandomizedGenState(simState)
}

// RegisterStoreDecoder decodes clearing store entries for simulation diffs.
func (am AppModule) RegisterStoreDecoder(sdr simtypes.StoreDecoderRegistry) {
	sdr[types.StoreKey] = simtypes.NewStoreDecoderFuncFromCollectionsSchema(am.keeper.Schema)
}

// WithSimulation returns the module with the keepers its simulation operations read (app simulation manager).
func (am AppModule) WithSimulation(d *simulation.Deps) AppModule {
	am.sim = d
	return am
}

// SimDeps returns the simulation operations' dependencies and counters (nil without WithSimulation).
func (am AppModule) SimDeps() *simulation.Deps { return am.sim }

// WeightedOperations returns a random operation for every clearing message (none without WithSimulation).
func (am AppModule) WeightedOperations(simState module.SimulationState) []simtypes.WeightedOperation {
	if am.sim == nil {
		return nil
	}
	return simulation.WeightedOperations(simState, am.keeper, am.sim)
}
