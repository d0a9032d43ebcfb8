import { decimalToNumber, formatDecimal } from "./decimal";
import { Counter, Histogram, renderFamilies, type Family } from "./prometheus";
import type { Snapshot } from "./snapshot";

/** Latency buckets (seconds) of source fetches. */
export const FETCH_LATENCY_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Per-source state the metrics page shows as gauges. */
export interface SourceGaugeInput {
  /** Source name. */
  readonly name: string;
  /** Unix ms of the last poll that yielded at least one price, null if never. */
  readonly lastSuccessMs: number | null;
}

/** The feeder's counters and histograms, plus rendering of the whole /metrics page. */
export class FeederMetrics {
  /** Polls made, by source. */
  readonly fetches = new Counter("feeder_source_fetches_total", "Polls of a price source.");
  /** Polls that failed for at least one pair, by source. */
  readonly fetchErrors = new Counter("feeder_source_fetch_errors_total", "Polls of a price source that failed for at least one pair.");
  /** Prices obtained, by source and pair. */
  readonly quotes = new Counter("feeder_source_quotes_total", "Prices obtained from a source.");
  /** Per-pair failures, by source and pair. */
  readonly quoteErrors = new Counter("feeder_source_quote_errors_total", "Failures to obtain a pair's price from a source.");
  /** Poll latency, by source. */
  readonly latency = new Histogram("feeder_source_fetch_duration_seconds", "Duration of one poll of a price source.", FETCH_LATENCY_BUCKETS);
  /** Quotes rejected as outliers, by pair (counted once per poll interval). */
  readonly outliers = new Counter("feeder_pair_outliers_rejected_total", "Fresh quotes rejected as outliers by the MAD rule, counted once per poll interval.");

  constructor(
    sources: readonly string[],
    pairs: readonly string[],
    private readonly startedAtMs: number,
    private readonly priceMultiplier?: bigint,
  ) {
    for (const source of sources) {
      this.fetches.inc({ source }, 0);
      this.fetchErrors.inc({ source }, 0);
      for (const pair of pairs) {
        this.quotes.inc({ source, pair }, 0);
        this.quoteErrors.inc({ source, pair }, 0);
      }
    }
    for (const pair of pairs) this.outliers.inc({ pair }, 0);
  }

  /** Counts the outliers of one aggregation round. */
  recordAggregation(snapshot: Snapshot): void {
    for (const p of snapshot.pairs) if (p.outliers.length > 0) this.outliers.inc({ pair: p.pair }, p.outliers.length);
  }

  /** Renders the Prometheus text page for the current snapshot and source states. */
  render(snapshot: Snapshot, sources: readonly SourceGaugeInput[]): string {
    const now = snapshot.timestampMs;
    const gauge = (name: string, help: string, samples: Family["samples"]): Family => ({ name, help, type: "gauge", samples });
    const families: Family[] = [
      gauge("feeder_up", "Always 1 while the feeder serves.", [{ labels: {}, value: 1 }]),
      gauge("feeder_start_time_seconds", "Unix time at which the feeder started.", [{ labels: {}, value: this.startedAtMs / 1000 }]),
      gauge("feeder_price_multiplier", "Test-only fault injection factor applied to served prices (1 = off).", [
        { labels: {}, value: this.priceMultiplier === undefined ? 1 : decimalToNumber(this.priceMultiplier) },
      ]),
      this.fetches.family(),
      this.fetchErrors.family(),
      this.quotes.family(),
      this.quoteErrors.family(),
      this.latency.family(),
      gauge(
        "feeder_source_last_success_age_seconds",
        "Seconds since a source last yielded a price (absent if never).",
        sources.filter((s) => s.lastSuccessMs !== null).map((s) => ({ labels: { source: s.name }, value: Math.max(0, now - (s.lastSuccessMs as number)) / 1000 })),
      ),
      gauge(
        "feeder_pair_price",
        "Price currently served for a pair (absent when the pair is not served).",
        snapshot.pairs.filter((p) => p.served !== null).map((p) => ({ labels: { pair: p.pair }, value: formatDecimal(p.served as bigint) })),
      ),
      gauge("feeder_pair_available", "1 when the pair is served, else 0.", snapshot.pairs.map((p) => ({ labels: { pair: p.pair }, value: p.served === null ? 0 : 1 }))),
      gauge("feeder_pair_sources", "Fresh non-outlier sources the pair's price is made of.", snapshot.pairs.map((p) => ({ labels: { pair: p.pair }, value: p.used.length }))),
      this.outliers.family(),
      gauge(
        "feeder_pair_last_update_age_seconds",
        "Seconds since the freshest quote used for the pair was received (absent when none).",
        snapshot.pairs.filter((p) => p.ageMs !== null).map((p) => ({ labels: { pair: p.pair }, value: (p.ageMs as number) / 1000 })),
      ),
    ];
    return renderFamilies(families);
  }
}
