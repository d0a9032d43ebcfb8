package app_test

import (
	"fmt"
	"testing"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/types/kv"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	consensusparamtypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/feegrant"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	circuittypes "github.com/clearchain/clearchain/chain/x/circuit/types"
	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// simStoreKeys are every store the app mounts.
var simStoreKeys = []string{
	authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey, minttypes.StoreKey, distrtypes.StoreKey,
	slashingtypes.StoreKey, govtypes.StoreKey, consensusparamtypes.StoreKey, upgradetypes.StoreKey, feegrant.StoreKey,
	circuittypes.StoreKey, oracletypes.StoreKey, clearingtypes.StoreKey,
}

// knownDiffs counts differing entries under clearingNotInGenesis prefixes, by reason, over every seed.
var knownDiffs = map[string]int{}

// sdkSkippedPrefixes are the prefixes the SDK's own simapp import/export test skips (queues, historical info and
// indexes that genesis rebuilds differently or not at all); nothing of Clearchain's modules is skipped.
var sdkSkippedPrefixes = map[string][][]byte{
	stakingtypes.StoreKey: {
		stakingtypes.UnbondingQueueKey, stakingtypes.RedelegationQueueKey, stakingtypes.ValidatorQueueKey,
		stakingtypes.HistoricalInfoKey, stakingtypes.UnbondingIDKey, stakingtypes.UnbondingIndexKey,
		stakingtypes.UnbondingTypeKey, stakingtypes.ValidatorUpdatesKey,
	},
	feegrant.StoreKey:      {feegrant.FeeAllowanceQueueKeyPrefix},
	slashingtypes.StoreKey: {slashingtypes.ValidatorMissedBlockBitmapKeyPrefix},
}

// describeDiff decodes differing entries with the module's store decoder, or lists them in hex when the decoder
// cannot (an entry present on one side only).
func describeDiff(name string, sdr simtypes.StoreDecoderRegistry, kvA, kvB []kv.Pair) (out string) {
	const maxShown = 6
	kvA, kvB = kvA[:min(len(kvA), maxShown)], kvB[:min(len(kvB), maxShown)]
	defer func() {
		if recover() != nil {
			out = ""
			for _, p := range kvA {
				out += fmt.Sprintf("  A %x = %x\n", p.Key, p.Value)
			}
			for _, p := range kvB {
				out += fmt.Sprintf("  B %x = %x\n", p.Key, p.Value)
			}
		}
	}()
	return simtestutil.GetSimulationLog(name, sdr, kvA, kvB)
}

// prefixCounts summarises differing entries by their first key byte.
func prefixCounts(kvA, kvB []kv.Pair) string {
	counts := map[byte]int{}
	for _, p := range append(append([]kv.Pair{}, kvA...), kvB...) {
		if len(p.Key) > 0 {
			counts[p.Key[0]]++
		}
	}
	out := ""
	for b := 0; b < 256; b++ {
		if n := counts[byte(b)]; n > 0 {
			out += fmt.Sprintf("0x%02x×%d ", b, n)
		}
	}
	return out
}

// clearingNotInGenesis are the clearing store prefixes that an export does not carry as they are, each compared
// and reported (SIM import/export lines and the summary) but not failed on, with the reason. Everything else in
// every store must be identical.
var clearingNotInGenesis = map[byte]string{
	clearingtypes.SweepIndexKeyPrefix[0]:        "sweep index: derived; InitGenesis rebuilds it (RefileAll) from current prices, the live chain holds triggers filed when each subaccount last changed",
	clearingtypes.SweepFilingsKeyPrefix[0]:      "sweep filings: derived with the sweep index",
	clearingtypes.SweepRecheckKeyPrefix[0]:      "sweep recheck schedule: derived, keyed by the height each subaccount was filed at",
	clearingtypes.InsuranceFlowsKeyPrefix[0]:    "insurance flow ring (recent_flows): not in the clearing genesis, lost on export",
	clearingtypes.InsuranceFlowSeqKey[0]:        "insurance flow sequence: not in the clearing genesis",
	clearingtypes.LiquidatableCountKey[0]:       "liquidatable count: stored as 0 on the live chain, absent after import",
	clearingtypes.DeferredQueueKeyPrefix[0]:     "deferred liquidation queue: not in the clearing genesis (queue order lost on export)",
	clearingtypes.DeferredKeyPrefix[0]:          "deferred liquidation entries: not in the clearing genesis",
	clearingtypes.DeferredSeqKey[0]:             "deferred queue sequence: not in the clearing genesis",
	clearingtypes.DeferredCountKey[0]:           "deferred count: not in the clearing genesis",
	clearingtypes.LiquidatableFreshKeyPrefix[0]: "liquidatable-fresh set: derived (Liquidatable minus the queue); with the queue not in genesis a queued account is fresh after import, so EndBlock re-orders it and never skips it",
	clearingtypes.SweepRecoveryKeyPrefix[0]:     "sweep recovery set: derived, not in the clearing genesis",
	clearingtypes.OrderExpiryKeyPrefix[0]:       "order expiry buckets: derived from the fill records; live buckets follow the messages that recorded them, import groups by good_til_block (the order-expiry invariant checks coverage on both sides)",
	clearingtypes.InsuranceCheckpointKey[0]:     "insurance checkpoint: InitGenesis sets it to the fund; the SDK simulator runs transactions after EndBlock, so the live checkpoint lags the fund",
}

// splitKnown separates entries under clearingNotInGenesis prefixes (counted by prefix) from the others.
func splitKnown(kvs []kv.Pair, known map[byte]int) []kv.Pair {
	var out []kv.Pair
	for _, p := range kvs {
		if len(p.Key) > 0 {
			if _, ok := clearingNotInGenesis[p.Key[0]]; ok {
				known[p.Key[0]]++
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// checkImportExport exports run's app at its last height, starts a fresh app from that genesis (InitChain at the
// next height, as a chain restarted from an export would) and compares every store key by key. It returns one
// line per store that differs, with the decoded differing entries.
func checkImportExport(t *testing.T, run *simRun) []string {
	a := run.app
	exported, err := a.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	b := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(simChainID))
	cp := exported.ConsensusParams
	_, err = b.InitChain(&abci.RequestInitChain{ChainId: simChainID, AppStateBytes: exported.AppState, ConsensusParams: &cp,
		InitialHeight: exported.Height + 1, Time: a.NewContextLegacy(true, cmtproto.Header{}).BlockTime()})
	require.NoError(t, err, "import of the exported state")
	header := cmtproto.Header{Height: a.LastBlockHeight(), ChainID: simChainID}
	ctxA := a.NewContextLegacy(true, header)
	ctxB := b.NewContextLegacy(false, header)
	var diffs []string
	compared := 0
	for _, name := range simStoreKeys {
		storeA, storeB := ctxA.KVStore(a.GetKey(name)), ctxB.KVStore(b.GetKey(name))
		kvA, kvB := simtestutil.DiffKVStores(storeA, storeB, sdkSkippedPrefixes[name])
		compared++
		if name == clearingtypes.StoreKey {
			known := map[byte]int{}
			kvA, kvB = splitKnown(kvA, known), splitKnown(kvB, known)
			for b := 0; b < 256; b++ {
				if n := known[byte(b)]; n > 0 {
					knownDiffs[clearingNotInGenesis[byte(b)]] += n
				}
			}
		}
		if len(kvA) == 0 && len(kvB) == 0 {
			continue
		}
		diffs = append(diffs, fmt.Sprintf("store %s: %d/%d entries differ (by first key byte: %s):\n%s", name, len(kvA), len(kvB), prefixCounts(kvA, kvB),
			describeDiff(name, a.SimulationManager().StoreDecoders, kvA, kvB)))
	}
	fmt.Printf("SIM import/export at height %d: %d stores compared, %d differ beyond the known clearing differences\n", exported.Height, compared, len(diffs))
	return diffs
}
