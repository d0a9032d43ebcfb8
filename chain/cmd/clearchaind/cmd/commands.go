package cmd

import (
	"errors"

	"cosmossdk.io/log/v2"
	cmtcfg "github.com/cometbft/cometbft/config"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/debug"
	"github.com/cosmos/cosmos-sdk/client/keys"
	"github.com/cosmos/cosmos-sdk/client/pruning"
	"github.com/cosmos/cosmos-sdk/client/rpc"
	"github.com/cosmos/cosmos-sdk/client/snapshot"
	"github.com/cosmos/cosmos-sdk/server"
	serverconfig "github.com/cosmos/cosmos-sdk/server/config"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authcmd "github.com/cosmos/cosmos-sdk/x/auth/client/cli"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutilcli "github.com/cosmos/cosmos-sdk/x/genutil/client/cli"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/clearchain/clearchain/chain/app"
)

// initCometBFTConfig returns CometBFT defaults tuned for a clearing chain: sub-second blocks.
func initCometBFTConfig() *cmtcfg.Config {
	cfg := cmtcfg.DefaultConfig()
	cfg.Consensus.TimeoutCommit = defaultTimeoutCommit
	cfg.Consensus.PeerGossipSleepDuration = defaultPeerGossipSleepDuration
	// Loopback by default: an operator opens P2P to the world deliberately, never by accident.
	cfg.P2P.ListenAddress = "tcp://127.0.0.1:26656"
	return cfg
}

// OracleConfig is the [oracle] section of app.toml.
type OracleConfig struct {
	// FeederURL is the local clearchain-feeder's base URL; empty disables this validator's price votes.
	FeederURL string `mapstructure:"feeder-url"`
	// FeederTimeout bounds one feeder request from ExtendVote (at most 250ms).
	FeederTimeout string `mapstructure:"feeder-timeout"`
}

// APICORSConfig is the [api-cors] section of app.toml.
type APICORSConfig struct {
	// AllowedOrigins are the browser origins allowed to call the REST API (app.FlagAPICORSAllowedOrigins).
	AllowedOrigins []string `mapstructure:"allowed-origins"`
}

// AppConfig is app.toml: the SDK's sections plus [oracle] and [api-cors].
type AppConfig struct {
	serverconfig.Config `mapstructure:",squash"`
	// Oracle configures the local price feeder.
	Oracle OracleConfig `mapstructure:"oracle"`
	// APICORS configures CORS on the REST API.
	APICORS APICORSConfig `mapstructure:"api-cors"`
}

// oracleConfigTemplate is appended to the SDK's app.toml template.
const oracleConfigTemplate = `
###############################################################################
###                           Oracle (price feeder)                         ###
###############################################################################

[oracle]
# Base URL of this validator's clearchain-feeder (GET /prices). Empty: vote no prices.
# A missing or failing feeder only silences this validator's price vote.
feeder-url = "{{ .Oracle.FeederURL }}"
# Hard timeout of one feeder request made from ExtendVote (max 250ms).
feeder-timeout = "{{ .Oracle.FeederTimeout }}"

###############################################################################
###                       REST API CORS (browser origins)                   ###
###############################################################################

[api-cors]
# Browser origins allowed to call the REST API ([api]), e.g. ["http://localhost:*", "https://app.example.com"]:
# exact origins, or one "*" wildcard ("http://localhost:*" matches any port). Empty: no CORS headers. This is the
# narrow alternative to [api] enabled-unsafe-cors (every origin); do not set both. CometBFT's RPC has its own
# [rpc] cors_allowed_origins in config.toml.
allowed-origins = [{{ range $i, $o := .APICORS.AllowedOrigins }}{{ if $i }}, {{ end }}"{{ $o }}"{{ end }}]
`

// initAppConfig returns the SDK app.toml defaults with a non-empty minimum gas price in uclear and [oracle].
func initAppConfig() (string, interface{}) {
	srvCfg := serverconfig.DefaultConfig()
	srvCfg.MinGasPrices = "0.0025" + app.BondDenom
	srvCfg.API.Enable = true // explorers and the SDK's REST users expect it; bound to loopback
	srvCfg.API.Address = "tcp://127.0.0.1:1317"
	srvCfg.GRPC.Address = "127.0.0.1:9090"
	return serverconfig.DefaultConfigTemplate + oracleConfigTemplate, AppConfig{
		Config: *srvCfg,
		Oracle: OracleConfig{FeederURL: app.DefaultOracleFeederURL, FeederTimeout: "200ms"},
	}
}

// initRootCmd adds the node, genesis, query, tx and keys commands.
func initRootCmd(rootCmd *cobra.Command, a *app.App) {
	withDenomMetadata(a.BasicModuleManager)
	rootCmd.AddCommand(
		initCmd(a.BasicModuleManager),
		debug.Cmd(),
		pruning.Cmd(newApp, app.DefaultNodeHome),
		snapshot.Cmd(newApp),
		NewTestnetCmd(a.BasicModuleManager),
		configCommand(),
	)
	server.AddCommandsWithStartCmdOptions(rootCmd, app.DefaultNodeHome, newApp, appExport, server.StartCmdOptions{})
	addVersionExtraInfo(rootCmd) // version.go
	rootCmd.AddCommand(
		server.StatusCommand(),
		genutilcli.Commands(a.TxConfig(), a.BasicModuleManager, app.DefaultNodeHome),
		queryCommand(),
		txCommand(),
		keys.Commands(),
	)
}

// initCmd is the SDK's `init` followed by Clearchain's consensus parameters (defaultConsensusParams: a bounded
// block gas) in the genesis it wrote; the SDK command always writes CometBFT's defaults (max_gas -1, unlimited).
func initCmd(mbm module.BasicManager) *cobra.Command {
	cmd := genutilcli.InitCmd(mbm, app.DefaultNodeHome)
	sdkRunE := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := sdkRunE(cmd, args); err != nil {
			return err
		}
		genFile := server.GetServerContextFromCmd(cmd).Config.GenesisFile()
		return setGenesisConsensusParams(genFile)
	}
	return cmd
}

// setGenesisConsensusParams rewrites a genesis file's block gas limit to DefaultBlockMaxGas.
func setGenesisConsensusParams(genFile string) error {
	appGenesis, err := genutiltypes.AppGenesisFromFile(genFile)
	if err != nil {
		return err
	}
	if appGenesis.Consensus == nil {
		appGenesis.Consensus = &genutiltypes.ConsensusGenesis{}
	}
	if appGenesis.Consensus.Params == nil {
		appGenesis.Consensus.Params = defaultConsensusParams()
	}
	appGenesis.Consensus.Params.Block.MaxGas = DefaultBlockMaxGas
	return genutil.ExportGenesisFile(appGenesis, genFile)
}

// queryCommand returns `clearchaind query`; autocli adds the module queries.
func queryCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use: "query", Aliases: []string{"q"}, Short: "Querying subcommands",
		SuggestionsMinimumDistance: 2, RunE: client.ValidateCmd,
	}
	cmd.AddCommand(
		rpc.WaitTxCmd(),
		server.QueryBlockCmd(),
		authcmd.QueryTxsByEventsCmd(),
		server.QueryBlocksCmd(),
		authcmd.QueryTxCmd(),
		server.QueryBlockResultsCmd(),
	)
	return cmd
}

// txCommand returns `clearchaind tx`; autocli and the modules add their commands.
func txCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use: "tx", Short: "Transactions subcommands", SuggestionsMinimumDistance: 2, RunE: client.ValidateCmd,
	}
	cmd.AddCommand(
		authcmd.GetSignCommand(),
		authcmd.GetSignBatchCommand(),
		authcmd.GetMultiSignCommand(),
		authcmd.GetMultiSignBatchCmd(),
		authcmd.GetValidateSignaturesCommand(),
		authcmd.GetBroadcastCommand(),
		authcmd.GetEncodeCommand(),
		authcmd.GetDecodeCommand(),
		authcmd.GetSimulateCmd(),
	)
	return cmd
}

// newApp creates the application for `start` and friends, with the Prometheus metrics listener (metrics.go).
func newApp(logger log.Logger, db dbm.DB, appOpts servertypes.AppOptions) servertypes.Application {
	a := app.New(logger, db, true, appOpts, server.DefaultBaseappOptions(appOpts)...)
	registerMetricsListener(a, appOpts, logger)
	return a
}

// appExport exports state for `clearchaind export`.
func appExport(
	logger log.Logger, db dbm.DB, height int64, forZeroHeight bool,
	jailAllowedAddrs []string, appOpts servertypes.AppOptions, modulesToExport []string,
) (servertypes.ExportedApp, error) {
	viperAppOpts, ok := appOpts.(*viper.Viper)
	if !ok {
		return servertypes.ExportedApp{}, errors.New("appOpts is not viper.Viper")
	}
	viperAppOpts.Set(server.FlagInvCheckPeriod, 1)
	var a *app.App
	if height != -1 {
		a = app.New(logger, db, false, viperAppOpts)
		if err := a.LoadHeight(height); err != nil {
			return servertypes.ExportedApp{}, err
		}
	} else {
		a = app.New(logger, db, true, viperAppOpts)
	}
	return a.ExportAppStateAndValidators(forZeroHeight, jailAllowedAddrs, modulesToExport)
}
