package app_test

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
)

// simResult is what one simulated run leaves for comparison and the report.
type simResult struct {
	run     *simRun
	appHash []byte
	height  int64
	ops     opStats
	elapsed time.Duration
}

// simulateSeed runs the SDK simulator (x/simulation.SimulateFromSeedX) for one seed on a fresh app: random
// genesis, every module's weighted operations (the SDK modules' and every clearing and oracle message), blocks
// committed, invariants checked after every block and once more after the last block's operations.
func simulateSeed(t *testing.T, seed int64, cfg simSettings) simResult {
	start := time.Now()
	run := newSimApp(t, seed)
	a := run.app
	config := simtypes.Config{
		Seed: seed, NumBlocks: cfg.blocks, BlockSize: cfg.blockSize, ChainID: simChainID, InitialBlockHeight: 1,
		GenesisTime: simGenesisUnix, Commit: true, Lean: true, DBBackend: "memdb", TB: t,
	}
	stats := opStats{}
	var after func(sdk.Context, simtypes.OperationMsg) error
	if os.Getenv("SIM_CHECK_EVERY_OP") != "" { // debugging: find the operation that breaks an invariant
		after = func(ctx sdk.Context, msg simtypes.OperationMsg) error {
			if m, broken := run.checkInvariants(ctx); broken {
				return fmt.Errorf("after %s %s (ok=%t %s): %s", msg.Route, msg.Name, msg.OK, msg.Comment, m)
			}
			return nil
		}
	}
	ops := stats.wrap(simtestutil.BuildSimulationOperations(a, a.AppCodec(), config, a.TxConfig()), after)
	_, _, err := simulation.SimulateFromSeedX(t, a.Logger(), io.Discard, a.BaseApp, simAppStateFn(a), simRandomAccounts,
		ops, app.BlockedAddresses(), config, a.AppCodec(), simulation.NewLogWriter(true))
	require.NoError(t, err, "seed %d", seed)
	require.Empty(t, run.broken, "seed %d: invariant", seed)
	ctx := a.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight(), ChainID: simChainID})
	msg, broken := run.checkInvariants(ctx)
	require.False(t, broken, "seed %d: invariant after the last operations: %s", seed, msg)
	return simResult{run: run, appHash: a.LastCommitID().Hash, height: a.LastBlockHeight(), ops: stats, elapsed: time.Since(start)}
}

// TestFullAppSimulation runs the full-app simulation for each seed (SIM_SEEDS seeds, SIM_BLOCKS blocks, default
// 3 × 50): every registered invariant after every block, SIM_RUNS identical runs per seed (same app hash), and an
// export at the last height imported into a fresh app with every store compared. It prints blocks, operations by
// type (ok / failed / no-op), invariant checks and failures.
func TestFullAppSimulation(t *testing.T) {
	cfg := loadSimSettings()
	total := opStats{}
	var sweepChecks, blocks, checks, invBlocks, fillsOK, fillsRejected, liqOK, liqFailed, liqSeen, votes, halts, stale int
	regimes := map[string]int{}
	rejects := map[string]int{}
	fillRejects := map[string]int{}
	var failures []string
	out := os.Stdout
	for _, seed := range cfg.seeds {
		var first simResult
		for runIdx := 0; runIdx < cfg.runs; runIdx++ {
			res := simulateSeed(t, seed, cfg)
			fmt.Fprintf(out, "SIM seed=%d run=%d height=%d app_hash=%s ops=%d elapsed=%s\n", seed, runIdx+1, res.height,
				hex.EncodeToString(res.appHash), res.ops.totals().ok+res.ops.totals().failed+res.ops.totals().noop, res.elapsed.Round(time.Millisecond))
			if runIdx == 0 {
				first = res
				total.add(res.ops)
				blocks += int(res.height)
				checks += res.run.invariantChecks
				invBlocks += res.run.blocksChecked
				c := res.run.deps.Counters
				fillsOK, fillsRejected, liqOK, liqFailed, liqSeen = fillsOK+c.FillsSettled, fillsRejected+c.FillsRejected,
					liqOK+c.InBlockLiquidations, liqFailed+c.InBlockLiquidationsFailed, liqSeen+c.LiquidatableSeen
				for k, v := range c.RejectCodes {
					rejects[k] += v
				}
				for k, v := range c.FillRejectCodes {
					fillRejects[k] += v
				}
				f := res.run.feed
				votes, halts, stale = votes+f.Votes, halts+f.HaltsSeen, stale+f.StaleSeen
				for k, v := range f.RegimeBlocks {
					regimes[k] += v
				}
				sweepChecks += res.run.sweepChecks
				for _, m := range res.run.sweepMisses {
					failures = append(failures, fmt.Sprintf("seed %d sweep missed a liquidatable subaccount at %s", seed, m))
				}
				diffs := checkImportExport(t, res.run)
				for _, d := range diffs {
					failures = append(failures, fmt.Sprintf("seed %d import/export: %s", seed, d))
				}
				continue
			}
			if !bytes.Equal(first.appHash, res.appHash) || first.height != res.height {
				failures = append(failures, fmt.Sprintf("seed %d: run %d app hash %X at %d differs from run 1's %X at %d",
					seed, runIdx+1, res.appHash, res.height, first.appHash, first.height))
			}
		}
	}
	fmt.Fprintf(out, "\nSIM SUMMARY seeds=%d blocks=%d runs_per_seed=%d block_size_max=%d\n", len(cfg.seeds), blocks, cfg.runs, cfg.blockSize)
	total.print(out)
	fmt.Fprintf(out, "fills: settled=%d rejected=%d; in-block liquidations: ok=%d refused=%d (liquidatable seen %d)\n",
		fillsOK, fillsRejected, liqOK, liqFailed, liqSeen)
	fmt.Fprintf(out, "oracle: votes=%d halted_pair_blocks=%d stale_pair_blocks=%d regimes=%v\n", votes, halts, stale, regimes)
	printCodes(out, "refused messages by code", rejects)
	printCodes(out, "rejected fills by code", fillRejects)
	printCodes(out, "no-op reasons", noopReasons)
	fmt.Fprintf(out, "invariants: %d registered, %d checks over %d block ends (+1 final per seed), broken: %d\n",
		len(registeredInvariantsNames(t)), checks, invBlocks, 0)
	printCodes(out, "import/export: known clearing differences (entries, not failures)", knownDiffs)
	fmt.Fprintf(out, "sweep vs full scan: %d blocks compared\n", sweepChecks)
	fmt.Fprintf(out, "failures: %d\n", len(failures))
	for _, f := range failures {
		fmt.Fprintln(out, "  "+f)
	}
	require.Empty(t, failures)
	require.Positive(t, fillsOK, "the simulation settled trades")
	require.Positive(t, total.totals().ok, "operations were delivered")
}

// registeredInvariantsNames lists the invariants of a fresh app (for the summary).
func registeredInvariantsNames(t *testing.T) []string {
	run := newSimApp(t, 0)
	names := make([]string, 0, len(run.invariants.routes))
	for _, r := range run.invariants.routes {
		names = append(names, r.name)
	}
	return names
}
