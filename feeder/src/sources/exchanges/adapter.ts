import { decimalFromJson } from "../../decimal";
import { parsePair } from "../../pairs";
import { emptyResult, errorMessage, type PriceSource, type SourceResult } from "../source";
import { getJson } from "./http-json";

/** The exchanges the feeder has adapters for. */
export const EXCHANGE_NAMES = ["coinbase", "kraken", "bitstamp", "binance"] as const;

/** One of EXCHANGE_NAMES. */
export type ExchangeName = (typeof EXCHANGE_NAMES)[number];

/** One HTTP request an adapter wants made, and the pairs its response covers. */
export interface ExchangeRequest {
  /** Path and query appended to the base URL, e.g. "/products/BTC-USD/ticker". */
  readonly path: string;
  /** Pairs whose prices the response carries. */
  readonly pairs: readonly string[];
}

/** Exchange-specific knowledge: symbols, request paths and response shapes. */
export interface ExchangeAdapter {
  /** Exchange name (also the source name). */
  readonly name: ExchangeName;
  /** The real public API base URL. */
  readonly defaultBaseUrl: string;
  /** Do not poll more often than this (public rate limits). */
  readonly minIntervalMs: number;
  /** The exchange's symbol for a pair, or undefined when the exchange does not list it. */
  symbol(pair: string): string | undefined;
  /** Requests covering every supported pair among `pairs`. */
  plan(pairs: readonly string[]): ExchangeRequest[];
  /** Prices found in a parsed response for `pairs`; throws on an exchange-reported error or a wrong shape. */
  parse(body: unknown, pairs: readonly string[]): Map<string, bigint>;
}

/** Plans one request per supported pair using `path(symbol)`. */
export function planPerPair(adapter: Pick<ExchangeAdapter, "symbol">, pairs: readonly string[], path: (symbol: string) => string): ExchangeRequest[] {
  const out: ExchangeRequest[] = [];
  for (const pair of pairs) {
    const sym = adapter.symbol(pair);
    if (sym !== undefined) out.push({ path: path(sym), pairs: [pair] });
  }
  return out;
}

/** Base and quote symbols of a canonical pair name. */
export function splitPair(pair: string): { base: string; quote: string } {
  const { base, quote } = parsePair(pair);
  return { base, quote };
}

/** Narrows a JSON value to a plain object or throws "unexpected response shape". */
export function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`unexpected response shape: ${what} is not an object`);
  return value as Record<string, unknown>;
}

/** Reads a positive price from a JSON value (string or number). */
export function positivePrice(value: unknown, what: string): bigint {
  let price: bigint;
  try {
    price = decimalFromJson(value);
  } catch {
    throw new Error(`unexpected response shape: ${what} is not a price (${JSON.stringify(value)})`);
  }
  if (price <= 0n) throw new Error(`${what} is not positive (${JSON.stringify(value)})`);
  return price;
}

/** Settings of one exchange source. */
export interface ExchangeSourceOptions {
  /** Override of the adapter's base URL (tests point it at a local server). */
  readonly baseUrl?: string;
  /** Timeout of each HTTP request in milliseconds. */
  readonly timeoutMs: number;
}

/** A PriceSource polling an exchange's public REST ticker through an adapter. */
export class ExchangeSource implements PriceSource {
  /** The exchange name. */
  readonly name: string;
  /** The adapter's rate-limit floor. */
  readonly minIntervalMs: number;
  private readonly baseUrl: string;
  private unsupported: string[] = [];

  constructor(
    private readonly adapter: ExchangeAdapter,
    private readonly opts: ExchangeSourceOptions,
  ) {
    this.name = adapter.name;
    this.minIntervalMs = adapter.minIntervalMs;
    this.baseUrl = (opts.baseUrl ?? adapter.defaultBaseUrl).replace(/\/+$/, "");
  }

  /** Requests every supported pair (in parallel) and collects prices and per-pair errors. */
  async fetch(pairs: readonly string[], signal: AbortSignal): Promise<SourceResult> {
    const result = emptyResult();
    const plan = this.adapter.plan(pairs);
    const covered = new Set(plan.flatMap((r) => r.pairs));
    this.unsupported = pairs.filter((p) => !covered.has(p));
    await Promise.all(
      plan.map(async (req) => {
        try {
          const body = await getJson(this.baseUrl + req.path, { timeoutMs: this.opts.timeoutMs, signal });
          const prices = this.adapter.parse(body, req.pairs);
          for (const pair of req.pairs) {
            const price = prices.get(pair);
            if (price === undefined) result.errors.set(pair, "pair missing from response");
            else result.prices.set(pair, price);
          }
        } catch (err) {
          for (const pair of req.pairs) result.errors.set(pair, errorMessage(err));
        }
      }),
    );
    return result;
  }

  /** Base URL and the configured pairs this exchange does not list. */
  status(): Record<string, unknown> {
    return { base_url: this.baseUrl, unsupported_pairs: this.unsupported };
  }
}
