// Oracle views: prices and histories with bigint quantums and Dates, and pair-name helpers.
import type { Timestamp } from "../../generated/google/protobuf/timestamp.js";
import type { PriceView } from "../../generated/clearchain/oracle/v1/query.js";

/** A pair's current oracle price as the SDK returns it. */
export interface PriceInfo {
  /** "BASE/QUOTE", e.g. "BTC/USD". */
  readonly pair: string;
  /** Decimal price in quote units, e.g. "43210.57" ("0" if never priced). */
  readonly price: string;
  /** Fixed-point price: price × 10^decimals. */
  readonly priceQuantums: bigint;
  /** Fixed-point scale. */
  readonly decimals: number;
  /** Height of the block that set the price. */
  readonly height: bigint;
  /** Time of that block. */
  readonly blockTime: Date | undefined;
  /** Older than the pair's staleness limit (or never priced). */
  readonly stale: boolean;
  /** Held by the band circuit breaker or by governance. */
  readonly halted: boolean;
  /** EWMA realised volatility per update, as a decimal string. */
  readonly volatility: string;
  /** Height at which a band halt ends (0 if none). */
  readonly haltedUntilHeight: bigint;
  /** Validators whose prices formed the last update. */
  readonly reporters: number;
}

/** One stored price of a pair's history. */
export interface PricePointInfo {
  /** Height of the block that set the price. */
  readonly height: bigint;
  /** Fixed-point price (price × 10^decimals). */
  readonly priceQuantums: bigint;
  /** Time of that block. */
  readonly blockTime: Date | undefined;
}

/** A pair's bounded price history, newest first. */
export interface PriceHistoryInfo {
  readonly pair: string;
  readonly decimals: number;
  readonly points: readonly PricePointInfo[];
}

/** toDate converts a protobuf timestamp ({seconds, nanos}) to a Date. */
export function toDate(ts: Timestamp | undefined): Date | undefined {
  return ts ? new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6)) : undefined;
}

/** splitPair turns "BTC/USD" into ["BTC", "USD"]. */
export function splitPair(pair: string): [string, string] {
  const parts = pair.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new TypeError(`pair must look like "BTC/USD", got ${JSON.stringify(pair)}`);
  return [parts[0], parts[1]];
}

/** toPriceInfo converts the generated view. */
export function toPriceInfo(v: PriceView | undefined): PriceInfo {
  if (!v) throw new Error("oracle returned no price");
  return {
    pair: v.pair, price: v.price, priceQuantums: v.priceQuantums, decimals: v.decimals, height: v.height,
    blockTime: toDate(v.blockTime), stale: v.stale, halted: v.halted, volatility: v.volatility,
    haltedUntilHeight: v.haltedUntilHeight, reporters: v.reporters,
  };
}

