import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ManualClock } from "../src/clock";
import { formatDecimal } from "../src/decimal";
import { ReplaySource } from "../src/sources/replay";
import { parseReplayCsv } from "../src/sources/replay-csv";

const CRASH = path.join(__dirname, "..", "fixtures", "crash-30pct-5min.csv");
const START = 1_800_000_000_000; // the feeder's (injected) start time

/** Prices of `pairs` served by `src` right now, as decimal strings. */
async function served(src: ReplaySource, pairs = ["BTC/USD", "ETH/USD"]): Promise<Record<string, string>> {
  const res = await src.fetch(pairs);
  return Object.fromEntries([...res.prices].map(([p, v]) => [p, formatDecimal(v)]));
}

describe("parseReplayCsv", () => {
  test("header, comments, blank lines, CRLF and spaces", () => {
    const rows = parseReplayCsv("# a comment\r\nunix_seconds,pair,price\r\n\r\n100, btc/usd ,60000.5\n  # indented comment\n105,ETH/USD,3000\n105.5,BTC/USD,59999\n");
    expect(rows.map((r) => [r.timeMs, r.pair, formatDecimal(r.price)])).toEqual([
      [100_000, "BTC/USD", "60000.5"],
      [105_000, "ETH/USD", "3000"],
      [105_500, "BTC/USD", "59999"],
    ]);
  });

  test("header is optional", () => {
    expect(parseReplayCsv("1,BTC/USD,1\n")).toHaveLength(1);
  });

  test.each([
    ["unsorted rows", "10,BTC/USD,1\n9,BTC/USD,1\n", /f:2: rows must be sorted/],
    ["zero price", "10,BTC/USD,0\n", /f:1: price must be positive/],
    ["negative price", "10,BTC/USD,-5\n", /f:1: not a decimal/],
    ["bad pair", "10,BTCUSD,5\n", /f:1: invalid pair/],
    ["too few fields", "10,BTC/USD\n", /f:1: expected 3 fields/],
    ["bad time", "1e9,BTC/USD,5\n", /f:1: bad time/],
    ["header after data", "10,BTC/USD,5\ntime,pair,price\n", /f:2: bad time/],
    ["no rows", "# nothing\nunix_seconds,pair,price\n", /f: no data rows/],
  ])("rejects %s", (_name, text, message) => {
    expect(() => parseReplayCsv(text, "f")).toThrow(message);
  });
});

describe("ReplaySource timing (injected clock)", () => {
  const csv = "1000,BTC/USD,100\n1005,BTC/USD,105\n1007,ETH/USD,7\n1010,BTC/USD,110\n";

  test("maps the first row to the start time and serves the latest row at or before replay time", async () => {
    const clock = new ManualClock(START);
    const src = new ReplaySource(parseReplayCsv(csv), { label: "t.csv", speed: 1, clock });
    expect(await served(src)).toEqual({ "BTC/USD": "100" }); // ETH has not started yet
    clock.advance(4999);
    expect(await served(src)).toEqual({ "BTC/USD": "100" });
    clock.advance(1);
    expect(await served(src)).toEqual({ "BTC/USD": "105" });
    clock.advance(2000);
    expect(await served(src)).toEqual({ "BTC/USD": "105", "ETH/USD": "7" });
    expect(src.status()).toMatchObject({ ended: false, replay_time_s: 1007 });
    clock.advance(3000);
    expect(await served(src)).toEqual({ "BTC/USD": "110", "ETH/USD": "7" });
    expect(src.status()).toMatchObject({ ended: true });
    clock.advance(3_600_000); // long after the end the last prices stay
    expect(await served(src)).toEqual({ "BTC/USD": "110", "ETH/USD": "7" });
    expect(src.status()).toMatchObject({ file: "t.csv", speed: 1, first_time_s: 1000, last_time_s: 1010, ended: true });
  });

  test("SPEED compresses time", async () => {
    const clock = new ManualClock(START);
    const src = new ReplaySource(parseReplayCsv(csv), { label: "t.csv", speed: 2.5, clock });
    expect(src.name).toBe("replay:t.csv@2.5");
    clock.advance(1999); // 4.9975 s of replay
    expect((await served(src))["BTC/USD"]).toBe("100");
    clock.advance(1); // 5 s
    expect((await served(src))["BTC/USD"]).toBe("105");
    clock.advance(2000); // 10 s
    expect(await served(src)).toEqual({ "BTC/USD": "110", "ETH/USD": "7" });
  });

  test("a clock going backwards never rewinds before the first row", async () => {
    const clock = new ManualClock(START);
    const src = new ReplaySource(parseReplayCsv(csv), { label: "t.csv", speed: 1, clock });
    clock.set(START - 10_000);
    expect(await served(src)).toEqual({ "BTC/USD": "100" });
  });

  test("pairs absent from the file are simply not served; other pairs are ignored", async () => {
    const clock = new ManualClock(START);
    const src = new ReplaySource(parseReplayCsv(csv), { label: "t.csv", speed: 1, clock });
    const res = await src.fetch(["SOL/USD"]);
    expect(res.prices.size).toBe(0);
    expect(res.errors.size).toBe(0);
  });

  test("rejects a non-positive speed", () => {
    expect(() => new ReplaySource(parseReplayCsv(csv), { label: "t", speed: 0, clock: new ManualClock(0) })).toThrow(/speed/);
  });
});

describe("fixtures/crash-30pct-5min.csv", () => {
  test("1 minute flat at 60000 / 3000, then a 30% fall over 5 minutes, a row every 5 s", () => {
    const rows = parseReplayCsv(readFileSync(CRASH, "utf8"));
    for (const pair of ["BTC/USD", "ETH/USD"]) {
      const r = rows.filter((x) => x.pair === pair);
      expect(r).toHaveLength(73); // t = 0, 5, …, 360
      r.forEach((row, i) => expect(row.timeMs - r[0].timeMs).toBe(i * 5000));
      const start = pair === "BTC/USD" ? "60000" : "3000";
      const end = pair === "BTC/USD" ? "42000" : "2100";
      expect(r.filter((x) => x.timeMs - r[0].timeMs <= 60_000).every((x) => formatDecimal(x.price) === start)).toBe(true);
      expect(formatDecimal(r[r.length - 1].price)).toBe(end);
      for (let i = 1; i < r.length; i++) expect(r[i].price <= r[i - 1].price).toBe(true);
    }
  });

  test("replayed at 10x: flat for 6 s, 42000 after 36 s, then held", async () => {
    const clock = new ManualClock(START);
    const src = ReplaySource.fromFile(CRASH, 10, clock);
    expect(await served(src)).toEqual({ "BTC/USD": "60000", "ETH/USD": "3000" });
    clock.advance(6000);
    expect(await served(src)).toEqual({ "BTC/USD": "60000", "ETH/USD": "3000" });
    clock.advance(15_000); // replay t = 210 s: half-way down
    expect(await served(src)).toEqual({ "BTC/USD": "51000", "ETH/USD": "2550" });
    clock.advance(15_000);
    expect(await served(src)).toEqual({ "BTC/USD": "42000", "ETH/USD": "2100" });
    expect(src.status()).toMatchObject({ ended: true });
  });

  test("a missing file fails loudly", () => {
    expect(() => ReplaySource.fromFile(path.join(__dirname, "nope.csv"), 1, new ManualClock(0))).toThrow(/ENOENT/);
  });
});
