import { asObject, planPerPair, positivePrice, splitPair, type ExchangeAdapter } from "./adapter";

/** Binance has no USD order books: USD pairs are quoted against USDT, which is treated as USD. */
function binanceQuote(quote: string): string {
  return quote === "USD" ? "USDT" : quote;
}

/** Binance: GET /api/v3/ticker/price?symbol=BTCUSDT → {"symbol": "BTCUSDT", "price": "43209.99000000"}. */
export const binance: ExchangeAdapter = {
  name: "binance",
  defaultBaseUrl: "https://api.binance.com",
  minIntervalMs: 1000,
  symbol(pair) {
    const { base, quote } = splitPair(pair);
    const q = binanceQuote(quote);
    return base === q ? undefined : `${base}${q}`;
  },
  plan(pairs) {
    return planPerPair(this, pairs, (symbol) => `/api/v3/ticker/price?symbol=${symbol}`);
  },
  parse(body, pairs) {
    const obj = asObject(body, "binance ticker");
    if (typeof obj.code === "number" && obj.price === undefined) throw new Error(`binance ${obj.code}: ${String(obj.msg)}`);
    const expected = this.symbol(pairs[0]);
    if (typeof obj.symbol === "string" && obj.symbol !== expected) throw new Error(`binance answered for ${obj.symbol}, expected ${expected}`);
    return new Map([[pairs[0], positivePrice(obj.price, "binance ticker price")]]);
  },
};
