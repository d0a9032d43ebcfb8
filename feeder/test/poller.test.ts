import { ManualClock } from "../src/clock";
import { parseDecimal } from "../src/decimal";
import type { LogFields, Logger } from "../src/log";
import { FeederMetrics } from "../src/metrics";
import { ERROR_LOG_REPEAT_MS, Poller } from "../src/poller";
import { QuoteStore } from "../src/store";
import { FakeSource } from "./helpers/util";

const PAIRS = ["BTC/USD", "ETH/USD"];

/** A logger recording events. */
function recordingLogger(): Logger & { events: Array<{ level: string; event: string; fields: LogFields }> } {
  const events: Array<{ level: string; event: string; fields: LogFields }> = [];
  const rec = (level: string) => (event: string, fields: LogFields = {}) => void events.push({ level, event, fields });
  return { events, debug: rec("debug"), info: rec("info"), warn: rec("warn"), error: rec("error") };
}

function setup(sources: FakeSource[]) {
  const clock = new ManualClock(1_700_000_000_000);
  const store = new QuoteStore();
  const metrics = new FeederMetrics(sources.map((s) => s.name), PAIRS, clock.now());
  const logger = recordingLogger();
  const poller = new Poller({ pairs: PAIRS, sources, intervalMs: 500, store, metrics, clock, logger });
  return { clock, store, metrics, logger, poller };
}

describe("Poller", () => {
  test("stores prices stamped with the clock and counts fetches", async () => {
    const a = new FakeSource("a").set("BTC/USD", parseDecimal("100"));
    const { store, metrics, poller, clock } = setup([a]);
    await poller.tick();
    expect(store.get("a", "BTC/USD")).toEqual({ source: "a", price: parseDecimal("100"), receivedAtMs: clock.now() });
    expect(metrics.fetches.get({ source: "a" })).toBe(1);
    expect(metrics.quotes.get({ source: "a", pair: "BTC/USD" })).toBe(1);
    expect(metrics.latency.count({ source: "a" })).toBe(1);
    expect(poller.states().get("a")).toMatchObject({ lastSuccessMs: clock.now(), consecutiveFailures: 0, inFlight: false });
  });

  test("a throwing source fails every pair, keeps its old quotes and never throws", async () => {
    const a = new FakeSource("a").set("BTC/USD", parseDecimal("100"));
    const { store, metrics, poller, logger } = setup([a]);
    await poller.tick();
    a.failWith = "boom";
    await expect(poller.tick()).resolves.toBeUndefined();
    expect(store.get("a", "BTC/USD")?.price).toBe(parseDecimal("100"));
    expect(metrics.fetchErrors.get({ source: "a" })).toBe(1);
    expect(metrics.quoteErrors.get({ source: "a", pair: "ETH/USD" })).toBe(1);
    expect(poller.states().get("a")).toMatchObject({ consecutiveFailures: 1, lastErrors: { "BTC/USD": "boom", "ETH/USD": "boom" } });
    expect(logger.events).toContainEqual({ level: "warn", event: "source_error", fields: { source: "a", errors: { "BTC/USD": "boom", "ETH/USD": "boom" }, consecutive_failures: 1 } });
  });

  test("repeated identical errors are logged once per interval; recovery is logged", async () => {
    const a = new FakeSource("a");
    a.failWith = "down";
    const { poller, logger, clock } = setup([a]);
    for (let i = 0; i < 5; i++) {
      await poller.tick();
      clock.advance(500);
    }
    expect(logger.events.filter((e) => e.event === "source_error")).toHaveLength(1);
    clock.advance(ERROR_LOG_REPEAT_MS);
    await poller.tick();
    const errors = logger.events.filter((e) => e.event === "source_error");
    expect(errors).toHaveLength(2);
    expect(errors[1].fields).toMatchObject({ repeats_suppressed: 4, consecutive_failures: 6 });
    a.failWith = "different";
    await poller.tick();
    expect(logger.events.filter((e) => e.event === "source_error")).toHaveLength(3);
    a.failWith = undefined;
    a.set("BTC/USD", 1n);
    await poller.tick();
    expect(logger.events[logger.events.length - 1]).toMatchObject({ level: "info", event: "source_recovered", fields: { source: "a" } });
  });

  test("a slow source is never polled twice at once", async () => {
    const slow = new FakeSource("slow").set("BTC/USD", 5n);
    let release!: () => void;
    slow.gate = new Promise((r) => (release = r));
    const { poller, store } = setup([slow]);
    const first = poller.tick();
    await poller.tick();
    await poller.tick();
    expect(slow.calls).toBe(1);
    expect(poller.states().get("slow")?.inFlight).toBe(true);
    release();
    await first;
    expect(store.get("slow", "BTC/USD")?.price).toBe(5n);
  });

  test("minIntervalMs throttles a source (exchange rate limits)", async () => {
    const limited = new FakeSource("limited", 1000).set("BTC/USD", 1n);
    const free = new FakeSource("free").set("BTC/USD", 1n);
    const { poller, clock } = setup([limited, free]);
    await poller.tick();
    clock.advance(500);
    await poller.tick();
    clock.advance(500);
    await poller.tick();
    expect(limited.calls).toBe(2);
    expect(free.calls).toBe(3);
  });

  test("prices for pairs that were not asked for, or non-positive, are dropped", async () => {
    const a = new FakeSource("a");
    a.fetch = async () => ({ prices: new Map([["DOGE/USD", 1n], ["BTC/USD", 0n], ["ETH/USD", 7n]]), errors: new Map() });
    const { store, poller } = setup([a]);
    await poller.tick();
    expect(store.get("a", "DOGE/USD")).toBeUndefined();
    expect(store.get("a", "BTC/USD")).toBeUndefined();
    expect(store.get("a", "ETH/USD")?.price).toBe(7n);
  });

  test("start polls at once and on the interval; stop halts and drops late results", async () => {
    const a = new FakeSource("a").set("BTC/USD", 1n);
    const { poller, store } = setup([a]);
    poller.start();
    poller.start(); // idempotent
    await new Promise((r) => setTimeout(r, 1200));
    expect(a.calls).toBeGreaterThanOrEqual(3);
    expect(a.calls).toBeLessThanOrEqual(4);
    let release!: () => void;
    a.gate = new Promise((r) => (release = r));
    a.set("BTC/USD", 2n);
    await new Promise((r) => setTimeout(r, 600));
    poller.stop();
    const calls = a.calls;
    release();
    await new Promise((r) => setTimeout(r, 700));
    expect(a.calls).toBe(calls);
    expect(store.get("a", "BTC/USD")?.price).toBe(1n);
  });
});
