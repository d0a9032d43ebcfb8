package keeper

import (
	"encoding/json"

	abci "github.com/cometbft/cometbft/abci/types"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// Prometheus metrics of x/oracle. They are process-wide and registered once with Prometheus' default registry,
// which the node serves on the REST server's /metrics ([telemetry] enabled = true and prometheus-retention-time > 0)
// and on CometBFT's Prometheus listener ([instrumentation] prometheus = true in config.toml).
//
// They are observed outside consensus: after a block is finalized (ObserveBlock, from the node's ABCI listener),
// from the block's events and the finalized state, so they never touch state, gas or the app hash.
var (
	// MetricOwnVote counts, per finalized block, this node's validator vote in the decided last commit by result:
	// "ok" (prices voted), "empty" (committed with no usable price: feeder down, stale or no prices) or "missed"
	// (not in the commit). Only counted when the node is a validator of the last commit.
	MetricOwnVote = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "clearchain_oracle_own_vote_total",
		Help: "This validator's oracle vote in each decided commit, by result (ok, empty, missed).",
	}, []string{"result"})
	// MetricReporters is the number of validators whose prices went into the pair's last aggregation attempt.
	MetricReporters = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "clearchain_oracle_reporters",
		Help: "Validators reporting a price for the pair in the last block with oracle data.",
	}, []string{"pair"})
	// MetricReportingPowerPpm is the share of the last validator set's power (ppm) that reported the pair.
	MetricReportingPowerPpm = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "clearchain_oracle_reporting_power_ppm",
		Help: "Voting power that reported the pair in the last block with oracle data, in ppm of the total.",
	}, []string{"pair"})
	// MetricNoQuorum counts blocks whose reports for the pair did not reach min_sources or min_reporting_power_ppm.
	MetricNoQuorum = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "clearchain_oracle_no_quorum_total",
		Help: "Blocks in which the pair had no quorum of reporters (EventOracleNoQuorum).",
	}, []string{"pair"})
	// MetricPriceUpdates counts aggregated price updates per pair.
	MetricPriceUpdates = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "clearchain_oracle_price_updates_total",
		Help: "Aggregated price updates of the pair (EventPriceUpdate).",
	}, []string{"pair"})
	// MetricHalts counts band-breaker halts per pair.
	MetricHalts = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "clearchain_oracle_halts_total",
		Help: "Band-breaker halts of the pair (EventPairHalted).",
	}, []string{"pair", "reason"})
	// MetricPairHalted is 1 while the pair is halted (band cooldown or governance), else 0.
	MetricPairHalted = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "clearchain_oracle_pair_halted",
		Help: "1 while the pair is halted (band-breaker cooldown or governance), else 0.",
	}, []string{"pair"})
	// MetricPairStale is 1 while the pair's price is unset or older than max_staleness_blocks, else 0.
	MetricPairStale = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "clearchain_oracle_pair_stale",
		Help: "1 while the pair's price is unset or older than max_staleness_blocks, else 0.",
	}, []string{"pair"})
	// MetricPriceAgeBlocks is how many blocks ago the pair's price was last aggregated.
	MetricPriceAgeBlocks = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "clearchain_oracle_price_age_blocks",
		Help: "Blocks since the pair's price was last updated (absent until its first price).",
	}, []string{"pair"})
	// MetricPriceAgeSeconds is the block time elapsed since the pair's price was last aggregated.
	MetricPriceAgeSeconds = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "clearchain_oracle_price_age_seconds",
		Help: "Block time since the pair's price was last updated (absent until its first price).",
	}, []string{"pair"})
)

// MetricNames lists the names of every x/oracle metric (for tests and docs/ops).
var MetricNames = []string{
	"clearchain_oracle_own_vote_total", "clearchain_oracle_reporters", "clearchain_oracle_reporting_power_ppm",
	"clearchain_oracle_no_quorum_total", "clearchain_oracle_price_updates_total", "clearchain_oracle_halts_total",
	"clearchain_oracle_pair_halted", "clearchain_oracle_pair_stale", "clearchain_oracle_price_age_blocks",
	"clearchain_oracle_price_age_seconds",
}

func init() {
	prometheus.MustRegister(MetricOwnVote, MetricReporters, MetricReportingPowerPpm, MetricNoQuorum, MetricPriceUpdates,
		MetricHalts, MetricPairHalted, MetricPairStale, MetricPriceAgeBlocks, MetricPriceAgeSeconds)
}

// Own-vote results of MetricOwnVote.
const (
	// OwnVoteOK is a committed vote with at least one usable price.
	OwnVoteOK = "ok"
	// OwnVoteEmpty is a committed vote without a usable price.
	OwnVoteEmpty = "empty"
	// OwnVoteMissed is a validator of the last commit whose vote is not in it.
	OwnVoteMissed = "missed"
)

// ObserveOwnVote counts one decided commit's vote of this node's validator (OwnVoteOK, OwnVoteEmpty, OwnVoteMissed).
func ObserveOwnVote(result string) { MetricOwnVote.WithLabelValues(result).Inc() }

// ObserveBlock records the oracle metrics of a finalized block: counters and reporter gauges from its events
// (EventPriceUpdate, EventOracleNoQuorum, EventPairHalted) and, per pair, the halted, stale and price-age gauges
// from state. ctx is the finalized block's state; it is only read, in a discarded branch with an infinite gas
// meter. Errors only leave gauges as they were.
func (k *Keeper) ObserveBlock(ctx sdk.Context, events []abci.Event) {
	for _, ev := range events {
		switch msg := parseTypedEvent(ev).(type) {
		case *types.EventPriceUpdate:
			MetricPriceUpdates.WithLabelValues(msg.Pair).Inc()
			MetricReporters.WithLabelValues(msg.Pair).Set(float64(msg.Reporters))
			MetricReportingPowerPpm.WithLabelValues(msg.Pair).Set(float64(msg.ReportingPowerPpm))
		case *types.EventOracleNoQuorum:
			MetricNoQuorum.WithLabelValues(msg.Pair).Inc()
			MetricReporters.WithLabelValues(msg.Pair).Set(float64(msg.Reporters))
			MetricReportingPowerPpm.WithLabelValues(msg.Pair).Set(float64(msg.ReportingPowerPpm))
		case *types.EventPairHalted:
			MetricHalts.WithLabelValues(msg.Pair, msg.Reason).Inc()
		}
	}
	ctx, _ = ctx.WithGasMeter(storetypes.NewInfiniteGasMeter()).CacheContext()
	pairs, err := k.AllPairs(ctx)
	if err != nil {
		return
	}
	height, now := ctx.BlockHeight(), ctx.BlockTime()
	for _, pair := range pairs {
		name := pair.Name()
		if !pair.Enabled {
			MetricPairHalted.DeleteLabelValues(name)
			MetricPairStale.DeleteLabelValues(name)
			MetricPriceAgeBlocks.DeleteLabelValues(name)
			MetricPriceAgeSeconds.DeleteLabelValues(name)
			continue
		}
		ps, err := k.getPriceState(ctx, pair.Id)
		if err != nil {
			continue
		}
		MetricPairHalted.WithLabelValues(name).Set(boolGauge(isHalted(ps, height)))
		if stale, err := k.IsStale(ctx, pair.Id); err == nil {
			MetricPairStale.WithLabelValues(name).Set(boolGauge(stale))
		}
		if ps.Height > 0 {
			MetricPriceAgeBlocks.WithLabelValues(name).Set(float64(height - ps.Height))
			MetricPriceAgeSeconds.WithLabelValues(name).Set(now.Sub(ps.BlockTime).Seconds())
		}
	}
}

// boolGauge is 1 for true, 0 for false.
func boolGauge(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// parseTypedEvent decodes a typed event (attribute values are JSON) into its proto message, or returns nil.
// Attributes that are not JSON, like the "mode" the SDK adds to block events, are left out first.
func parseTypedEvent(ev abci.Event) proto.Message {
	if proto.MessageType(ev.Type) == nil {
		return nil
	}
	clean := abci.Event{Type: ev.Type, Attributes: make([]abci.EventAttribute, 0, len(ev.Attributes))}
	for _, a := range ev.Attributes {
		if json.Valid([]byte(a.Value)) {
			clean.Attributes = append(clean.Attributes, a)
		}
	}
	msg, err := sdk.ParseTypedEvent(clean)
	if err != nil {
		return nil
	}
	return msg
}
