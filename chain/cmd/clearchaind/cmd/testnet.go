package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"cosmossdk.io/math"
	cmtconfig "github.com/cometbft/cometbft/config"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	"github.com/cosmos/cosmos-sdk/server"
	srvconfig "github.com/cosmos/cosmos-sdk/server/config"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/spf13/cobra"

	"github.com/clearchain/clearchain/chain/app"
	"github.com/clearchain/clearchain/chain/rest"
)

const (
	flagNumValidators = "v"
	flagOutputDir     = "output-dir"
	flagStartingPort  = "starting-port"
	flagPortStride    = "port-stride"
	flagVotingPeriod  = "gov-voting-period"
	flagMetrics       = "metrics"
	flagSwagger       = "swagger"
	flagCORSLocalhost = "cors-localhost"
)

// testnetPorts are one node's loopback listen ports (Feeder is where its price-feeder is expected; +6 is left
// free, the localnet's liquidator uses node0's).
type testnetPorts struct{ P2P, RPC, API, GRPC, Pprof, Feeder, Prometheus int }

// portsFor returns node i's ports: base+stride*i+{0..5, 7}, all on 127.0.0.1.
func portsFor(base, stride, i int) testnetPorts {
	b := base + stride*i
	return testnetPorts{P2P: b, RPC: b + 1, API: b + 2, GRPC: b + 3, Pprof: b + 4, Feeder: b + 5, Prometheus: b + 7}
}

// testnetOptions are the optional settings of `testnet init-files`.
type testnetOptions struct {
	// votingPeriod, when positive, is the genesis gov voting period (expedited: half of it).
	votingPeriod time.Duration
	// metrics turns on CometBFT's Prometheus listener (per-node port) and the app's telemetry (REST /metrics).
	metrics bool
	// swagger serves the OpenAPI document and Swagger UI at /swagger/ on the REST API.
	swagger bool
	// corsLocalhost lets pages on localhost origins call the RPC and REST ports.
	corsLocalhost bool
}

// NewTestnetCmd returns `testnet init-files`, which writes the homes of an N-validator loopback network.
func NewTestnetCmd(mbm module.BasicManager) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "testnet",
		Short: "Create the configuration of a local multi-validator test network",
		RunE:  client.ValidateCmd,
	}
	cmd.AddCommand(newTestnetInitFilesCmd(mbm))
	return cmd
}

func newTestnetInitFilesCmd(mbm module.BasicManager) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init-files",
		Short: "Write node homes (node0..nodeN-1) with keys, gentxs and a shared genesis for a 127.0.0.1 network",
		Long: `Each node i listens on 127.0.0.1 at starting-port + port-stride*i + {0 p2p, 1 rpc, 2 api, 3 grpc, 4 pprof,
7 CometBFT Prometheus /metrics} and expects its clearchain-feeder at +5 ([oracle] feeder-url in app.toml).
Validator keys are in each home's test keyring under the name "validator"; mnemonics in <home>/key_seed.json.
By default every node has metrics on (CometBFT Prometheus on its +7 port; [telemetry] enabled with
prometheus-retention-time, so the REST API serves /metrics too), the Swagger UI at /swagger/ on its REST port, and
CORS for http(s)://localhost:* and 127.0.0.1:* origins on its RPC and REST ports (--metrics, --swagger and
--cors-localhost =false turn them off). --gov-voting-period sets a short governance voting period.
Like every flag, these can be given as environment variables: CLEARCHAIND_GOV_VOTING_PERIOD=30s, ...
Start each node with: clearchaind start --home <output-dir>/node<i>`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			n, _ := cmd.Flags().GetInt(flagNumValidators)
			out, _ := cmd.Flags().GetString(flagOutputDir)
			chainID, _ := cmd.Flags().GetString(flags.FlagChainID)
			base, _ := cmd.Flags().GetInt(flagStartingPort)
			stride, _ := cmd.Flags().GetInt(flagPortStride)
			if n < 1 || n > 64 {
				return fmt.Errorf("--v must be in 1..64, got %d", n)
			}
			if stride < 8 {
				return fmt.Errorf("--port-stride must be at least 8")
			}
			if chainID == "" {
				chainID = "clearchain-testnet"
			}
			var opts testnetOptions
			opts.votingPeriod, _ = cmd.Flags().GetDuration(flagVotingPeriod)
			opts.metrics, _ = cmd.Flags().GetBool(flagMetrics)
			opts.swagger, _ = cmd.Flags().GetBool(flagSwagger)
			opts.corsLocalhost, _ = cmd.Flags().GetBool(flagCORSLocalhost)
			if opts.votingPeriod < 0 {
				return fmt.Errorf("--%s must not be negative", flagVotingPeriod)
			}
			return initTestnetFiles(clientCtx, mbm, n, out, chainID, base, stride, opts)
		},
	}
	cmd.Flags().Int(flagNumValidators, 4, "number of validators")
	cmd.Flags().String(flagOutputDir, "./build/testnet", "directory that receives node0..nodeN-1")
	cmd.Flags().String(flags.FlagChainID, "clearchain-testnet", "chain id")
	cmd.Flags().Int(flagStartingPort, 26600, "first port of node0")
	cmd.Flags().Int(flagPortStride, 10, "port distance between nodes (at least 8)")
	cmd.Flags().Duration(flagVotingPeriod, 0, "genesis gov voting period, e.g. 30s (expedited: half of it); 0 keeps the SDK default (48h)")
	cmd.Flags().Bool(flagMetrics, true, "CometBFT Prometheus on each node's +7 port and app telemetry (REST /metrics)")
	cmd.Flags().Bool(flagSwagger, true, "serve the OpenAPI document and Swagger UI at /swagger/ on each REST port")
	cmd.Flags().Bool(flagCORSLocalhost, true, "allow browser pages on localhost origins to call the RPC and REST ports")
	return cmd
}

// initTestnetFiles creates the homes, keys, gentxs and the shared genesis.
func initTestnetFiles(clientCtx client.Context, mbm module.BasicManager, n int, out, chainID string, base, stride int, opts testnetOptions) error {
	var (
		genAccounts []authtypes.GenesisAccount
		genBalances []banktypes.Balance
		nodeIDs     = make([]string, n)
		homes       = make([]string, n)
	)
	accountCoins := sdk.NewCoins(
		sdk.NewCoin(app.BondDenom, math.NewInt(1_000_000_000_000)),
		sdk.NewCoin(app.CollateralDenom, math.NewInt(1_000_000_000_000)),
	)
	selfDelegation := sdk.NewCoin(app.BondDenom, math.NewInt(100_000_000_000))
	gentxsDir := filepath.Join(out, "gentxs")
	if err := os.MkdirAll(gentxsDir, 0o755); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		moniker := fmt.Sprintf("node%d", i)
		home := filepath.Join(out, moniker)
		homes[i] = home
		ports := portsFor(base, stride, i)
		cfg := initCometBFTConfig()
		cfg.SetRoot(home)
		cfg.Moniker = moniker
		cfg.P2P.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", ports.P2P)
		cfg.RPC.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", ports.RPC)
		cfg.RPC.PprofListenAddress = fmt.Sprintf("127.0.0.1:%d", ports.Pprof)
		cfg.P2P.AddrBookStrict = false
		cfg.P2P.AllowDuplicateIP = true
		cfg.Instrumentation.Prometheus = opts.metrics
		cfg.Instrumentation.PrometheusListenAddr = fmt.Sprintf("127.0.0.1:%d", ports.Prometheus)
		if opts.corsLocalhost {
			cfg.RPC.CORSAllowedOrigins = append([]string(nil), rest.LocalhostOrigins...)
		}
		if err := os.MkdirAll(filepath.Join(home, "config"), 0o755); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(home, "data"), 0o755); err != nil {
			return err
		}
		nodeID, valPubKey, err := genutil.InitializeNodeValidatorFiles(cfg)
		if err != nil {
			return err
		}
		nodeIDs[i] = nodeID

		kb, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, home, nil, clientCtx.Codec)
		if err != nil {
			return err
		}
		record, mnemonic, err := kb.NewMnemonic("validator", keyring.English, sdk.FullFundraiserPath, "", hd.Secp256k1)
		if err != nil {
			return err
		}
		addr, err := record.GetAddress()
		if err != nil {
			return err
		}
		seed, _ := json.MarshalIndent(map[string]string{"name": "validator", "address": addr.String(), "mnemonic": mnemonic}, "", "  ")
		if err := os.WriteFile(filepath.Join(home, "key_seed.json"), seed, 0o600); err != nil {
			return err
		}
		genAccounts = append(genAccounts, authtypes.NewBaseAccount(addr, nil, 0, 0))
		genBalances = append(genBalances, banktypes.Balance{Address: addr.String(), Coins: accountCoins})

		msg, err := stakingtypes.NewMsgCreateValidator(sdk.ValAddress(addr).String(), valPubKey, selfDelegation,
			stakingtypes.NewDescription(moniker, "", "", "", ""),
			stakingtypes.NewCommissionRates(math.LegacyNewDecWithPrec(1, 1), math.LegacyNewDecWithPrec(2, 1), math.LegacyNewDecWithPrec(1, 2)),
			math.OneInt())
		if err != nil {
			return err
		}
		txBuilder := clientCtx.TxConfig.NewTxBuilder()
		if err := txBuilder.SetMsgs(msg); err != nil {
			return err
		}
		txBuilder.SetMemo(fmt.Sprintf("%s@127.0.0.1:%d", nodeID, ports.P2P))
		txf := tx.Factory{}.WithChainID(chainID).WithKeybase(kb).WithTxConfig(clientCtx.TxConfig).WithMemo(txBuilder.GetTx().GetMemo())
		if err := tx.Sign(context.Background(), txf, "validator", txBuilder, true); err != nil {
			return err
		}
		txBz, err := clientCtx.TxConfig.TxJSONEncoder()(txBuilder.GetTx())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(gentxsDir, moniker+".json"), txBz, 0o600); err != nil {
			return err
		}

		template, defaults := initAppConfig()
		appCfg := defaults.(AppConfig)
		appCfg.API.Enable = true
		appCfg.API.Address = fmt.Sprintf("tcp://127.0.0.1:%d", ports.API)
		appCfg.GRPC.Address = fmt.Sprintf("127.0.0.1:%d", ports.GRPC)
		appCfg.Oracle.FeederURL = fmt.Sprintf("http://127.0.0.1:%d", ports.Feeder)
		appCfg.API.Swagger = opts.swagger
		if opts.metrics {
			appCfg.Telemetry.Enabled = true
			appCfg.Telemetry.PrometheusRetentionTime = 60
		}
		if opts.corsLocalhost {
			appCfg.APICORS.AllowedOrigins = append([]string(nil), rest.LocalhostOrigins...)
		}
		srvconfig.SetConfigTemplate(template)
		srvconfig.WriteConfigFile(filepath.Join(home, "config", "app.toml"), appCfg)
		cmtconfig.WriteConfigFile(filepath.Join(home, "config", "config.toml"), cfg)
	}

	genFile, err := writeTestnetGenesis(clientCtx, mbm, chainID, genAccounts, genBalances, homes[0], opts.votingPeriod)
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if err := collectTestnetNode(clientCtx, mbm, homes[i], gentxsDir, genFile, nodeIDs, base, stride, i); err != nil {
			return err
		}
	}
	fmt.Printf("initialised %d validators in %s (chain-id %s)\n", n, out, chainID)
	return nil
}

// writeTestnetGenesis writes a genesis with the accounts and balances into the first node's home.
func writeTestnetGenesis(clientCtx client.Context, mbm module.BasicManager, chainID string,
	accounts []authtypes.GenesisAccount, balances []banktypes.Balance, home string, votingPeriod time.Duration,
) (string, error) {
	appState := mbm.DefaultGenesis(clientCtx.Codec)
	if votingPeriod > 0 {
		var govGen govv1.GenesisState
		clientCtx.Codec.MustUnmarshalJSON(appState[govtypes.ModuleName], &govGen)
		expedited := votingPeriod / 2
		govGen.Params.VotingPeriod, govGen.Params.ExpeditedVotingPeriod = &votingPeriod, &expedited
		appState[govtypes.ModuleName] = clientCtx.Codec.MustMarshalJSON(&govGen)
	}

	var authGen authtypes.GenesisState
	clientCtx.Codec.MustUnmarshalJSON(appState[authtypes.ModuleName], &authGen)
	packed, err := authtypes.PackAccounts(accounts)
	if err != nil {
		return "", err
	}
	authGen.Accounts = packed
	appState[authtypes.ModuleName] = clientCtx.Codec.MustMarshalJSON(&authGen)

	var bankGen banktypes.GenesisState
	clientCtx.Codec.MustUnmarshalJSON(appState[banktypes.ModuleName], &bankGen)
	bankGen.Balances = banktypes.SanitizeGenesisBalances(balances)
	supply := sdk.NewCoins()
	for _, b := range balances {
		supply = supply.Add(b.Coins...)
	}
	bankGen.Supply = supply
	appState[banktypes.ModuleName] = clientCtx.Codec.MustMarshalJSON(&bankGen)

	appStateJSON, err := json.MarshalIndent(appState, "", "  ")
	if err != nil {
		return "", err
	}
	genDoc := genutiltypes.NewAppGenesisWithVersion(chainID, appStateJSON)
	genDoc.Consensus.Params = defaultConsensusParams() // bounded block gas (CometBFT's default is unlimited)
	genFile := filepath.Join(home, "config", "genesis.json")
	return genFile, genDoc.SaveAs(genFile)
}

// collectTestnetNode puts the gentxs into node i's genesis and points its peers at every other node.
func collectTestnetNode(clientCtx client.Context, mbm module.BasicManager, home, gentxsDir, genFile string,
	nodeIDs []string, base, stride, i int,
) error {
	cfg := initCometBFTConfig()
	cfg.SetRoot(home)
	if err := readCometConfig(cfg, home); err != nil {
		return err
	}
	appGenesis, err := genutiltypes.AppGenesisFromFile(genFile)
	if err != nil {
		return err
	}
	_, valPubKey, err := genutil.InitializeNodeValidatorFiles(cfg)
	if err != nil {
		return err
	}
	initCfg := genutiltypes.NewInitConfig(appGenesis.ChainID, gentxsDir, nodeIDs[i], valPubKey)
	_, err = genutil.GenAppStateFromConfig(clientCtx.Codec, clientCtx.TxConfig, cfg, initCfg, appGenesis,
		banktypes.GenesisBalancesIterator{}, genutiltypes.DefaultMessageValidator, clientCtx.TxConfig.SigningContext().ValidatorAddressCodec())
	if err != nil {
		return err
	}
	// GenAppStateFromConfig wrote persistent peers from the gentx memos (all nodes, itself excluded).
	peers := make([]string, 0, len(nodeIDs)-1)
	for j, id := range nodeIDs {
		if j != i {
			peers = append(peers, fmt.Sprintf("%s@%s", id, net.JoinHostPort("127.0.0.1", fmt.Sprint(portsFor(base, stride, j).P2P))))
		}
	}
	cfg.P2P.PersistentPeers = strings.Join(peers, ",")
	cmtconfig.WriteConfigFile(filepath.Join(home, "config", "config.toml"), cfg)
	appGenesis.GenesisTime = testnetGenesisTime
	return appGenesis.SaveAs(filepath.Join(home, "config", "genesis.json"))
}

// testnetGenesisTime is shared by all nodes of one init-files run so their genesis files are identical.
var testnetGenesisTime = time.Now().UTC().Truncate(time.Second)

// readCometConfig loads a node's config.toml into cfg.
func readCometConfig(cfg *cmtconfig.Config, home string) error {
	v := server.NewDefaultContext().Viper
	v.SetConfigFile(filepath.Join(home, "config", "config.toml"))
	if err := v.ReadInConfig(); err != nil {
		return err
	}
	if err := v.Unmarshal(cfg); err != nil {
		return err
	}
	cfg.SetRoot(home)
	return nil
}
