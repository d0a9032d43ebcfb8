import { asObject, planPerPair, positivePrice, splitPair, type ExchangeAdapter } from "./adapter";

/** Pairs Coinbase does not list as products (Coinbase treats USDC and USD as the same balance). */
const UNLISTED = new Set(["USDC/USD", "USD/USDC"]);

/** Coinbase Exchange: GET /products/BTC-USD/ticker → {"price": "43210.99", "bid", "ask", "time", …}. */
export const coinbase: ExchangeAdapter = {
  name: "coinbase",
  defaultBaseUrl: "https://api.exchange.coinbase.com",
  minIntervalMs: 1000,
  symbol(pair) {
    if (UNLISTED.has(pair)) return undefined;
    const { base, quote } = splitPair(pair);
    return `${base}-${quote}`;
  },
  plan(pairs) {
    return planPerPair(this, pairs, (product) => `/products/${product}/ticker`);
  },
  parse(body, pairs) {
    const obj = asObject(body, "coinbase ticker");
    if (typeof obj.message === "string" && obj.price === undefined) throw new Error(`coinbase: ${obj.message}`);
    return new Map([[pairs[0], positivePrice(obj.price, "coinbase ticker price")]]);
  },
};
