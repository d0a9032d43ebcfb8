/**
 * The aggregation rule, as pure functions over fixed-point prices (see decimal.ts):
 * keep fresh quotes, reject outliers by median absolute deviation, serve the median of the survivors.
 */

/** One source's latest price for one pair. */
export interface Quote {
  /** Source name, e.g. "coinbase" or "synthetic:42". */
  readonly source: string;
  /** Price in 18-decimal fixed point; always > 0. */
  readonly price: bigint;
  /** Unix milliseconds at which the feeder received the quote. */
  readonly receivedAtMs: number;
}

/** Parameters of the aggregation rule. */
export interface AggregationOptions {
  /** Current unix time in milliseconds. */
  readonly nowMs: number;
  /** Quotes older than this many milliseconds are ignored. */
  readonly maxAgeMs: number;
  /** A pair is priced only if at least this many fresh, non-outlier quotes remain. */
  readonly minSources: number;
  /** Outlier multiplier k: a quote is an outlier if |p − median| > k·MAD (subject to the floors). */
  readonly madK?: bigint;
  /** Relative floor of the outlier threshold, in parts per million of the median. */
  readonly relativeFloorPpm?: bigint;
}

/** Default outlier multiplier k. */
export const DEFAULT_MAD_K = 3n;

/** Default relative threshold floor: 0.5% of the median (5000 ppm). */
export const DEFAULT_RELATIVE_FLOOR_PPM = 5_000n;

const PPM = 1_000_000n;

/** Result of outlier rejection on a set of quotes. */
export interface OutlierPartition {
  /** Quotes within the threshold. */
  readonly kept: Quote[];
  /** Quotes rejected as outliers. */
  readonly outliers: Quote[];
  /** Median of all input prices. */
  readonly median: bigint;
  /** Median absolute deviation of all input prices from `median`. */
  readonly mad: bigint;
  /** Largest accepted |p − median|. */
  readonly threshold: bigint;
}

/** Outcome of aggregating one pair. */
export interface PairAggregate {
  /** The aggregate price, or null when the pair cannot be served. */
  readonly price: bigint | null;
  /** Fresh quotes that survived outlier rejection (the ones the price is made of). */
  readonly used: Quote[];
  /** Fresh quotes rejected as outliers. */
  readonly outliers: Quote[];
  /** Quotes ignored because they were older than maxAgeMs (or not positive). */
  readonly stale: Quote[];
  /** Why price is null ("no fresh quotes", "1 of 2 required sources"), undefined when priced. */
  readonly reason?: string;
}

/** Median of a non-empty list; an even count yields the mean of the two middle values (truncated to 10^-18). */
export function median(values: readonly bigint[]): bigint {
  if (values.length === 0) throw new RangeError("median of an empty list");
  const sorted = [...values].sort(compareBigint);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2n;
}

/** Median absolute deviation of `values` around `center`. */
export function medianAbsoluteDeviation(values: readonly bigint[], center: bigint): bigint {
  return median(values.map((v) => abs(v - center)));
}

/** The accepted deviation: max(k·MAD, relative floor of the median, one unit), so identical quotes never fail. */
export function outlierThreshold(center: bigint, mad: bigint, k = DEFAULT_MAD_K, relativeFloorPpm = DEFAULT_RELATIVE_FLOOR_PPM): bigint {
  const relative = (abs(center) * relativeFloorPpm) / PPM;
  return max(max(k * mad, relative), 1n);
}

/** Splits quotes into kept and outliers by median absolute deviation. */
export function rejectOutliers(quotes: readonly Quote[], k = DEFAULT_MAD_K, relativeFloorPpm = DEFAULT_RELATIVE_FLOOR_PPM): OutlierPartition {
  if (quotes.length === 0) return { kept: [], outliers: [], median: 0n, mad: 0n, threshold: 0n };
  const prices = quotes.map((q) => q.price);
  const m = median(prices);
  const mad = medianAbsoluteDeviation(prices, m);
  const threshold = outlierThreshold(m, mad, k, relativeFloorPpm);
  const kept: Quote[] = [];
  const outliers: Quote[] = [];
  for (const q of quotes) (abs(q.price - m) > threshold ? outliers : kept).push(q);
  return { kept, outliers, median: m, mad, threshold };
}

/** Whether a quote is usable at nowMs: positive and not older than maxAgeMs. */
export function isFresh(quote: Quote, nowMs: number, maxAgeMs: number): boolean {
  return quote.price > 0n && nowMs - quote.receivedAtMs <= maxAgeMs;
}

/** Aggregates one pair's quotes: freshness filter, MAD outlier rejection, min-sources check, median of survivors. */
export function aggregateQuotes(quotes: readonly Quote[], opts: AggregationOptions): PairAggregate {
  const fresh = quotes.filter((q) => isFresh(q, opts.nowMs, opts.maxAgeMs));
  const stale = quotes.filter((q) => !isFresh(q, opts.nowMs, opts.maxAgeMs));
  if (fresh.length === 0) return { price: null, used: [], outliers: [], stale, reason: "no fresh quotes" };
  const { kept, outliers } = rejectOutliers(fresh, opts.madK, opts.relativeFloorPpm);
  if (kept.length < Math.max(1, opts.minSources)) {
    return { price: null, used: kept, outliers, stale, reason: `${kept.length} of ${opts.minSources} required sources` };
  }
  return { price: median(kept.map((q) => q.price)), used: kept, outliers, stale };
}

/** Orders bigints ascending (for Array.prototype.sort). */
export function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
