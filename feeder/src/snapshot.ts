import { aggregateQuotes, type PairAggregate } from "./aggregate";
import { mulDecimal } from "./decimal";
import type { QuoteStore } from "./store";

/** How the current prices are derived from the store. */
export interface SnapshotOptions {
  /** Pairs to serve, in output order. */
  readonly pairs: readonly string[];
  /** Quotes older than this are ignored. */
  readonly maxAgeMs: number;
  /** Minimum number of fresh, non-outlier sources per pair. */
  readonly minSources: number;
  /** Test-only fault injection: every served price is multiplied by this fixed-point factor. */
  readonly priceMultiplier?: bigint;
}

/** One pair in a snapshot. */
export interface PairView extends PairAggregate {
  /** Pair name "BASE/QUOTE". */
  readonly pair: string;
  /** The price to serve (aggregate × multiplier), null when not served. */
  readonly served: bigint | null;
  /** Milliseconds since the freshest quote used was received, null when no quote is used. */
  readonly ageMs: number | null;
}

/** The state of every pair at one instant. */
export interface Snapshot {
  /** Unix milliseconds at which the snapshot was computed. */
  readonly timestampMs: number;
  /** One entry per configured pair, in configured order. */
  readonly pairs: readonly PairView[];
}

/** Computes every pair's aggregate from the store at nowMs (pure apart from reading the store; cheap enough per request). */
export function buildSnapshot(store: QuoteStore, opts: SnapshotOptions, nowMs: number): Snapshot {
  const pairs = opts.pairs.map((pair): PairView => {
    const agg = aggregateQuotes(store.quotesFor(pair), { nowMs, maxAgeMs: opts.maxAgeMs, minSources: opts.minSources });
    const served = agg.price === null || opts.priceMultiplier === undefined ? agg.price : mulDecimal(agg.price, opts.priceMultiplier);
    const newest = agg.used.reduce((acc, q) => Math.max(acc, q.receivedAtMs), -Infinity);
    const ageMs = agg.used.length > 0 ? Math.max(0, nowMs - newest) : null;
    if (served !== null && served <= 0n) return { ...agg, pair, served: null, ageMs, reason: "price rounds to zero" };
    return { ...agg, pair, served, ageMs };
  });
  return { timestampMs: Math.floor(nowMs), pairs };
}
