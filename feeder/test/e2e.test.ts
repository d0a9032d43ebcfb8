import * as path from "node:path";
import { formatDecimal, parseDecimal } from "../src/decimal";
import { syntheticPrice, syntheticStep } from "../src/sources/gbm";
import { ensureBuilt, FEEDER_DIR, spawnFeeder, type FeederProcess } from "./helpers/cli-process";
import { allExchangeRoutes, startFixtureServer, type FixtureServer } from "./helpers/fixture-server";
import { getJsonBody, PRICE_RE, waitFor } from "./helpers/util";

const CRASH = path.join(FEEDER_DIR, "fixtures", "crash-30pct-5min.csv");
const procs: FeederProcess[] = [];
const servers: FixtureServer[] = [];

/** Spawns the built CLI on 127.0.0.1:0 and waits for its "started" line. */
async function start(args: string[]): Promise<{ proc: FeederProcess; url: string }> {
  const proc = spawnFeeder(["--listen", "127.0.0.1:0", ...args]);
  procs.push(proc);
  const started = await proc.waitForEvent("started");
  expect(started.listen).toMatch(/^127\.0\.0\.1:[1-9][0-9]*$/);
  return { proc, url: started.url as string };
}

/** Waits until /prices has every pair in `pairs`, then returns the body. */
async function pricesFor(url: string, pairs: string[]): Promise<{ timestamp_ms: number; prices: Record<string, string> }> {
  return waitFor(`prices for ${pairs.join(",")}`, async () => {
    const { body } = await getJsonBody(`${url}/prices`);
    return pairs.every((p) => body.prices[p] !== undefined) ? body : undefined;
  }, 8000);
}

beforeAll(() => ensureBuilt(), 120_000);

afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.stop()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("clearchain-feeder (spawned, built CLI)", () => {
  test("synthetic + replay: serves prices, SIGTERM stops it within 1 s", async () => {
    const { proc, url } = await start(["--source", "synthetic:7", "--source", `replay:${CRASH}`, "--interval-ms", "100"]);
    const body = await pricesFor(url, ["BTC/USD", "ETH/USD", "SOL/USD", "USDC/USD"]);
    for (const p of Object.values(body.prices)) {
      expect(p).toMatch(PRICE_RE);
      expect(parseDecimal(p) > 0n).toBe(true);
    }
    const health = await getJsonBody(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.body.pairs["BTC/USD"].sources).toBe(2);
    expect(health.body.sources[`replay:${CRASH}`]).toMatchObject({ ended: false, speed: 1 });
    const { code, ms } = await proc.stop();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(1000);
    expect(proc.events.map((e) => e.event)).toEqual(expect.arrayContaining(["started", "stopping", "stopped"]));
  });

  test("synthetic prices equal the pure function of (seed, pair, step): independent feeders agree", async () => {
    const { url } = await start(["--source", "synthetic:shared", "--interval-ms", "100"]);
    const body = await pricesFor(url, ["BTC/USD"]);
    const step = syntheticStep(body.timestamp_ms);
    // the served quote was computed at the last poll, at most one interval (one step boundary) before the response
    const candidates = [step, step - 1].map((s) => formatDecimal(syntheticPrice("shared", "BTC/USD", s)));
    expect(candidates).toContain(body.prices["BTC/USD"]);
  });

  test("replay at 100x reaches the crash bottom and keeps serving it (healthz reports the end)", async () => {
    const { url } = await start(["--source", `replay:${CRASH}@100`, "--pairs", "BTC/USD,ETH/USD", "--interval-ms", "100"]);
    const body = await waitFor("crash bottom", async () => {
      const { body: b } = await getJsonBody(`${url}/prices`);
      return b.prices["BTC/USD"] === "42000" ? b : undefined;
    }, 10_000);
    expect(body.prices).toEqual({ "BTC/USD": "42000", "ETH/USD": "2100" });
    const health = await getJsonBody(`${url}/healthz`);
    expect(health.body.sources[`replay:${CRASH}@100`]).toMatchObject({ ended: true });
  });

  test("four exchanges from recorded responses, one lying 10x: median of the honest ones, min-sources 3", async () => {
    const routes = allExchangeRoutes();
    routes["/binance/api/v3/ticker/price?symbol=BTCUSDT"] = { body: '{"symbol":"BTCUSDT","price":"432099.90000000"}' };
    const fixture = await startFixtureServer(routes);
    servers.push(fixture);
    const args = ["coinbase", "kraken", "bitstamp", "binance"].flatMap((x) => ["--source", x, "--exchange-url", `${x}=${fixture.url}/${x}`]);
    const { url } = await start([...args, "--min-sources", "3"]);
    const body = await pricesFor(url, ["BTC/USD", "ETH/USD", "SOL/USD", "USDC/USD"]);
    expect(body.prices).toEqual({
      "BTC/USD": "43210.99", // median of 43210.99, 43212.1, 43208 (binance's 432099.9 rejected)
      "ETH/USD": "2512.425", // mean of the middle two of 2512.34, 2512.58, 2512.4, 2512.45
      "SOL/USD": "97.41", // 97.41, 97.41, 97.4, 97.43
      "USDC/USD": "0.9999", // coinbase does not list it: 0.9999, 0.99985, 1.0001
    });
    const health = await getJsonBody(`${url}/healthz`);
    expect(health.body.pairs["BTC/USD"]).toMatchObject({ sources: 3, outliers: ["binance"] });
    expect(health.body.sources.coinbase).toMatchObject({ unsupported_pairs: ["USDC/USD"] });
  });

  test("a dead exchange only drops out and is logged; --price-multiplier 10 scales what is served", async () => {
    const dead = await startFixtureServer({});
    await dead.close(); // nothing listens there any more
    const { proc, url } = await start(["--source", `replay:${CRASH}`, "--source", "kraken", "--exchange-url", `kraken=${dead.url}`, "--pairs", "BTC/USD", "--price-multiplier", "10"]);
    const body = await pricesFor(url, ["BTC/USD"]);
    expect(body.prices).toEqual({ "BTC/USD": "600000" });
    const err = await proc.waitForEvent("source_error");
    expect(err).toMatchObject({ level: "warn", source: "kraken" });
    expect(err.errors["BTC/USD"]).toMatch(/^fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
    expect(proc.events.find((e) => e.event === "price_multiplier_active")).toMatchObject({ multiplier: "10" });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^feeder_source_fetch_errors_total\{source="kraken"\} [1-9]/m);
  });

  test("usage errors exit with status 2 before binding anything", async () => {
    const proc = spawnFeeder(["--listen", "0.0.0.0:0", "--source", "synthetic:1"]);
    procs.push(proc);
    expect(await proc.exited).toBe(2);
    expect(proc.stderr).toContain("refusing to listen on non-loopback host 0.0.0.0");
  });
});
