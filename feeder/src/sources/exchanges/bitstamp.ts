import { asObject, planPerPair, positivePrice, splitPair, type ExchangeAdapter } from "./adapter";

/** Bitstamp: GET /api/v2/ticker/btcusd/ → {"last": "43208", "bid", "ask", "timestamp", …}; the last trade price is used. */
export const bitstamp: ExchangeAdapter = {
  name: "bitstamp",
  defaultBaseUrl: "https://www.bitstamp.net",
  minIntervalMs: 1000,
  symbol(pair) {
    const { base, quote } = splitPair(pair);
    return `${base}${quote}`.toLowerCase();
  },
  plan(pairs) {
    return planPerPair(this, pairs, (market) => `/api/v2/ticker/${market}/`);
  },
  parse(body, pairs) {
    const obj = asObject(body, "bitstamp ticker");
    if (obj.last === undefined && (obj.errors !== undefined || obj.message !== undefined)) {
      throw new Error(`bitstamp: ${JSON.stringify(obj.errors ?? obj.message)}`);
    }
    return new Map([[pairs[0], positivePrice(obj.last, "bitstamp ticker last")]]);
  },
};
