package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/pelletier/go-toml/v2"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	"github.com/clearchain/clearchain/chain/rest"
)

// readTOML parses a TOML file into a map.
func readTOML(t *testing.T, path string) map[string]any {
	t.Helper()
	bz, err := os.ReadFile(path)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, toml.Unmarshal(bz, &m))
	return m
}

// appState reads a genesis file's app_state.
func appState(t *testing.T, genFile string) map[string]json.RawMessage {
	t.Helper()
	gen, err := genutiltypes.AppGenesisFromFile(genFile)
	require.NoError(t, err)
	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(gen.AppState, &state))
	return state
}

// requireDenomMetadata checks the genesis has the uclear and uusdc metadata (display unit at exponent 6).
func requireDenomMetadata(t *testing.T, genFile string) {
	t.Helper()
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	var bank banktypes.GenesisState
	cdc.MustUnmarshalJSON(appState(t, genFile)[banktypes.ModuleName], &bank)
	byBase := map[string]banktypes.Metadata{}
	for _, m := range bank.DenomMetadata {
		require.NoError(t, m.Validate())
		byBase[m.Base] = m
	}
	for base, want := range map[string][2]string{app.BondDenom: {"clear", "CLEAR"}, app.CollateralDenom: {"usdc", "USDC"}} {
		m, ok := byBase[base]
		require.True(t, ok, "%s metadata in %s", base, genFile)
		require.Equal(t, want[0], m.Display)
		require.Equal(t, want[1], m.Symbol)
		require.Len(t, m.DenomUnits, 2)
		require.Equal(t, uint32(0), m.DenomUnits[0].Exponent)
		require.Equal(t, want[0], m.DenomUnits[1].Denom)
		require.Equal(t, uint32(6), m.DenomUnits[1].Exponent)
	}
}

// TestDefaultGenesisDenomMetadata: `clearchaind init` writes bank metadata for uclear and uusdc, and the genesis validates.
func TestDefaultGenesisDenomMetadata(t *testing.T) {
	home := t.TempDir()
	runCLI(t, home, "init", "node0", "--chain-id", "clearchain-meta-test")
	requireDenomMetadata(t, filepath.Join(home, "config", "genesis.json"))
	runCLI(t, home, "genesis", "validate")
}

// TestTestnetInitFilesOperations: per-node Prometheus ports, telemetry, swagger, localhost CORS on RPC and REST,
// the bank metadata, and the short voting period of --gov-voting-period.
func TestTestnetInitFilesOperations(t *testing.T) {
	out := t.TempDir()
	runCLI(t, t.TempDir(), "testnet", "init-files", "--v", "2", "--output-dir", out, "--starting-port", "36700",
		"--gov-voting-period", "20s")
	for i := 0; i < 2; i++ {
		home := filepath.Join(out, fmt.Sprintf("node%d", i))
		cfg := readTOML(t, filepath.Join(home, "config", "config.toml"))
		inst := cfg["instrumentation"].(map[string]any)
		require.Equal(t, true, inst["prometheus"])
		require.Equal(t, fmt.Sprintf("127.0.0.1:%d", 36700+10*i+7), inst["prometheus_listen_addr"])
		rpcCfg := cfg["rpc"].(map[string]any)
		require.ElementsMatch(t, toAny(rest.LocalhostOrigins), rpcCfg["cors_allowed_origins"])

		appCfg := readTOML(t, filepath.Join(home, "config", "app.toml"))
		require.Equal(t, true, appCfg["api"].(map[string]any)["swagger"])
		tel := appCfg["telemetry"].(map[string]any)
		require.Equal(t, true, tel["enabled"])
		require.Equal(t, int64(60), tel["prometheus-retention-time"])
		require.ElementsMatch(t, toAny(rest.LocalhostOrigins), appCfg["api-cors"].(map[string]any)["allowed-origins"])

		genFile := filepath.Join(home, "config", "genesis.json")
		requireDenomMetadata(t, genFile)
		var gov struct {
			Params struct {
				VotingPeriod          string `json:"voting_period"`
				ExpeditedVotingPeriod string `json:"expedited_voting_period"`
			} `json:"params"`
		}
		require.NoError(t, json.Unmarshal(appState(t, genFile)["gov"], &gov))
		require.Equal(t, "20s", gov.Params.VotingPeriod)
		require.Equal(t, "10s", gov.Params.ExpeditedVotingPeriod)
	}

	// All off.
	out2 := t.TempDir()
	runCLI(t, t.TempDir(), "testnet", "init-files", "--v", "1", "--output-dir", out2, "--starting-port", "36800",
		"--metrics=false", "--swagger=false", "--cors-localhost=false")
	home := filepath.Join(out2, "node0")
	cfg := readTOML(t, filepath.Join(home, "config", "config.toml"))
	require.Equal(t, false, cfg["instrumentation"].(map[string]any)["prometheus"])
	require.Empty(t, cfg["rpc"].(map[string]any)["cors_allowed_origins"])
	appCfg := readTOML(t, filepath.Join(home, "config", "app.toml"))
	require.Equal(t, false, appCfg["api"].(map[string]any)["swagger"])
	require.Equal(t, false, appCfg["telemetry"].(map[string]any)["enabled"])
	require.Empty(t, appCfg["api-cors"].(map[string]any)["allowed-origins"])
}

// toAny converts a string slice to what TOML arrays decode to.
func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// TestConfigCommand: `clearchaind config set/get/view/home` edits app.toml, config.toml and client.toml in place,
// keeping every comment and the types of the values, and refuses unknown keys and ill-typed values.
func TestConfigCommand(t *testing.T) {
	home := t.TempDir()
	runCLI(t, home, "init", "node0", "--chain-id", "clearchain-config-test")
	appToml := filepath.Join(home, "config", "app.toml")
	before, err := os.ReadFile(appToml)
	require.NoError(t, err)

	require.Equal(t, "false", strings.TrimSpace(runCLI(t, home, "config", "get", "app", "api.swagger")))
	runCLI(t, home, "config", "set", "app", "api.swagger", "true")
	runCLI(t, home, "config", "set", "app", "telemetry.prometheus-retention-time", "60")
	runCLI(t, home, "config", "set", "app", "minimum-gas-prices", "0.01uclear")
	runCLI(t, home, "config", "set", "app", "api-cors.allowed-origins", "http://localhost:*,https://app.example.com")
	runCLI(t, home, "config", "set", "config", "p2p.laddr", "tcp://0.0.0.0:26656")
	runCLI(t, home, "config", "set", "config", "rpc.cors_allowed_origins", `["http://localhost:*"]`)
	runCLI(t, home, "config", "set", "client", "keyring-backend", "test")

	after, err := os.ReadFile(appToml)
	require.NoError(t, err)
	require.Equal(t, strings.Count(string(before), "\n"), strings.Count(string(after), "\n"), "no line added or lost")
	for _, line := range strings.Split(string(before), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			require.Contains(t, string(after), line, "comments are kept")
		}
	}
	appCfg := readTOML(t, appToml)
	require.Equal(t, true, appCfg["api"].(map[string]any)["swagger"])
	require.Equal(t, int64(60), appCfg["telemetry"].(map[string]any)["prometheus-retention-time"])
	require.Equal(t, "0.01uclear", appCfg["minimum-gas-prices"])
	require.Equal(t, []any{"http://localhost:*", "https://app.example.com"}, appCfg["api-cors"].(map[string]any)["allowed-origins"])
	cfg := readTOML(t, filepath.Join(home, "config", "config.toml"))
	require.Equal(t, "tcp://0.0.0.0:26656", cfg["p2p"].(map[string]any)["laddr"])
	require.Equal(t, []any{"http://localhost:*"}, cfg["rpc"].(map[string]any)["cors_allowed_origins"])
	require.Equal(t, "test", strings.TrimSpace(runCLI(t, home, "config", "get", "client", "keyring-backend")))
	require.Contains(t, runCLI(t, home, "config", "view", "client"), `keyring-backend = `)
	require.Equal(t, home, strings.TrimSpace(runCLI(t, home, "config", "home")))

	for _, args := range [][]string{
		{"config", "set", "app", "api.no-such-key", "1"},
		{"config", "set", "app", "api.max-open-connections", "many"},
		{"config", "set", "app", "api", "true"},
		{"config", "get", "config", "p2p.nope"},
	} {
		root := NewRootCmd()
		root.SetOut(new(strings.Builder))
		root.SetErr(new(strings.Builder))
		root.SetArgs(append(args, "--home", home))
		require.Error(t, root.Execute(), "%v", args)
	}
}

// TestDenomMetadataMatchesAssetList: the genesis bank metadata and chain-registry's assetlist.json describe the
// same units (base, display, exponents, symbol, name), so wallets reading either agree.
func TestDenomMetadataMatchesAssetList(t *testing.T) {
	for _, network := range []string{"clearchain-localnet", "_template"} {
		bz, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "chain-registry", network, "assetlist.json"))
		require.NoError(t, err)
		var list struct {
			Assets []struct {
				Base, Display, Name, Symbol string
				DenomUnits                  []struct {
					Denom    string   `json:"denom"`
					Exponent uint32   `json:"exponent"`
					Aliases  []string `json:"aliases"`
				} `json:"denom_units"`
			} `json:"assets"`
		}
		require.NoError(t, json.Unmarshal(bz, &list))
		require.Len(t, list.Assets, len(DenomMetadata()), network)
		for i, m := range DenomMetadata() {
			a := list.Assets[i]
			require.Equal(t, []string{m.Base, m.Display, m.Name, m.Symbol}, []string{a.Base, a.Display, a.Name, a.Symbol}, network)
			require.Len(t, a.DenomUnits, len(m.DenomUnits))
			for j, u := range m.DenomUnits {
				require.Equal(t, u.Denom, a.DenomUnits[j].Denom)
				require.Equal(t, u.Exponent, a.DenomUnits[j].Exponent)
				require.Equal(t, u.Aliases, a.DenomUnits[j].Aliases)
			}
		}
	}
}
