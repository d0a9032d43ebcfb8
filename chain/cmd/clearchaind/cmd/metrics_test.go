package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	clearingkeeper "github.com/clearchain/clearchain/chain/x/clearing/keeper"
	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	oraclekeeper "github.com/clearchain/clearchain/chain/x/oracle/keeper"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// metricValue reads a counter's or gauge's current value.
func metricValue(t *testing.T, c prometheus.Collector) float64 {
	t.Helper()
	ch := make(chan prometheus.Metric, 1)
	c.Collect(ch)
	close(ch)
	m, ok := <-ch
	require.True(t, ok, "no metric collected")
	var pb dto.Metric
	require.NoError(t, m.Write(&pb))
	if pb.Counter != nil {
		return pb.Counter.GetValue()
	}
	return pb.Gauge.GetValue()
}

// gatheredNames returns the metric family names in Prometheus' default registry (what /metrics serves).
func gatheredNames(t *testing.T) map[string]bool {
	t.Helper()
	families, err := prometheus.DefaultGatherer.Gather()
	require.NoError(t, err)
	names := map[string]bool{}
	for _, f := range families {
		names[f.GetName()] = true
	}
	return names
}

// typedEvent is a typed event as it appears in a FinalizeBlock response (with the SDK's non-JSON "mode").
func typedEvent(t *testing.T, msg interface{ ProtoMessage() }, blockEvent bool) abci.Event {
	t.Helper()
	ev, err := sdk.TypedEventToEvent(msg.(sdk.Msg))
	require.NoError(t, err)
	e := abci.Event(ev)
	if blockEvent {
		e.Attributes = append(e.Attributes, abci.EventAttribute{Key: "mode", Value: "EndBlock"})
	}
	return e
}

// TestModuleMetricsRegisteredAndObserved: every clearing and oracle metric is registered with Prometheus' default
// registry (served on /metrics); the listener `clearchaind start` installs fills them after each finalized block,
// gauges from state and counters from the block's events.
func TestModuleMetricsRegisteredAndObserved(t *testing.T) {
	for _, c := range []prometheus.Collector{
		clearingkeeper.MetricFillsSettled, clearingkeeper.MetricFillsRejected, clearingkeeper.MetricLiquidations,
		clearingkeeper.MetricBadDebtEvents, clearingkeeper.MetricBadDebtAmount, clearingkeeper.MetricDeleverages,
		clearingkeeper.MetricSweepEvaluated, clearingkeeper.MetricLiquidatable, clearingkeeper.MetricDeferredLiquidations,
		clearingkeeper.MetricOpenInterest, clearingkeeper.MetricInsuranceFund,
		oraclekeeper.MetricOwnVote, oraclekeeper.MetricReporters, oraclekeeper.MetricReportingPowerPpm,
		oraclekeeper.MetricNoQuorum, oraclekeeper.MetricPriceUpdates, oraclekeeper.MetricHalts, oraclekeeper.MetricPairHalted,
		oraclekeeper.MetricPairStale, oraclekeeper.MetricPriceAgeBlocks, oraclekeeper.MetricPriceAgeSeconds,
	} {
		var already prometheus.AlreadyRegisteredError
		require.ErrorAs(t, prometheus.Register(c), &already, "registered with the default registry")
	}

	// A real app with the listener, as newApp builds it; one validator whose key file is in the home.
	home := t.TempDir()
	valSet, err := simtestutil.CreateRandomValidatorSet()
	require.NoError(t, err)
	own := valSet.Validators[0].Address
	require.NoError(t, os.MkdirAll(filepath.Join(home, "config"), 0o755))
	key, _ := json.Marshal(map[string]string{"address": own.String()})
	require.NoError(t, os.WriteFile(filepath.Join(home, "config", "priv_validator_key.json"), key, 0o600))
	appOpts := simtestutil.NewAppOptionsWithFlagHome(home)
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, appOpts, baseapp.SetChainID("metrics-test"))
	registerMetricsListener(a, appOpts, log.NewNopLogger())

	acc := authtypes.NewBaseAccountWithAddress(sdk.AccAddress([]byte("genesis-account-0001")))
	balance := banktypes.Balance{Address: acc.GetAddress().String(), Coins: sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 100_000_000_000_000))}
	genesis, err := simtestutil.GenesisStateWithValSet(a.AppCodec(), a.DefaultGenesis(), valSet, []authtypes.GenesisAccount{acc}, balance)
	require.NoError(t, err)
	// The validator's slashing signing info (GenesisStateWithValSet skips the staking hooks that create it).
	consAddr := sdk.ConsAddress(own).String()
	var slashingGen slashingtypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(genesis[slashingtypes.ModuleName], &slashingGen)
	slashingGen.SigningInfos = append(slashingGen.SigningInfos, slashingtypes.SigningInfo{Address: consAddr,
		ValidatorSigningInfo: slashingtypes.NewValidatorSigningInfo(sdk.ConsAddress(own), 0, 0, time.Unix(0, 0).UTC(), false, 0)})
	genesis[slashingtypes.ModuleName] = a.AppCodec().MustMarshalJSON(&slashingGen)
	bz, err := json.Marshal(genesis)
	require.NoError(t, err)
	_, err = a.InitChain(&abci.RequestInitChain{ChainId: "metrics-test", AppStateBytes: bz, ConsensusParams: simtestutil.DefaultConsensusParams})
	require.NoError(t, err)

	missedBefore := metricValue(t, oraclekeeper.MetricOwnVote.WithLabelValues(oraclekeeper.OwnVoteMissed))
	_, err = a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: 1, DecidedLastCommit: abci.CommitInfo{Votes: []abci.VoteInfo{
		{Validator: abci.Validator{Address: own, Power: 1}, BlockIdFlag: cmtproto.BlockIDFlagAbsent},
	}}})
	require.NoError(t, err)
	_, err = a.Commit()
	require.NoError(t, err)
	require.Equal(t, missedBefore+1, metricValue(t, oraclekeeper.MetricOwnVote.WithLabelValues(oraclekeeper.OwnVoteMissed)))

	// Gauges from state: the default genesis' markets and pairs (no price yet: stale, not halted), the fund.
	require.Equal(t, 0.0, metricValue(t, clearingkeeper.MetricOpenInterest.WithLabelValues("BTC-USD")))
	require.Equal(t, 1.0, metricValue(t, oraclekeeper.MetricPairStale.WithLabelValues("BTC/USD")))
	require.Equal(t, 0.0, metricValue(t, oraclekeeper.MetricPairHalted.WithLabelValues("BTC/USD")))

	// Counters from a block's events (as transactions, the sweep and the waterfall emit them).
	ctx := a.NewUncachedContext(false, cmtproto.Header{Height: 2})
	settled := metricValue(t, clearingkeeper.MetricFillsSettled.WithLabelValues("ETH-USD"))
	a.ClearingKeeper.ObserveBlock(ctx, []abci.Event{
		typedEvent(t, &clearingtypes.EventFill{MarketId: 2, Price: 3000}, false),
		typedEvent(t, &clearingtypes.EventFillRejected{Index: 1, Codespace: "clearing", Code: 31, Reason: "band"}, false),
		typedEvent(t, &clearingtypes.EventLiquidation{MarketId: 1, Taker: "backstop"}, true),
		typedEvent(t, &clearingtypes.EventBadDebt{Amount: "1500000", InsuranceAfter: "0"}, true),
		typedEvent(t, &clearingtypes.EventDeleverage{MarketId: 1}, true),
		typedEvent(t, &clearingtypes.EventSweep{Height: 2, Evaluated: 7}, true),
		{Type: "transfer", Attributes: []abci.EventAttribute{{Key: "amount", Value: "1uclear"}}},
	})
	require.Equal(t, settled+1, metricValue(t, clearingkeeper.MetricFillsSettled.WithLabelValues("ETH-USD")))
	require.GreaterOrEqual(t, metricValue(t, clearingkeeper.MetricFillsRejected.WithLabelValues("clearing", "31")), 1.0)
	require.GreaterOrEqual(t, metricValue(t, clearingkeeper.MetricLiquidations.WithLabelValues("BTC-USD", "backstop")), 1.0)
	require.GreaterOrEqual(t, metricValue(t, clearingkeeper.MetricBadDebtAmount), 1500000.0)
	require.GreaterOrEqual(t, metricValue(t, clearingkeeper.MetricDeleverages.WithLabelValues("BTC-USD")), 1.0)
	require.Equal(t, 7.0, metricValue(t, clearingkeeper.MetricSweepEvaluated))

	halts := metricValue(t, oraclekeeper.MetricHalts.WithLabelValues("SOL/USD", "band"))
	a.OracleKeeper.ObserveBlock(ctx, []abci.Event{
		typedEvent(t, &oracletypes.EventPriceUpdate{Pair: "ETH/USD", Price: "3000", Reporters: 3, ReportingPowerPpm: 750_000}, true),
		typedEvent(t, &oracletypes.EventOracleNoQuorum{Pair: "SOL/USD", Reporters: 1, ReportingPowerPpm: 100_000}, true),
		typedEvent(t, &oracletypes.EventPairHalted{Pair: "SOL/USD", Reason: "band"}, true),
	})
	require.Equal(t, 3.0, metricValue(t, oraclekeeper.MetricReporters.WithLabelValues("ETH/USD")))
	require.Equal(t, 750_000.0, metricValue(t, oraclekeeper.MetricReportingPowerPpm.WithLabelValues("ETH/USD")))
	require.Equal(t, 1.0, metricValue(t, oraclekeeper.MetricReporters.WithLabelValues("SOL/USD")))
	require.GreaterOrEqual(t, metricValue(t, oraclekeeper.MetricNoQuorum.WithLabelValues("SOL/USD")), 1.0)
	require.Equal(t, halts+1, metricValue(t, oraclekeeper.MetricHalts.WithLabelValues("SOL/USD", "band")))

	names := gatheredNames(t)
	for _, n := range append(append([]string{}, clearingkeeper.MetricNames...), oraclekeeper.MetricNames...) {
		if n == "clearchain_oracle_price_age_blocks" || n == "clearchain_oracle_price_age_seconds" {
			continue // only once a pair has a price
		}
		require.True(t, names[n], "%s is served on /metrics", n)
	}
}

// TestOwnVoteResult classifies this validator's vote in a decided commit and the block's oracle data.
func TestOwnVoteResult(t *testing.T) {
	own, other := []byte("own-validator-address"), []byte("other-validator-addr")
	injected := func(votes ...abci.ExtendedVoteInfo) []byte {
		info := abci.ExtendedCommitInfo{Votes: votes}
		bz, err := info.Marshal()
		require.NoError(t, err)
		tx := append(append([]byte{}, oracleabci.InjectedTxPrefix...), bz...)
		_, err = oracleabci.DecodeInjected(tx)
		require.NoError(t, err)
		return tx
	}
	commit := func(flag cmtproto.BlockIDFlag) abci.CommitInfo {
		return abci.CommitInfo{Votes: []abci.VoteInfo{{Validator: abci.Validator{Address: own, Power: 1}, BlockIdFlag: flag},
			{Validator: abci.Validator{Address: other, Power: 1}, BlockIdFlag: cmtproto.BlockIDFlagCommit}}}
	}
	ext := func(addr []byte, ve []byte) abci.ExtendedVoteInfo {
		return abci.ExtendedVoteInfo{Validator: abci.Validator{Address: addr, Power: 1}, VoteExtension: ve, BlockIdFlag: cmtproto.BlockIDFlagCommit}
	}
	cases := []struct {
		name string
		own  []byte
		req  abci.RequestFinalizeBlock
		want string
		ok   bool
	}{
		{"unknown own address", nil, abci.RequestFinalizeBlock{DecidedLastCommit: commit(cmtproto.BlockIDFlagCommit)}, "", false},
		{"not a validator", []byte("someone-else"), abci.RequestFinalizeBlock{DecidedLastCommit: commit(cmtproto.BlockIDFlagCommit)}, "", false},
		{"absent", own, abci.RequestFinalizeBlock{DecidedLastCommit: commit(cmtproto.BlockIDFlagAbsent)}, oraclekeeper.OwnVoteMissed, true},
		{"no oracle data", own, abci.RequestFinalizeBlock{DecidedLastCommit: commit(cmtproto.BlockIDFlagCommit)}, "", false},
		{"empty extension", own, abci.RequestFinalizeBlock{DecidedLastCommit: commit(cmtproto.BlockIDFlagCommit),
			Txs: [][]byte{injected(ext(own, nil), ext(other, []byte{1}))}}, oraclekeeper.OwnVoteEmpty, true},
		{"prices", own, abci.RequestFinalizeBlock{DecidedLastCommit: commit(cmtproto.BlockIDFlagCommit),
			Txs: [][]byte{injected(ext(own, []byte{1}), ext(other, []byte{1}))}}, oraclekeeper.OwnVoteOK, true},
	}
	for _, c := range cases {
		got, ok := ownVoteResult(c.own, c.req)
		require.Equal(t, c.ok, ok, c.name)
		require.Equal(t, c.want, got, c.name)
	}
}
