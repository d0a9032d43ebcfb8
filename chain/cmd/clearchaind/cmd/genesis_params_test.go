package cmd

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
)

// runCLI runs clearchaind in-process the way main does, with --home home, and returns what it printed.
func runCLI(t *testing.T, home string, args ...string) string {
	t.Helper()
	root := NewRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(append(args, "--home", home))
	require.NoError(t, svrcmd.Execute(root, "CLEARCHAIND", app.DefaultNodeHome), "clearchaind %v: %s", args, out.String())
	return out.String()
}

// requireBlockMaxGas checks a genesis file's consensus params carry Clearchain's block gas limit.
func requireBlockMaxGas(t *testing.T, genFile string) {
	t.Helper()
	gen, err := genutiltypes.AppGenesisFromFile(genFile)
	require.NoError(t, err)
	require.NotNil(t, gen.Consensus)
	require.NotNil(t, gen.Consensus.Params)
	require.Equal(t, DefaultBlockMaxGas, gen.Consensus.Params.Block.MaxGas, genFile)
	require.NoError(t, gen.ValidateAndComplete())
	require.Equal(t, DefaultBlockMaxGas, gen.Consensus.Params.Block.MaxGas, "ValidateAndComplete keeps it")
}

// TestInitGenesisBlockMaxGas: `clearchaind init` writes a genesis with a bounded block gas (not -1).
func TestInitGenesisBlockMaxGas(t *testing.T) {
	home := t.TempDir()
	runCLI(t, home, "init", "node0", "--chain-id", "clearchain-init-test")
	requireBlockMaxGas(t, filepath.Join(home, "config", "genesis.json"))

	// --overwrite rewrites the consensus params from the defaults: the limit is set again.
	runCLI(t, home, "init", "node0", "--chain-id", "clearchain-init-test", "--overwrite")
	requireBlockMaxGas(t, filepath.Join(home, "config", "genesis.json"))
}

// TestTestnetInitFilesBlockMaxGas: every node's genesis written by `testnet init-files` has the block gas limit.
func TestTestnetInitFilesBlockMaxGas(t *testing.T) {
	out := t.TempDir()
	runCLI(t, t.TempDir(), "testnet", "init-files", "--v", "2", "--output-dir", out, "--starting-port", "36600")
	for i := 0; i < 2; i++ {
		requireBlockMaxGas(t, filepath.Join(out, fmt.Sprintf("node%d", i), "config", "genesis.json"))
	}
}

// TestBlockMaxGasAdmitsMaxBatch pins the arithmetic behind DefaultBlockMaxGas: one 2,000-fill batch at the
// measured gas, with the SDK's 1.5 gas multiplier, fits.
func TestBlockMaxGasAdmitsMaxBatch(t *testing.T) {
	const measuredMaxBatchGas = 136_400_000 // MsgSubmitTrades with 2,000 fills (see defaults.go)
	require.GreaterOrEqual(t, DefaultBlockMaxGas, int64(measuredMaxBatchGas*3/2))
	require.Equal(t, DefaultBlockMaxGas, defaultConsensusParams().Block.MaxGas)
	require.NoError(t, defaultConsensusParams().ValidateBasic())
}
