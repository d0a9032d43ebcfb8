import { asObject, positivePrice, splitPair, type ExchangeAdapter } from "./adapter";

/** Kraken's own asset codes where they differ from the usual ticker symbol. */
const KRAKEN_ASSETS: Record<string, string> = { BTC: "XBT", DOGE: "XDG" };

/** Kraken asset code for a symbol (BTC → XBT). */
function krakenAsset(symbol: string): string {
  return KRAKEN_ASSETS[symbol] ?? symbol;
}

/** Keys Kraken may use for a pair in `result`: the requested name or the legacy "X…Z…" form (XBTUSD → XXBTZUSD). */
export function krakenResultKeys(pair: string): string[] {
  const { base, quote } = splitPair(pair);
  const b = krakenAsset(base);
  const q = krakenAsset(quote);
  return [`${b}${q}`, `X${b}Z${q}`, `X${b}${q}`, `${b}Z${q}`];
}

/**
 * Kraken: GET /0/public/Ticker?pair=XBTUSD,ETHUSD → {"error": [], "result": {"XXBTZUSD": {"c": ["43212.1", "0.001"], …}}}.
 * All pairs go in one request (Kraken's public rate limit is about one call per second); the last trade price `c[0]` is used.
 */
export const kraken: ExchangeAdapter = {
  name: "kraken",
  defaultBaseUrl: "https://api.kraken.com",
  minIntervalMs: 1000,
  symbol(pair) {
    const { base, quote } = splitPair(pair);
    return `${krakenAsset(base)}${krakenAsset(quote)}`;
  },
  plan(pairs) {
    const supported = pairs.filter((p) => this.symbol(p) !== undefined);
    if (supported.length === 0) return [];
    return [{ path: `/0/public/Ticker?pair=${supported.map((p) => this.symbol(p)).join(",")}`, pairs: supported }];
  },
  parse(body, pairs) {
    const obj = asObject(body, "kraken response");
    if (Array.isArray(obj.error) && obj.error.length > 0) throw new Error(`kraken: ${obj.error.join("; ")}`);
    const result = asObject(obj.result, "kraken result");
    const keys = Object.keys(result);
    const prices = new Map<string, bigint>();
    for (const pair of pairs) {
      let key = krakenResultKeys(pair).find((k) => k in result);
      if (key === undefined && pairs.length === 1 && keys.length === 1) key = keys[0];
      if (key === undefined) continue;
      const ticker = asObject(result[key], `kraken ticker ${key}`);
      const last = ticker.c;
      if (!Array.isArray(last) || last.length === 0) throw new Error(`unexpected response shape: kraken ${key}.c is not an array`);
      prices.set(pair, positivePrice(last[0], `kraken ${key}.c[0]`));
    }
    return prices;
  },
};
