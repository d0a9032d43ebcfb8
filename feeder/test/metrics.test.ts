import { parseDecimal } from "../src/decimal";
import { FeederMetrics } from "../src/metrics";
import { Counter, escapeLabelValue, formatValue, Histogram, renderFamilies } from "../src/prometheus";
import { buildSnapshot } from "../src/snapshot";
import { QuoteStore } from "../src/store";

/** Every line of the exposition format: a comment or `name{labels} value`. */
const LINE_RE = /^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN))$/;

describe("prometheus primitives", () => {
  test("label escaping and value formatting", () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(formatValue(Infinity)).toBe("+Inf");
    expect(formatValue(NaN)).toBe("NaN");
    expect(formatValue(0.25)).toBe("0.25");
    expect(formatValue("43210.57")).toBe("43210.57");
  });

  test("counter and histogram rendering", () => {
    const c = new Counter("x_total", "Things.");
    c.inc({ k: "a" });
    c.inc({ k: "a" }, 2);
    c.inc({ k: 'q"' });
    const h = new Histogram("lat_seconds", "Latency.", [0.1, 1]);
    h.observe({ s: "a" }, 0.05);
    h.observe({ s: "a" }, 0.5);
    h.observe({ s: "a" }, 3);
    expect(renderFamilies([c.family(), h.family()])).toBe(
      [
        "# HELP x_total Things.",
        "# TYPE x_total counter",
        'x_total{k="a"} 3',
        'x_total{k="q\\""} 1',
        "# HELP lat_seconds Latency.",
        "# TYPE lat_seconds histogram",
        'lat_seconds_bucket{s="a",le="0.1"} 1',
        'lat_seconds_bucket{s="a",le="1"} 2',
        'lat_seconds_bucket{s="a",le="+Inf"} 3',
        'lat_seconds_sum{s="a"} 3.55',
        'lat_seconds_count{s="a"} 3',
        "",
      ].join("\n"),
    );
    expect(c.get({ k: "a" })).toBe(3);
    expect(c.get({ k: "zzz" })).toBe(0);
  });
});

describe("FeederMetrics.render", () => {
  test("a full page is valid exposition text with zero-initialised series", () => {
    const store = new QuoteStore();
    const now = 1_700_000_000_000;
    store.put("a", "BTC/USD", parseDecimal("43210.57"), now - 250);
    store.put("b", "BTC/USD", parseDecimal("43211"), now - 100);
    store.put("liar", "BTC/USD", parseDecimal("432100"), now - 100);
    const metrics = new FeederMetrics(["a", "b", "liar"], ["BTC/USD", "ETH/USD"], now - 60_000);
    const snap = buildSnapshot(store, { pairs: ["BTC/USD", "ETH/USD"], maxAgeMs: 5000, minSources: 1 }, now);
    metrics.recordAggregation(snap);
    metrics.fetches.inc({ source: "a" });
    metrics.latency.observe({ source: "a" }, 0.012);
    const text = metrics.render(snap, [
      { name: "a", lastSuccessMs: now - 250 },
      { name: "b", lastSuccessMs: null },
    ]);
    for (const line of text.trimEnd().split("\n")) expect(line).toMatch(LINE_RE);
    expect(text).toContain('feeder_pair_price{pair="BTC/USD"} 43210.785\n');
    expect(text).not.toContain('feeder_pair_price{pair="ETH/USD"}');
    expect(text).toContain('feeder_pair_available{pair="ETH/USD"} 0\n');
    expect(text).toContain('feeder_pair_sources{pair="BTC/USD"} 2\n');
    expect(text).toContain('feeder_pair_outliers_rejected_total{pair="BTC/USD"} 1\n');
    expect(text).toContain('feeder_pair_last_update_age_seconds{pair="BTC/USD"} 0.1\n');
    expect(text).toContain('feeder_source_fetches_total{source="b"} 0\n');
    expect(text).toContain('feeder_source_quote_errors_total{source="liar",pair="ETH/USD"} 0\n');
    expect(text).toContain('feeder_source_last_success_age_seconds{source="a"} 0.25\n');
    expect(text).toContain("feeder_start_time_seconds 1699999940\n");
    expect(text).toContain("feeder_price_multiplier 1\n");
    // every family is declared exactly once
    const types = text.split("\n").filter((l) => l.startsWith("# TYPE "));
    expect(new Set(types).size).toBe(types.length);
  });
});
