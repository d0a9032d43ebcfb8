import * as http from "node:http";
import { ManualClock, systemClock } from "../src/clock";
import { parseDecimal, SCALE } from "../src/decimal";
import { Feeder, type FeederOptions } from "../src/feeder";
import { SyntheticSource } from "../src/sources/synthetic";
import { FakeSource, getJsonBody, PRICE_RE, waitFor } from "./helpers/util";

const PAIRS = ["BTC/USD", "ETH/USD", "SOL/USD", "USDC/USD"];
const running: Feeder[] = [];

/** Starts a feeder on 127.0.0.1:0 that is stopped after the test. */
async function startFeeder(opts: Partial<FeederOptions> & Pick<FeederOptions, "sources">): Promise<Feeder> {
  const f = await Feeder.start({ pairs: PAIRS, listenHost: "127.0.0.1", listenPort: 0, intervalMs: 50, maxAgeMs: 5000, minSources: 1, ...opts });
  running.push(f);
  return f;
}

/** GET /prices once prices for `pair` appear. */
async function pricesWith(f: Feeder, pair: string): Promise<any> {
  return waitFor(`${pair} in /prices`, async () => {
    const { body } = await getJsonBody(`${f.url}/prices`);
    return body.prices[pair] !== undefined ? body : undefined;
  });
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.stop()));
});

describe("HTTP endpoints", () => {
  test("GET /prices serves the contract: timestamp_ms and decimal strings", async () => {
    const f = await startFeeder({ sources: [new SyntheticSource("1", systemClock)] });
    expect(f.address.host).toBe("127.0.0.1");
    expect(f.address.port).toBeGreaterThan(0);
    const body = await pricesWith(f, "BTC/USD");
    expect(Object.keys(body).sort()).toEqual(["prices", "timestamp_ms"]);
    expect(Number.isInteger(body.timestamp_ms)).toBe(true);
    expect(Math.abs(body.timestamp_ms - Date.now())).toBeLessThan(5000);
    expect(Object.keys(body.prices)).toEqual(PAIRS);
    for (const p of Object.values(body.prices) as string[]) {
      expect(p).toMatch(PRICE_RE);
      expect(parseDecimal(p) > 0n).toBe(true);
    }
  });

  test("content types, cache headers, 404 and 405", async () => {
    const f = await startFeeder({ sources: [new SyntheticSource("1", systemClock)] });
    const res = await fetch(`${f.url}/prices?x=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    await res.text();
    const nf = await fetch(`${f.url}/nope`);
    expect(nf.status).toBe(404);
    await nf.text();
    const post = await fetch(`${f.url}/prices`, { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    await post.text();
    const head = await fetch(`${f.url}/healthz`, { method: "HEAD" });
    expect(await head.text()).toBe("");
  });

  test("GET /healthz: 200 with per-pair sources and age, per-source state", async () => {
    const f = await startFeeder({ sources: [new SyntheticSource("1", systemClock), new FakeSource("fake").set("BTC/USD", parseDecimal("60000"))] });
    await pricesWith(f, "BTC/USD");
    const { status, body } = await getJsonBody(`${f.url}/healthz`);
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.pairs["BTC/USD"]).toMatchObject({ sources: 2, used: ["synthetic:1", "fake"], outliers: [], stale: [] });
    expect(body.pairs["BTC/USD"].age_ms).toBeGreaterThanOrEqual(0);
    expect(body.pairs["BTC/USD"].age_ms).toBeLessThan(5000);
    expect(body.pairs["ETH/USD"].sources).toBe(1);
    expect(body.sources["synthetic:1"]).toMatchObject({ consecutive_failures: 0, seed: "1" });
    expect(body.sources.fake).toMatchObject({ fake: true, last_errors: {} });
  });

  test("GET /healthz: 503 when no pair has a price", async () => {
    const broken = new FakeSource("broken");
    broken.failWith = "exchange down";
    const f = await startFeeder({ sources: [broken] });
    await waitFor("a failed poll", () => (broken.calls > 0 ? true : undefined));
    const { status, body } = await getJsonBody(`${f.url}/healthz`);
    expect(status).toBe(503);
    expect(body.status).toBe("unavailable");
    expect(body.pairs["BTC/USD"]).toMatchObject({ price: null, sources: 0, reason: "no fresh quotes" });
    const prices = await getJsonBody(`${f.url}/prices`);
    expect(prices).toMatchObject({ status: 200, body: { prices: {} } });
  });

  test("GET /metrics: Prometheus text with source and pair series", async () => {
    const broken = new FakeSource("broken");
    broken.failWith = "down";
    const f = await startFeeder({ sources: [new SyntheticSource("1", systemClock), broken] });
    await pricesWith(f, "BTC/USD");
    await waitFor("a failed poll", () => (broken.calls > 1 ? true : undefined));
    const res = await fetch(`${f.url}/metrics`);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    expect(text).toMatch(/^feeder_source_fetches_total\{source="synthetic:1"\} [1-9]\d*$/m);
    expect(text).toMatch(/^feeder_source_fetch_errors_total\{source="broken"\} [1-9]\d*$/m);
    expect(text).toMatch(/^feeder_source_fetch_duration_seconds_bucket\{source="synthetic:1",le="\+Inf"\} [1-9]\d*$/m);
    expect(text).toMatch(/^feeder_pair_price\{pair="BTC\/USD"\} \d+(\.\d+)?$/m);
    expect(text).toMatch(/^feeder_pair_sources\{pair="BTC\/USD"\} 1$/m);
    expect(text).toMatch(/^feeder_pair_outliers_rejected_total\{pair="BTC\/USD"\} 0$/m);
    expect(text).toMatch(/^feeder_pair_last_update_age_seconds\{pair="BTC\/USD"\} \d/m);
    expect(text).toMatch(/^feeder_source_last_success_age_seconds\{source="synthetic:1"\} \d/m);
    expect(text).not.toMatch(/feeder_source_last_success_age_seconds\{source="broken"\}/);
  });

  test("responses are served from memory even while a source hangs", async () => {
    const hanging = new FakeSource("hanging").set("BTC/USD", 1n);
    hanging.gate = new Promise(() => undefined); // never resolves
    const f = await startFeeder({ sources: [hanging, new FakeSource("ok").set("BTC/USD", parseDecimal("42"))] });
    const body = await pricesWith(f, "BTC/USD");
    expect(body.prices["BTC/USD"]).toBe("42");
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) await getJsonBody(`${f.url}/prices`);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe("aggregation through the server", () => {
  test("one source lying 10x among 3 is rejected; healthz names it; metrics count it", async () => {
    const f = await startFeeder({
      sources: [
        new FakeSource("a").set("BTC/USD", parseDecimal("43210")),
        new FakeSource("b").set("BTC/USD", parseDecimal("43215")),
        new FakeSource("liar").set("BTC/USD", parseDecimal("432100")),
      ],
      minSources: 2,
    });
    const body = await pricesWith(f, "BTC/USD");
    expect(body.prices).toEqual({ "BTC/USD": "43212.5" });
    const health = await getJsonBody(`${f.url}/healthz`);
    expect(health.body.pairs["BTC/USD"]).toMatchObject({ sources: 2, outliers: ["liar"] });
    const metrics = await waitFor("outlier counter", async () => {
      const text = await (await fetch(`${f.url}/metrics`)).text();
      return /feeder_pair_outliers_rejected_total\{pair="BTC\/USD"\} [1-9]/.test(text) ? text : undefined;
    });
    expect(metrics).toMatch(/feeder_pair_sources\{pair="BTC\/USD"\} 2/);
  });

  test("a failing source only drops out", async () => {
    const bad = new FakeSource("bad");
    bad.failWith = "HTTP 500";
    const f = await startFeeder({ sources: [bad, new FakeSource("good").set("ETH/USD", parseDecimal("3000.25"))] });
    const body = await pricesWith(f, "ETH/USD");
    expect(body.prices).toEqual({ "ETH/USD": "3000.25" });
  });

  test("min-sources: a pair with too few sources is not served", async () => {
    const f = await startFeeder({
      sources: [new FakeSource("a").set("BTC/USD", 10n).set("ETH/USD", 20n), new FakeSource("b").set("BTC/USD", 10n)],
      minSources: 2,
    });
    const body = await pricesWith(f, "BTC/USD");
    expect(Object.keys(body.prices)).toEqual(["BTC/USD"]);
    const health = await getJsonBody(`${f.url}/healthz`);
    expect(health.body.pairs["ETH/USD"]).toMatchObject({ price: null, reason: "1 of 2 required sources" });
  });

  test("max-age: quotes older than max-age stop being served", async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const src = new FakeSource("a").set("SOL/USD", parseDecimal("150"));
    const f = await startFeeder({ sources: [src], clock, intervalMs: 60_000, maxAgeMs: 5000 });
    await pricesWith(f, "SOL/USD");
    clock.advance(5000);
    expect((await getJsonBody(`${f.url}/prices`)).body.prices).toEqual({ "SOL/USD": "150" });
    clock.advance(1);
    expect((await getJsonBody(`${f.url}/prices`)).body).toEqual({ timestamp_ms: 1_700_000_005_001, prices: {} });
    expect(f.snapshot().pairs.find((p) => p.pair === "SOL/USD")?.stale.map((q) => q.source)).toEqual(["a"]);
  });

  test("price multiplier (test-only fault injection) scales every served price exactly", async () => {
    const f = await startFeeder({ sources: [new FakeSource("a").set("BTC/USD", parseDecimal("43210.57"))], priceMultiplier: 10n * SCALE });
    const body = await pricesWith(f, "BTC/USD");
    expect(body.prices).toEqual({ "BTC/USD": "432105.7" });
    const text = await (await fetch(`${f.url}/metrics`)).text();
    expect(text).toMatch(/^feeder_price_multiplier 10$/m);
  });
});

describe("lifecycle", () => {
  test("stop closes the server (also with idle keep-alive connections) and is idempotent", async () => {
    const f = await startFeeder({ sources: [new SyntheticSource("1", systemClock)] });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http.get(`${f.url}/healthz`, { agent }, (res) => {
        res.resume();
        res.on("end", resolve);
      }).on("error", reject);
    });
    const t0 = Date.now();
    await Promise.all([f.stop(), f.stop()]);
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect(fetch(`${f.url}/prices`)).rejects.toThrow();
    agent.destroy();
  });

  test("start fails when the port is taken", async () => {
    const a = await startFeeder({ sources: [new SyntheticSource("1", systemClock)] });
    await expect(Feeder.start({ pairs: PAIRS, sources: [new SyntheticSource("1", systemClock)], listenHost: "127.0.0.1", listenPort: a.address.port, intervalMs: 50, maxAgeMs: 5000, minSources: 1 })).rejects.toThrow(/EADDRINUSE/);
  });

  test("duplicate source names are refused", async () => {
    await expect(startFeeder({ sources: [new FakeSource("x"), new FakeSource("x")] })).rejects.toThrow(/unique/);
  });
});
