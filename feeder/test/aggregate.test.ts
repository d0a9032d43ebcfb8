import { aggregateQuotes, isFresh, median, medianAbsoluteDeviation, outlierThreshold, rejectOutliers, type Quote } from "../src/aggregate";
import { formatDecimal, parseDecimal } from "../src/decimal";

const NOW = 1_700_000_000_000;

/** Builds quotes from decimal strings; source names s0, s1, … and received `ageMs` ago. */
function quotes(prices: string[], ageMs: number[] = []): Quote[] {
  return prices.map((p, i) => ({ source: `s${i}`, price: parseDecimal(p), receivedAtMs: NOW - (ageMs[i] ?? 0) }));
}

const d = (s: string): bigint => parseDecimal(s);

describe("median", () => {
  test.each([
    [["5"], "5"],
    [["3", "1", "2"], "2"],
    [["1", "2"], "1.5"],
    [["0.1", "0.2"], "0.15"],
    [["4", "1", "3", "2"], "2.5"],
    [["7", "7", "7", "7"], "7"],
    [["0.000000000000000001", "0.000000000000000002"], "0.000000000000000001"], // mean truncated at 10^-18
  ])("median(%j) = %s", (values, expected) => {
    expect(formatDecimal(median(values.map(d)))).toBe(expected);
  });

  test("throws on an empty list and does not mutate its input", () => {
    expect(() => median([])).toThrow(RangeError);
    const input = [d("3"), d("1"), d("2")];
    median(input);
    expect(input).toEqual([d("3"), d("1"), d("2")]);
  });
});

describe("MAD and threshold", () => {
  test("median absolute deviation", () => {
    const v = ["100", "101", "1000"].map(d);
    expect(formatDecimal(medianAbsoluteDeviation(v, d("101")))).toBe("1");
    expect(medianAbsoluteDeviation(["5", "5", "5"].map(d), d("5"))).toBe(0n);
  });

  test.each([
    // center, mad, expected threshold: max(3·MAD, 0.5% of center, 1e-18)
    ["101", "1", "3"],
    ["100", "0", "0.5"],
    ["100", "1", "3"],
    ["100", "0.1", "0.5"],
    ["0", "0", "0.000000000000000001"],
  ])("threshold(center %s, mad %s) = %s", (center, mad, expected) => {
    expect(formatDecimal(outlierThreshold(d(center), d(mad)))).toBe(expected);
  });

  test("k and the relative floor are parameters", () => {
    expect(formatDecimal(outlierThreshold(d("100"), d("1"), 5n, 0n))).toBe("5");
    expect(formatDecimal(outlierThreshold(d("100"), d("0"), 3n, 10_000n))).toBe("1");
  });
});

describe("rejectOutliers", () => {
  test.each<[string, string[], string[]]>([
    ["identical quotes are never rejected", ["100", "100", "100"], []],
    ["one lying 10x among 3", ["43210", "43215", "432100"], ["s2"]],
    ["one lying 0.1x among 3", ["43210", "43215", "4321"], ["s2"]],
    ["tiny spread inside the 0.5% floor is kept even when MAD is 0", ["100", "100", "100.4"], []],
    ["2% off among 4 tight quotes", ["100", "100.1", "99.9", "100.05", "102"], ["s4"]],
    ["wide but even dispersion keeps everything", ["100", "110", "120"], []],
    ["two sources can never outvote each other", ["100", "1000"], []],
    ["two agreeing liars outvote one honest source (median rule)", ["100", "1000", "1000"], ["s0"]],
    ["single quote", ["42"], []],
  ])("%s", (_name, prices, outlierSources) => {
    const part = rejectOutliers(quotes(prices));
    expect(part.outliers.map((q) => q.source)).toEqual(outlierSources);
    expect(part.kept.length + part.outliers.length).toBe(prices.length);
  });

  test("reports median, MAD and threshold", () => {
    const part = rejectOutliers(quotes(["100", "101", "1000"]));
    expect(formatDecimal(part.median)).toBe("101");
    expect(formatDecimal(part.mad)).toBe("1");
    expect(formatDecimal(part.threshold)).toBe("3");
  });

  test("empty input", () => {
    expect(rejectOutliers([])).toEqual({ kept: [], outliers: [], median: 0n, mad: 0n, threshold: 0n });
  });
});

describe("aggregateQuotes", () => {
  const opts = { nowMs: NOW, maxAgeMs: 5000, minSources: 1 };

  test.each<[string, string[], number[], number, string | null, string | undefined]>([
    ["odd count → middle value", ["101", "100", "102"], [], 1, "101", undefined],
    ["even count → mean of the two middle values", ["100", "101"], [], 1, "100.5", undefined],
    ["even count of 4", ["1", "2", "3", "4"], [], 1, "2.5", undefined],
    ["ties", ["50", "50", "51", "51"], [], 1, "50.5", undefined],
    ["one liar 10x among 3 → mean of the honest two", ["43210", "43215", "432100"], [], 1, "43212.5", undefined],
    ["one liar among 3 leaves 2 ≥ min-sources 2", ["43210", "43215", "432100"], [], 2, "43212.5", undefined],
    ["one liar among 3 leaves 2 < min-sources 3", ["43210", "43215", "432100"], [], 3, null, "2 of 3 required sources"],
    ["stale quotes are ignored", ["100", "200", "300"], [0, 5001, 10_000], 1, "100", undefined],
    ["a quote exactly max-age old is still fresh", ["100", "200"], [0, 5000], 1, "150", undefined],
    ["all stale → no price", ["100", "200"], [6000, 7000], 1, null, "no fresh quotes"],
    ["no quotes → no price", [], [], 1, null, "no fresh quotes"],
    ["min-sources 2 with one fresh quote", ["100", "101"], [0, 9000], 2, null, "1 of 2 required sources"],
    ["exact decimals, no float drift", ["0.1", "0.2"], [], 1, "0.15", undefined],
    ["18 fractional digits survive", ["1.000000000000000001", "1.000000000000000003"], [], 1, "1.000000000000000002", undefined],
  ])("%s", (_name, prices, ages, minSources, expected, reason) => {
    const agg = aggregateQuotes(quotes(prices, ages), { ...opts, minSources });
    expect(agg.price === null ? null : formatDecimal(agg.price)).toBe(expected);
    expect(agg.reason).toBe(reason);
  });

  test("classifies quotes into used, outliers and stale", () => {
    const agg = aggregateQuotes(quotes(["100", "100.2", "1000", "99"], [0, 0, 0, 60_000]), opts);
    expect(agg.used.map((q) => q.source)).toEqual(["s0", "s1"]);
    expect(agg.outliers.map((q) => q.source)).toEqual(["s2"]);
    expect(agg.stale.map((q) => q.source)).toEqual(["s3"]);
    expect(formatDecimal(agg.price as bigint)).toBe("100.1");
  });

  test("non-positive quotes are never used", () => {
    const q: Quote = { source: "zero", price: 0n, receivedAtMs: NOW };
    expect(isFresh(q, NOW, 5000)).toBe(false);
    expect(aggregateQuotes([q], opts).price).toBeNull();
  });
});
