import { ManualClock } from "../src/clock";
import { formatDecimal, parseDecimal } from "../src/decimal";
import { EPOCH_STEPS, expFixed, syntheticLogOffset, syntheticPrice, syntheticStep } from "../src/sources/gbm";
import { hashInts, hashString, mix32, SplitMix32 } from "../src/sources/prng";
import { SyntheticSource } from "../src/sources/synthetic";

const PAIRS = ["BTC/USD", "ETH/USD", "SOL/USD", "USDC/USD"];
const STEP = 1_700_000_000;

describe("PRNG (integer-only, identical on every machine)", () => {
  test("pinned outputs", () => {
    const r = new SplitMix32(1);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([2672842292, 1136996714, 4073064065]);
    expect(mix32(1)).toBe(1753845952);
    expect(hashString("BTC/USD")).toBe(4164773103);
  });

  test("hashInts depends on every argument and its order", () => {
    const base = hashInts(1, 2, 3);
    expect(hashInts(1, 2, 3)).toBe(base);
    expect(hashInts(1, 2, 4)).not.toBe(base);
    expect(hashInts(2, 1, 3)).not.toBe(base);
    expect(hashInts(2 ** 40, 1)).not.toBe(hashInts(0, 1));
    expect(() => hashInts(-1)).toThrow(RangeError);
  });

  test("Irwin–Hall normals are bounded with mean ≈ 0 and variance ≈ 1", () => {
    const r = new SplitMix32(7);
    let sum = 0;
    let sq = 0;
    const n = 20_000;
    let maxAbs = 0;
    for (let i = 0; i < n; i++) {
      const z = r.nextNormal();
      maxAbs = Math.max(maxAbs, Math.abs(z));
      sum += z;
      sq += z * z;
    }
    expect(maxAbs).toBeLessThanOrEqual(6);
    expect(Math.abs(sum / n)).toBeLessThan(0.05);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.05);
  });
});

describe("syntheticPrice", () => {
  test("pinned values: a feeder on any machine serves exactly these", () => {
    const got = PAIRS.flatMap((p) => [STEP, STEP + 1, STEP + 65_432].map((s) => formatDecimal(syntheticPrice("42", p, s))));
    expect(got).toEqual([
      "59315.7355194",
      "59319.68443631",
      "56420.14739531",
      "2981.24761048",
      "2981.50125993",
      "3023.82478659",
      "152.17294368",
      "152.19939852",
      "154.51796476",
      "0.9999083",
      "0.9999085",
      "0.99949959",
    ]);
  });

  test("same seed and step → same price", () => {
    for (const pair of PAIRS) for (const step of [0, 1, STEP, STEP + 12_345]) expect(syntheticPrice("s", pair, step)).toBe(syntheticPrice("s", pair, step));
  });

  test("different seeds → different prices", () => {
    for (const pair of PAIRS) {
      for (const step of [STEP + 1, STEP + 777, STEP + 40_000]) expect(syntheticPrice("1", pair, step)).not.toBe(syntheticPrice("2", pair, step));
    }
  });

  test("every epoch boundary sits exactly at the start price", () => {
    const starts: Record<string, string> = { "BTC/USD": "60000", "ETH/USD": "3000", "SOL/USD": "150", "USDC/USD": "1" };
    for (const pair of PAIRS) {
      for (const k of [0, 1, 12_970]) expect(formatDecimal(syntheticPrice("9", pair, k * EPOCH_STEPS))).toBe(starts[pair]);
    }
  });

  test("prices stay positive, sane and near their start over many steps", () => {
    const bounds: Record<string, [number, number]> = { "BTC/USD": [36_000, 100_000], "ETH/USD": [1800, 5000], "SOL/USD": [90, 250], "USDC/USD": [0.98, 1.02] };
    for (const pair of PAIRS) {
      let min = Infinity;
      let max = -Infinity;
      let maxDigits = 0;
      for (let i = 0; i < 1000; i++) {
        const text = formatDecimal(syntheticPrice("sanity", pair, STEP + i * 131));
        min = Math.min(min, Number(text));
        max = Math.max(max, Number(text));
        maxDigits = Math.max(maxDigits, text.split(".")[1]?.length ?? 0);
      }
      expect(min).toBeGreaterThan(bounds[pair][0]);
      expect(max).toBeLessThan(bounds[pair][1]);
      expect(maxDigits).toBeLessThanOrEqual(8);
    }
  });

  test("consecutive steps move like a random walk (small moves, not frozen)", () => {
    const moves: number[] = [];
    let prev = syntheticLogOffset("walk", "BTC/USD", STEP);
    for (let s = STEP + 1; s <= STEP + 1000; s++) {
      const x = syntheticLogOffset("walk", "BTC/USD", s);
      moves.push(Math.abs(x - prev));
      prev = x;
    }
    moves.sort((a, b) => a - b);
    const medianMove = moves[moves.length >> 1];
    expect(medianMove).toBeGreaterThan(1e-6); // 60% annual vol ≈ 1e-4 per second
    expect(medianMove).toBeLessThan(1e-3);
  });

  test("USDC has tiny volatility", () => {
    let maxAbs = 0;
    for (let i = 0; i < 500; i++) maxAbs = Math.max(maxAbs, Math.abs(syntheticLogOffset("u", "USDC/USD", STEP + i * 211)));
    expect(maxAbs).toBeLessThanOrEqual(0.01);
    expect(maxAbs).toBeGreaterThan(0);
  });

  test("unknown pairs get a generic model and still work", () => {
    const p = syntheticPrice("1", "ATOM/USD", STEP);
    expect(p > 0n).toBe(true);
  });

  test("rejects bad steps", () => {
    expect(() => syntheticPrice("1", "BTC/USD", -1)).toThrow(RangeError);
    expect(() => syntheticPrice("1", "BTC/USD", 1.5)).toThrow(RangeError);
  });

  test("expFixed matches e^x closely", () => {
    for (const x of ["0", "0.5", "1", "0.000001"]) {
      const got = Number(formatDecimal(expFixed(parseDecimal(x))));
      expect(got).toBeCloseTo(Math.exp(Number(x)), 12);
    }
    expect(Number(formatDecimal(expFixed(-parseDecimal("0.5"))))).toBeCloseTo(Math.exp(-0.5), 12);
    expect(() => expFixed(parseDecimal("3"))).toThrow();
  });
});

describe("SyntheticSource", () => {
  test("two independent sources with the same seed serve the same price within the same second", async () => {
    const a = new SyntheticSource("77", new ManualClock(1_700_000_000_123));
    const b = new SyntheticSource("77", new ManualClock(1_700_000_000_987));
    const pa = await a.fetch(PAIRS);
    const pb = await b.fetch(PAIRS);
    expect(pa.prices).toEqual(pb.prices);
    expect(pa.prices.size).toBe(4);
    expect(a.name).toBe("synthetic:77");
  });

  test("price follows the clock's step", async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const src = new SyntheticSource("1", clock);
    const first = (await src.fetch(["BTC/USD"])).prices.get("BTC/USD");
    clock.advance(1000);
    const second = (await src.fetch(["BTC/USD"])).prices.get("BTC/USD");
    expect(first).toBe(syntheticPrice("1", "BTC/USD", syntheticStep(1_700_000_000_000)));
    expect(second).toBe(syntheticPrice("1", "BTC/USD", 1_700_000_001));
    expect(src.status()).toMatchObject({ seed: "1", step: 1_700_000_001 });
  });
});
