/** The liquidator's Prometheus metrics (GET /metrics). */
import { Counter, Gauge, Histogram, renderFamilies } from "./prometheus";

/** Poll latency buckets (seconds). */
export const POLL_LATENCY_BUCKETS: readonly number[] = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every metric the liquidator exports. */
export class LiquidatorMetrics {
  /** 1 while the process runs. */
  readonly up = new Gauge("liquidator_up", "1 while the liquidator runs.");
  /** Unix seconds of the start. */
  readonly startTime = new Gauge("liquidator_start_time_seconds", "Unix time the liquidator started.");
  /** 1 in dry-run mode. */
  readonly dryRun = new Gauge("liquidator_dry_run", "1 when the liquidator only logs what it would liquidate.");
  /** 1 while the last poll reached the chain. */
  readonly chainUp = new Gauge("liquidator_chain_up", "1 while the last poll of the chain succeeded.");
  /** 1 while the last read of the price source succeeded. */
  readonly priceSourceUp = new Gauge("liquidator_price_source_up", "1 while the last read of the price source succeeded (absent without --prices).");
  /** Age of the prices used by the last poll. */
  readonly priceAge = new Gauge("liquidator_price_age_seconds", "Age of the predicted prices used by the last poll.");
  /** Last block height seen. */
  readonly height = new Gauge("liquidator_chain_height", "Latest block height seen.");
  /** Polls. */
  readonly polls = new Counter("liquidator_polls_total", "Polls of the chain and the price source.");
  /** Polls that failed. */
  readonly pollErrors = new Counter("liquidator_poll_errors_total", "Polls that failed (chain unreachable or a query error).");
  /** Poll duration. */
  readonly pollDuration = new Histogram("liquidator_poll_duration_seconds", "Duration of one poll.", POLL_LATENCY_BUCKETS);
  /** Chain (re)connections. */
  readonly connects = new Counter("liquidator_chain_connects_total", "Connections to the chain RPC (the first and every reconnect).");
  /** Watched subaccounts. */
  readonly watched = new Gauge("liquidator_watched_subaccounts", "Subaccounts with positions the liquidator tracks.");
  /** Liquidatable now or at the predicted prices. */
  readonly liquidatable = new Gauge("liquidator_liquidatable_subaccounts", "Watched subaccounts liquidatable at the predicted or the current prices.");
  /** Decisions by action/reason. */
  readonly decisions = new Counter("liquidator_decisions_total", "Liquidation candidates by decision (submit, dry_run, or the skip reason).");
  /** MsgLiquidate sent. */
  readonly submitted = new Counter("liquidator_liquidations_submitted_total", "MsgLiquidate transactions sent, by market.");
  /** MsgLiquidate outcomes. */
  readonly results = new Counter("liquidator_liquidations_total", "MsgLiquidate outcomes by market and result (success, or the failure's codespace/code).");
  /** Size taken over. */
  readonly takenSize = new Counter("liquidator_taken_size_total", "Base quantums taken over by successful liquidations, by market.");
  /** Expected discount of successful liquidations. */
  readonly discount = new Counter("liquidator_discount_usdc_total", "Discount (|size| × |oracle − fill price|) of successful liquidations in USDC, by market.");
  /** Gas spent. */
  readonly gasSpent = new Counter("liquidator_gas_cost_usdc_total", "Gas fees of sent MsgLiquidate transactions, valued in USDC.");
  /** Own account. */
  readonly equity = new Gauge("liquidator_equity_usdc", "Equity of the liquidator's subaccount at the chain's prices (USDC).");
  readonly collateral = new Gauge("liquidator_collateral_usdc", "Collateral of the liquidator's subaccount (USDC).");
  readonly freeCollateral = new Gauge("liquidator_free_collateral_usdc", "Equity minus initial margin of the liquidator's subaccount (USDC).");
  readonly positions = new Gauge("liquidator_positions", "Open positions of the liquidator's subaccount.");

  constructor(startedAtMs: number, dryRun: boolean) {
    this.up.set({}, 1);
    this.startTime.set({}, Math.floor(startedAtMs / 1000));
    this.dryRun.set({}, dryRun ? 1 : 0);
    this.chainUp.set({}, 0);
  }

  /** The whole /metrics page. */
  render(): string {
    return renderFamilies([
      this.up, this.startTime, this.dryRun, this.chainUp, this.priceSourceUp, this.priceAge, this.height, this.polls, this.pollErrors,
      this.pollDuration, this.connects, this.watched, this.liquidatable, this.decisions, this.submitted, this.results, this.takenSize,
      this.discount, this.gasSpent, this.equity, this.collateral, this.freeCollateral, this.positions,
    ].map((m) => m.family()));
  }
}
