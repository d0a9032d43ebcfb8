package app_test

import (
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"testing"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	"github.com/clearchain/clearchain/chain/x/clearing"
	clearingsim "github.com/clearchain/clearchain/chain/x/clearing/simulation"
	oraclesim "github.com/clearchain/clearchain/chain/x/oracle/simulation"
)

// simChainID is the chain id of every simulated chain (orders are signed for it).
const simChainID = "clearchain-sim"

// simGenesisUnix is the simulated genesis time (fixed: runs of one seed must be identical).
const simGenesisUnix = 1_700_000_000

// simMaxAccounts caps the SDK's random account count (up to 2,500) to keep a block's operations cheap.
const simMaxAccounts = 60

// simSettings are the simulation's size, read from the environment (scripts/sim.sh) with short-form defaults.
type simSettings struct {
	seeds     []int64
	blocks    int
	blockSize int
	runs      int
}

// simDefaultSeeds are the SDK runner's first seeds; more are derived when SIM_SEEDS asks for more.
var simDefaultSeeds = []int64{1, 2, 4, 7, 32, 123, 124, 582, 1893, 2989, 3012, 4728, 37827, 981928, 87821}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// loadSimSettings reads SIM_SEEDS (number of seeds, default 3), SIM_BLOCKS (default 50), SIM_BLOCK_SIZE
// (operations per block at most, default 40) and SIM_RUNS (runs per seed for determinism, default 2).
func loadSimSettings() simSettings {
	n := envInt("SIM_SEEDS", 3)
	seeds := make([]int64, 0, n)
	for i := range n {
		if i < len(simDefaultSeeds) {
			seeds = append(seeds, simDefaultSeeds[i])
		} else {
			seeds = append(seeds, int64(1_000_003*i+17))
		}
	}
	return simSettings{seeds: seeds, blocks: envInt("SIM_BLOCKS", 50), blockSize: envInt("SIM_BLOCK_SIZE", 40), runs: envInt("SIM_RUNS", 2)}
}

// invariantRoute is one registered invariant.
type invariantRoute struct {
	name string
	inv  sdk.Invariant
}

// invariantRegistry collects every module's invariants (the crisis module's job; v0.54 has none).
type invariantRegistry struct{ routes []invariantRoute }

// RegisterRoute implements sdk.InvariantRegistry.
func (r *invariantRegistry) RegisterRoute(moduleName, route string, inv sdk.Invariant) {
	r.routes = append(r.routes, invariantRoute{name: moduleName + "/" + route, inv: inv})
}

// registeredInvariants returns every invariant the app's modules register, in module-name order.
func registeredInvariants(a *app.App) *invariantRegistry {
	names := make([]string, 0, len(a.ModuleManager.Modules))
	for name := range a.ModuleManager.Modules {
		names = append(names, name)
	}
	sort.Strings(names)
	reg := &invariantRegistry{}
	for _, name := range names {
		if m, ok := a.ModuleManager.Modules[name].(module.HasInvariants); ok {
			m.RegisterInvariants(reg)
		}
	}
	return reg
}

// simRun is one simulated chain with its hooks and figures.
type simRun struct {
	app        *app.App
	db         dbm.DB
	invariants *invariantRegistry
	feed       *oraclesim.PriceFeed
	deps       *clearingsim.Deps
	// invariantChecks counts single invariant evaluations; blocksChecked the blocks they ran at.
	invariantChecks, blocksChecked int
	// broken is the first broken invariant's message.
	broken string
	// sweepChecks counts blocks whose sweep was compared with a full scan; sweepMisses lists subaccounts the full
	// scan found liquidatable that the sweep left out of the Liquidatable set and the deferred queue.
	sweepChecks int
	sweepMisses []string
}

// newSimApp builds an app for seed with the simulation's block hooks: before the app's PreBlocker, the price
// feed's reports go through the oracle's aggregation; after it (the sweep has run), the in-block liquidator acts;
// after the EndBlocker, every registered invariant is checked (a broken one fails the block).
func newSimApp(t testing.TB, seed int64) *simRun {
	db := dbm.NewMemDB()
	a := app.New(log.NewNopLogger(), db, false, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(simChainID))
	run := &simRun{app: a, db: db, invariants: registeredInvariants(a), feed: oraclesim.NewPriceFeed(seed)}
	for _, m := range a.SimulationManager().Modules {
		if cm, ok := m.(clearing.AppModule); ok {
			run.deps = cm.SimDeps()
		}
	}
	require.NotNil(t, run.deps, "the clearing module is registered in the simulation manager with its dependencies")
	liqRand := rand.New(rand.NewSource(seed ^ 0x5eed))
	a.SetPreBlocker(func(ctx sdk.Context, req *abci.RequestFinalizeBlock) (*sdk.ResponsePreBlock, error) {
		if err := run.feed.Apply(ctx, a.OracleKeeper, req.DecidedLastCommit); err != nil {
			return nil, err
		}
		res, err := a.PreBlocker(ctx, req)
		if err != nil {
			return nil, err
		}
		if err := run.stageCheck(ctx, "pre-blocker (oracle aggregation, sweep)"); err != nil {
			return nil, err
		}
		if err := run.checkSweep(ctx); err != nil {
			return nil, err
		}
		if err := run.deps.LiquidationRound(liqRand, a.BaseApp, ctx, a.ClearingKeeper); err != nil {
			return nil, err
		}
		if err := run.stageCheck(ctx, "in-block liquidator"); err != nil {
			return nil, err
		}
		return res, nil
	})
	a.SetEndBlocker(func(ctx sdk.Context) (sdk.EndBlock, error) {
		if os.Getenv("SIM_CHECK_EVERY_OP") != "" { // debugging: the waterfall alone, in a discarded branch
			branch, _ := ctx.CacheContext()
			if err := a.ClearingKeeper.ProcessLiquidations(branch); err != nil {
				return sdk.EndBlock{}, err
			}
			if err := run.stageCheck(branch, "liquidation waterfall (ProcessLiquidations)"); err != nil {
				for _, ev := range branch.EventManager().Events() {
					fmt.Printf("SIM waterfall event %s", ev.Type)
					for _, at := range ev.Attributes {
						fmt.Printf(" %s=%s", at.Key, at.Value)
					}
					fmt.Println()
				}
				return sdk.EndBlock{}, err
			}
		}
		res, err := a.EndBlocker(ctx)
		if err != nil {
			return res, err
		}
		if msg, broken := run.checkInvariants(ctx); broken {
			return res, fmt.Errorf("invariant broken at height %d: %s", ctx.BlockHeight(), msg)
		}
		return res, nil
	})
	require.NoError(t, a.LoadLatestVersion())
	return run
}

// stageCheck evaluates the invariants after one stage of a block when SIM_CHECK_EVERY_OP is set (debugging: it
// names the stage that breaks an invariant).
func (s *simRun) stageCheck(ctx sdk.Context, stage string) error {
	if os.Getenv("SIM_CHECK_EVERY_OP") == "" {
		return nil
	}
	if msg, broken := s.checkInvariants(ctx); broken {
		return fmt.Errorf("invariant broken after %s at height %d: %s", stage, ctx.BlockHeight(), msg)
	}
	return nil
}

// checkSweep holds the block's sweep to the keeper's full-scan reference: every subaccount a full scan finds
// liquidatable must be in the Liquidatable set or the deferred queue.
func (s *simRun) checkSweep(ctx sdk.Context) error {
	k := s.app.ClearingKeeper
	full, err := k.FullScanLiquidatable(ctx)
	if err != nil {
		return err
	}
	deferred, err := k.DeferredKeys(ctx)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, key := range deferred {
		known[key.K1().String()+"/"+strconv.FormatUint(uint64(key.K2()), 10)] = true
	}
	s.sweepChecks++
	for _, key := range full {
		id := key.K1().String() + "/" + strconv.FormatUint(uint64(key.K2()), 10)
		in, err := k.Liquidatable.Has(ctx, key)
		if err != nil {
			return err
		}
		if !in && !known[id] {
			s.sweepMisses = append(s.sweepMisses, fmt.Sprintf("height %d: %s", ctx.BlockHeight(), id))
		}
	}
	return nil
}

// checkInvariants evaluates every registered invariant once.
func (s *simRun) checkInvariants(ctx sdk.Context) (string, bool) {
	s.blocksChecked++
	for _, r := range s.invariants.routes {
		s.invariantChecks++
		if msg, broken := r.inv(ctx); broken {
			if s.broken == "" {
				s.broken = r.name + ": " + msg
			}
			return r.name + ": " + msg, true
		}
	}
	return "", false
}

// simAppStateFn is the SDK's randomized genesis plus collateral: every genesis account also holds 1,000–50,000
// USDC so that it can deposit and trade.
func simAppStateFn(a *app.App) simtypes.AppStateFn {
	blocked := app.BlockedAddresses()
	return simtestutil.AppStateFnWithExtendedCbs(a.AppCodec(), a.SimulationManager(), a.DefaultGenesis(),
		func(moduleName string, state any) {
			bank, ok := state.(*banktypes.GenesisState)
			if moduleName != banktypes.ModuleName || !ok {
				return
			}
			added := math.ZeroInt()
			for i := range bank.Balances {
				if blocked[bank.Balances[i].Address] {
					continue
				}
				amt := math.NewInt(int64(1+i%50) * 1_000_000_000)
				bank.Balances[i].Coins = bank.Balances[i].Coins.Add(sdk.NewCoin(app.CollateralDenom, amt))
				added = added.Add(amt)
			}
			if !bank.Supply.IsZero() {
				bank.Supply = bank.Supply.Add(sdk.NewCoin(app.CollateralDenom, added))
			}
		}, nil)
}

// simRandomAccounts is the SDK's random accounts, at most simMaxAccounts of them.
func simRandomAccounts(r *rand.Rand, n int) []simtypes.Account {
	return simtypes.RandomAccounts(r, min(n, simMaxAccounts))
}
