package keeper

import (
	"encoding/json"
	"math/big"
	"strconv"

	abci "github.com/cometbft/cometbft/abci/types"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// Prometheus metrics of x/clearing. They are process-wide and registered once with Prometheus' default registry,
// which the node serves on the REST server's /metrics ([telemetry] enabled = true and prometheus-retention-time > 0)
// and on CometBFT's Prometheus listener ([instrumentation] prometheus = true in config.toml).
//
// They are observed outside consensus, after a block is finalized (ObserveBlock, from the node's ABCI listener):
// counters from the block's events (transactions, the pre-block sweep and the end-block waterfall), gauges from
// the finalized state. Nothing here writes state, consumes block gas or reaches the app hash.
var (
	// MetricFillsSettled counts settled fills (EventFill) per market.
	MetricFillsSettled = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "clearchain_clearing_fills_settled_total",
		Help: "Fills settled (EventFill), by market.",
	}, []string{"market"})
	// MetricFillsRejected counts rejected fills (EventFillRejected) by codespace and code.
	MetricFillsRejected = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "clearchain_clearing_fills_rejected_total",
		Help: "Fills rejected (EventFillRejected), by registered error codespace and code.",
	}, []string{"codespace", "code"})
	// MetricLiquidations counts liquidation fills (EventLiquidation) by market and taker (liquidator, backstop).
	MetricLiquidations = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "clearchain_clearing_liquidations_total",
		Help: "Liquidation fills (EventLiquidation), by market and taker (liquidator or backstop).",
	}, []string{"market", "taker"})
	// MetricBadDebtEvents counts insurance-fund payments of negative equity (EventBadDebt).
	MetricBadDebtEvents = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "clearchain_clearing_bad_debt_events_total",
		Help: "Bad-debt payments by the insurance fund (EventBadDebt).",
	})
	// MetricBadDebtAmount sums the bad debt the insurance fund paid, in collateral base units (uusdc).
	MetricBadDebtAmount = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "clearchain_clearing_bad_debt_uusdc_total",
		Help: "Bad debt paid by the insurance fund (sum of EventBadDebt.amount), in collateral base units.",
	})
	// MetricDeleverages counts auto-deleveraging closes (EventDeleverage) per market.
	MetricDeleverages = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "clearchain_clearing_adl_total",
		Help: "Auto-deleveraging closes (EventDeleverage), by market.",
	}, []string{"market"})
	// MetricSweepEvaluated is how many subaccounts the last liquidation sweep evaluated.
	MetricSweepEvaluated = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "clearchain_clearing_sweep_evaluated",
		Help: "Subaccounts the last block's liquidation sweep evaluated (EventSweep.evaluated).",
	})
	// MetricLiquidatable is the size of the liquidatable set after the block.
	MetricLiquidatable = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "clearchain_clearing_liquidatable",
		Help: "Subaccounts liquidatable after the block.",
	})
	// MetricDeferredLiquidations is the size of the deferred liquidation queue after the block.
	MetricDeferredLiquidations = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "clearchain_clearing_deferred_liquidations",
		Help: "Liquidatable subaccounts the per-block caps deferred to a later block (deferred queue size).",
	})
	// MetricOpenInterest is each market's open interest in base units (size quantums / 10^size_decimals).
	MetricOpenInterest = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "clearchain_clearing_open_interest",
		Help: "Open interest of the market in base units (e.g. BTC), one side.",
	}, []string{"market"})
	// MetricInsuranceFund is the insurance fund balance in collateral base units (uusdc).
	MetricInsuranceFund = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "clearchain_clearing_insurance_fund_uusdc",
		Help: "Insurance fund balance in collateral base units.",
	})
)

// MetricNames lists the names of every x/clearing metric (for tests and docs/ops).
var MetricNames = []string{
	"clearchain_clearing_fills_settled_total", "clearchain_clearing_fills_rejected_total",
	"clearchain_clearing_liquidations_total", "clearchain_clearing_bad_debt_events_total",
	"clearchain_clearing_bad_debt_uusdc_total", "clearchain_clearing_adl_total", "clearchain_clearing_sweep_evaluated",
	"clearchain_clearing_liquidatable", "clearchain_clearing_deferred_liquidations", "clearchain_clearing_open_interest",
	"clearchain_clearing_insurance_fund_uusdc",
}

func init() {
	prometheus.MustRegister(MetricFillsSettled, MetricFillsRejected, MetricLiquidations, MetricBadDebtEvents,
		MetricBadDebtAmount, MetricDeleverages, MetricSweepEvaluated, MetricLiquidatable, MetricDeferredLiquidations,
		MetricOpenInterest, MetricInsuranceFund)
}

// ObserveBlock records the clearing metrics of a finalized block: counters from its events, the open-interest,
// insurance-fund, liquidatable and deferred-queue gauges from state. ctx is the finalized block's state; it is
// only read, in a discarded branch with an infinite gas meter. Errors only leave gauges as they were.
func (k *Keeper) ObserveBlock(ctx sdk.Context, events []abci.Event) {
	ctx, _ = ctx.WithGasMeter(storetypes.NewInfiniteGasMeter()).CacheContext()
	tickers := map[uint32]string{}
	var markets []types.Market
	_ = k.Markets.Walk(ctx, nil, func(id uint32, m types.Market) (bool, error) {
		tickers[id] = m.Ticker
		markets = append(markets, m)
		return false, nil
	})
	ticker := func(id uint32) string {
		if t, ok := tickers[id]; ok {
			return t
		}
		return strconv.FormatUint(uint64(id), 10)
	}
	for _, ev := range events {
		switch msg := parseTypedEvent(ev).(type) {
		case *types.EventFill:
			MetricFillsSettled.WithLabelValues(ticker(msg.MarketId)).Inc()
		case *types.EventFillRejected:
			MetricFillsRejected.WithLabelValues(msg.Codespace, strconv.FormatUint(uint64(msg.Code), 10)).Inc()
		case *types.EventLiquidation:
			MetricLiquidations.WithLabelValues(ticker(msg.MarketId), msg.Taker).Inc()
		case *types.EventBadDebt:
			MetricBadDebtEvents.Inc()
			if v, ok := decimalFloat(msg.Amount); ok {
				MetricBadDebtAmount.Add(v)
			}
		case *types.EventDeleverage:
			MetricDeleverages.WithLabelValues(ticker(msg.MarketId)).Inc()
		case *types.EventSweep:
			MetricSweepEvaluated.Set(float64(msg.Evaluated))
		}
	}
	for _, m := range markets {
		st, err := k.getMarketState(ctx, m)
		if err != nil {
			continue
		}
		oi := new(big.Float).SetUint64(st.OpenInterest)
		oi.Quo(oi, new(big.Float).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(m.SizeDecimals)), nil)))
		v, _ := oi.Float64()
		MetricOpenInterest.WithLabelValues(m.Ticker).Set(v)
	}
	if fund, err := k.InsuranceFund.Get(ctx); err == nil && !fund.IsNil() {
		v, _ := new(big.Float).SetInt(fund.BigInt()).Float64()
		MetricInsuranceFund.Set(v)
	}
	if n, err := k.LiquidatableCount.Get(ctx); err == nil {
		MetricLiquidatable.Set(float64(n))
	}
	if n, err := k.DeferredCount.Get(ctx); err == nil {
		MetricDeferredLiquidations.Set(float64(n))
	}
}

// decimalFloat parses an integer or decimal string (an event amount) as a float.
func decimalFloat(s string) (float64, bool) {
	f, ok := new(big.Float).SetString(s)
	if !ok {
		return 0, false
	}
	v, _ := f.Float64()
	return v, true
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
