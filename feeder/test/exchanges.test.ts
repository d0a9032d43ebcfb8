import { formatDecimal } from "../src/decimal";
import { binance, bitstamp, coinbase, EXCHANGE_ADAPTERS, ExchangeSource, kraken, type ExchangeAdapter } from "../src/sources/exchanges";
import { getJson } from "../src/sources/exchanges/http-json";
import { krakenResultKeys } from "../src/sources/exchanges/kraken";
import type { SourceResult } from "../src/sources/source";
import { allExchangeRoutes, startFixtureServer, type FixtureServer, type RouteSpec } from "./helpers/fixture-server";

const PAIRS = ["BTC/USD", "ETH/USD", "SOL/USD", "USDC/USD"];

/** Runs one fetch of `adapter` against a fixture server with `routes` (paths without the exchange prefix). */
async function fetchWith(adapter: ExchangeAdapter, routes: Record<string, RouteSpec>, pairs = PAIRS, timeoutMs = 1000): Promise<{ result: SourceResult; server: FixtureServer; source: ExchangeSource }> {
  const server = await startFixtureServer(routes);
  try {
    const source = new ExchangeSource(adapter, { baseUrl: server.url, timeoutMs });
    const result = await source.fetch(pairs, new AbortController().signal);
    return { result, server, source };
  } finally {
    await server.close();
  }
}

/** The happy-path routes of one exchange, with the "/<name>" prefix stripped. */
function routesOf(name: string): Record<string, RouteSpec> {
  const prefix = `/${name}`;
  return Object.fromEntries(Object.entries(allExchangeRoutes()).filter(([p]) => p.startsWith(`${prefix}/`)).map(([p, r]) => [p.slice(prefix.length), r]));
}

const asStrings = (m: Map<string, bigint>): Record<string, string> => Object.fromEntries([...m].map(([k, v]) => [k, formatDecimal(v)]));

describe("symbol mapping", () => {
  test.each([
    ["coinbase", "BTC/USD", "BTC-USD"],
    ["coinbase", "SOL/USD", "SOL-USD"],
    ["coinbase", "USDC/USD", undefined],
    ["kraken", "BTC/USD", "XBTUSD"],
    ["kraken", "ETH/USD", "ETHUSD"],
    ["kraken", "USDC/USD", "USDCUSD"],
    ["kraken", "DOGE/USD", "XDGUSD"],
    ["bitstamp", "BTC/USD", "btcusd"],
    ["bitstamp", "USDC/USD", "usdcusd"],
    ["binance", "BTC/USD", "BTCUSDT"],
    ["binance", "USDC/USD", "USDCUSDT"],
    ["binance", "USDT/USD", undefined],
    ["binance", "ETH/BTC", "ETHBTC"],
  ])("%s %s → %s", (name, pair, symbol) => {
    expect(EXCHANGE_ADAPTERS[name as keyof typeof EXCHANGE_ADAPTERS].symbol(pair)).toBe(symbol);
  });

  test("kraken result keys include the legacy X…Z… form", () => {
    expect(krakenResultKeys("BTC/USD")).toContain("XXBTZUSD");
    expect(krakenResultKeys("ETH/USD")).toContain("XETHZUSD");
    expect(krakenResultKeys("SOL/USD")[0]).toBe("SOLUSD");
  });

  test("default base URLs are the real public APIs", () => {
    expect(coinbase.defaultBaseUrl).toBe("https://api.exchange.coinbase.com");
    expect(kraken.defaultBaseUrl).toBe("https://api.kraken.com");
    expect(bitstamp.defaultBaseUrl).toBe("https://www.bitstamp.net");
    expect(binance.defaultBaseUrl).toBe("https://api.binance.com");
  });
});

describe("adapters against recorded responses", () => {
  test("coinbase: one ticker per product, USDC/USD not listed", async () => {
    const { result, server, source } = await fetchWith(coinbase, routesOf("coinbase"));
    expect(asStrings(result.prices)).toEqual({ "BTC/USD": "43210.99", "ETH/USD": "2512.34", "SOL/USD": "97.41" });
    expect(result.errors.size).toBe(0);
    expect([...server.requests].sort()).toEqual(["/products/BTC-USD/ticker", "/products/ETH-USD/ticker", "/products/SOL-USD/ticker"]);
    expect(source.status()).toMatchObject({ unsupported_pairs: ["USDC/USD"] });
    expect(source.name).toBe("coinbase");
  });

  test("kraken: all pairs in one request, last trade price c[0]", async () => {
    const { result, server } = await fetchWith(kraken, routesOf("kraken"));
    expect(asStrings(result.prices)).toEqual({ "BTC/USD": "43212.1", "ETH/USD": "2512.58", "SOL/USD": "97.41", "USDC/USD": "0.9999" });
    expect(server.requests).toEqual(["/0/public/Ticker?pair=XBTUSD,ETHUSD,SOLUSD,USDCUSD"]);
  });

  test("bitstamp: last price per market", async () => {
    const { result } = await fetchWith(bitstamp, routesOf("bitstamp"));
    expect(asStrings(result.prices)).toEqual({ "BTC/USD": "43208", "ETH/USD": "2512.4", "SOL/USD": "97.4", "USDC/USD": "0.99985" });
  });

  test("binance: USDT quoted symbols stand for USD", async () => {
    const { result, server } = await fetchWith(binance, routesOf("binance"));
    expect(asStrings(result.prices)).toEqual({ "BTC/USD": "43209.99", "ETH/USD": "2512.45", "SOL/USD": "97.43", "USDC/USD": "1.0001" });
    expect(server.requests).toContain("/api/v3/ticker/price?symbol=BTCUSDT");
  });

  test("a base URL with a path prefix and a trailing slash works", async () => {
    const server = await startFixtureServer(allExchangeRoutes());
    try {
      const source = new ExchangeSource(binance, { baseUrl: `${server.url}/binance/`, timeoutMs: 1000 });
      const res = await source.fetch(["BTC/USD"], new AbortController().signal);
      expect(asStrings(res.prices)).toEqual({ "BTC/USD": "43209.99" });
    } finally {
      await server.close();
    }
  });
});

describe("adapter error cases", () => {
  const btc = ["BTC/USD"];

  test.each<[string, ExchangeAdapter, Record<string, RouteSpec>, RegExp]>([
    ["coinbase 500", coinbase, { "/products/BTC-USD/ticker": { status: 500, body: '{"message":"Internal server error"}' } }, /^HTTP 500: .*Internal server error/],
    ["coinbase 404 NotFound", coinbase, { "/products/BTC-USD/ticker": { status: 404, file: "coinbase-not-found.json" } }, /^HTTP 404: .*NotFound/],
    ["coinbase malformed JSON", coinbase, { "/products/BTC-USD/ticker": { body: '{"price": "43210.9' } }, /^malformed JSON/],
    ["coinbase HTML instead of JSON", coinbase, { "/products/BTC-USD/ticker": { body: "<html>maintenance</html>", contentType: "text/html" } }, /^malformed JSON/],
    ["coinbase price missing", coinbase, { "/products/BTC-USD/ticker": { body: '{"bid":"1","ask":"2"}' } }, /coinbase ticker price is not a price/],
    ["coinbase zero price", coinbase, { "/products/BTC-USD/ticker": { body: '{"price":"0"}' } }, /not positive/],
    ["kraken error array (unknown pair)", kraken, { "/0/public/Ticker?pair=XBTUSD": { file: "kraken-unknown-pair.json" } }, /kraken: EQuery:Unknown asset pair/],
    ["kraken 502", kraken, { "/0/public/Ticker?pair=XBTUSD": { status: 502, body: "bad gateway" } }, /^HTTP 502/],
    ["kraken wrong shape", kraken, { "/0/public/Ticker?pair=XBTUSD": { body: '{"error":[],"result":{"XXBTZUSD":{"c":"43000"}}}' } }, /c is not an array/],
    ["bitstamp unknown market (404 HTML)", bitstamp, {}, /^HTTP 404: <!DOCTYPE html>/],
    ["bitstamp array body", bitstamp, { "/api/v2/ticker/btcusd/": { body: "[]" } }, /not an object/],
    ["binance invalid symbol (400)", binance, { "/api/v3/ticker/price?symbol=BTCUSDT": { status: 400, file: "binance-invalid-symbol.json" } }, /^HTTP 400: .*Invalid symbol/],
    ["binance answers for another symbol", binance, { "/api/v3/ticker/price?symbol=BTCUSDT": { file: "binance-ETHUSDT.json" } }, /answered for ETHUSDT/],
    ["binance exponent-free negative", binance, { "/api/v3/ticker/price?symbol=BTCUSDT": { body: '{"symbol":"BTCUSDT","price":"-1"}' } }, /not a price/],
  ])("%s", async (_name, adapter, routes, message) => {
    const { result } = await fetchWith(adapter, routes, btc);
    expect(result.prices.size).toBe(0);
    expect(result.errors.get("BTC/USD")).toMatch(message);
  });

  test("kraken: a pair missing from the result fails only that pair", async () => {
    const body = JSON.stringify({ error: [], result: { XXBTZUSD: { c: ["43212.1", "0.001"] } } });
    const { result } = await fetchWith(kraken, { "/0/public/Ticker?pair=XBTUSD,SOLUSD": { body } }, ["BTC/USD", "SOL/USD"]);
    expect(asStrings(result.prices)).toEqual({ "BTC/USD": "43212.1" });
    expect(result.errors.get("SOL/USD")).toBe("pair missing from response");
  });

  test("one failing product does not affect the others", async () => {
    const routes = routesOf("coinbase");
    routes["/products/ETH-USD/ticker"] = { status: 500, body: "" };
    const { result } = await fetchWith(coinbase, routes);
    expect(Object.keys(asStrings(result.prices)).sort()).toEqual(["BTC/USD", "SOL/USD"]);
    expect(result.errors.get("ETH/USD")).toBe("HTTP 500");
  });

  test("timeout: a server that never answers fails within the request timeout", async () => {
    const t0 = Date.now();
    const { result } = await fetchWith(binance, { "/api/v3/ticker/price?symbol=BTCUSDT": { hang: true } }, btc, 150);
    expect(result.errors.get("BTC/USD")).toBe("timeout after 150 ms");
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  test("connection refused", async () => {
    const server = await startFixtureServer({});
    const url = server.url;
    await server.close();
    const source = new ExchangeSource(bitstamp, { baseUrl: url, timeoutMs: 1000 });
    const res = await source.fetch(btc, new AbortController().signal);
    expect(res.errors.get("BTC/USD")).toMatch(/^fetch failed: .*ECONNREFUSED/);
  });

  test("an aborted signal (shutdown) cancels the request", async () => {
    const server = await startFixtureServer({ "/x": { hang: true } });
    try {
      const ctrl = new AbortController();
      const pending = getJson(`${server.url}/x`, { timeoutMs: 10_000, signal: ctrl.signal });
      setTimeout(() => ctrl.abort(), 50);
      await expect(pending).rejects.toThrow("aborted");
    } finally {
      await server.close();
    }
  });

  test("oversized responses are refused", async () => {
    const { result } = await fetchWith(coinbase, { "/products/BTC-USD/ticker": { body: `{"price":"1","pad":"${"x".repeat(1_100_000)}"}` } }, btc);
    expect(result.errors.get("BTC/USD")).toMatch(/larger than/);
  });
});
