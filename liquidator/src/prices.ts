/** The liquidator's own price source: a feeder's GET /prices (the prices its validator is about to vote). */
import { parseUnits } from "./decimal";

/** Prices by pair ("BTC/USD") as decimal strings, and when they were read. */
export interface PriceQuote {
  readonly prices: Readonly<Record<string, string>>;
  /** Unix ms the source computed them (the feeder's timestamp_ms, else the read time). */
  readonly timestampMs: number;
}

/** A source of predicted oracle prices. */
export interface PriceSource {
  /** Human-readable name for logs and metrics labels. */
  readonly name: string;
  /** Reads the current prices (throws on failure). */
  fetch(): Promise<PriceQuote>;
}

/** Fetch as the liquidator uses it (injectable in tests). */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** FeederPriceSource reads `GET {url}` of a clearchain-feeder ({"timestamp_ms", "prices": {"BTC/USD": "43210.99"}}). */
export class FeederPriceSource implements PriceSource {
  readonly name: string;

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 1_000,
    private readonly fetchFn: FetchLike = (u, init) => globalThis.fetch(u, init),
  ) {
    this.name = `feeder ${url}`;
  }

  async fetch(): Promise<PriceQuote> {
    const res = await this.fetchFn(this.url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!res.ok) throw new Error(`GET ${this.url}: HTTP ${res.status}`);
    const body = (await res.json()) as { timestamp_ms?: unknown; prices?: unknown };
    if (typeof body !== "object" || body === null || typeof body.prices !== "object" || body.prices === null) {
      throw new Error(`GET ${this.url}: no "prices" object`);
    }
    const prices: Record<string, string> = {};
    for (const [pair, v] of Object.entries(body.prices as Record<string, unknown>)) {
      if (typeof v === "string" && /^[0-9]+(\.[0-9]+)?$/.test(v)) prices[pair] = v;
    }
    const ts = typeof body.timestamp_ms === "number" && Number.isFinite(body.timestamp_ms) ? body.timestamp_ms : Date.now();
    return { prices, timestampMs: ts };
  }
}

/** A market's oracle pair as the price mapping needs it. */
export interface MarketPair {
  readonly marketId: number;
  /** "BASE/QUOTE". */
  readonly pair: string;
  /** The pair's on-chain price decimals. */
  readonly decimals: number;
}

/**
 * predictedPrices converts a quote into price quantums per market (the chain parses each feeder price with the pair's
 * decimals, truncating extra digits, exactly so). Markets whose pair the quote lacks are absent (the chain's price stays).
 */
export function predictedPrices(quote: PriceQuote, pairs: readonly MarketPair[]): Record<number, bigint> {
  const out: Record<number, bigint> = {};
  for (const p of pairs) {
    const text = quote.prices[p.pair];
    if (text === undefined) continue;
    const q = parseUnits(text, p.decimals);
    if (q > 0n && q < 1n << 64n) out[p.marketId] = q;
  }
  return out;
}
