import { isLoopbackHost, parseArgs, parseListen, UsageError, type CliConfig } from "../src/args";
import { formatDecimal } from "../src/decimal";
import { parseSourceSpec } from "../src/sources/spec";

/** Parses argv that must yield a run config. */
function config(argv: string[]): CliConfig {
  const parsed = parseArgs(argv);
  if (parsed.kind !== "run") throw new Error(`expected a run config, got ${parsed.kind}`);
  return parsed.config;
}

describe("parseArgs", () => {
  test("defaults", () => {
    const c = config(["--source", "synthetic:1"]);
    expect(c).toEqual({
      listenHost: "127.0.0.1",
      listenPort: 7171,
      allowNonLoopback: false,
      pairs: ["BTC/USD", "ETH/USD", "SOL/USD", "USDC/USD"],
      sources: [{ kind: "synthetic", seed: "1" }],
      exchangeUrls: {},
      intervalMs: 500,
      maxAgeMs: 5000,
      minSources: 1,
      requestTimeoutMs: 2000,
      priceMultiplier: undefined,
      logLevel: "info",
    });
  });

  test("every flag, in both --flag value and --flag=value forms", () => {
    const c = config([
      "--listen=127.0.0.2:0",
      "--pairs",
      "btc/usd,ETH/USD",
      "--source",
      "coinbase",
      "--source=replay:fixtures/crash-30pct-5min.csv@10",
      "--source",
      "KRAKEN",
      "--exchange-url",
      "coinbase=http://127.0.0.1:9999/cb",
      "--exchange-url=kraken=http://127.0.0.1:9998",
      "--interval-ms",
      "250",
      "--max-age-ms=3000",
      "--min-sources",
      "2",
      "--request-timeout-ms",
      "150",
      "--price-multiplier",
      "10",
      "--log-level",
      "debug",
    ]);
    expect(c).toMatchObject({
      listenHost: "127.0.0.2",
      listenPort: 0,
      pairs: ["BTC/USD", "ETH/USD"],
      sources: [
        { kind: "exchange", exchange: "coinbase" },
        { kind: "replay", file: "fixtures/crash-30pct-5min.csv", speed: 10 },
        { kind: "exchange", exchange: "kraken" },
      ],
      exchangeUrls: { coinbase: "http://127.0.0.1:9999/cb", kraken: "http://127.0.0.1:9998" },
      intervalMs: 250,
      maxAgeMs: 3000,
      minSources: 2,
      requestTimeoutMs: 150,
      logLevel: "debug",
    });
    expect(formatDecimal(c.priceMultiplier as bigint)).toBe("10");
  });

  test("--help, -h and --version", () => {
    expect(parseArgs(["--help"])).toEqual({ kind: "help" });
    expect(parseArgs(["--source", "bogus", "-h"])).toEqual({ kind: "help" });
    expect(parseArgs(["--version"])).toEqual({ kind: "version" });
  });

  test("non-loopback listen hosts are refused unless allowed", () => {
    expect(() => config(["--listen", "0.0.0.0:7171", "--source", "synthetic:1"])).toThrow(/refusing to listen on non-loopback host 0.0.0.0/);
    expect(() => config(["--listen", "10.1.2.3:7171", "--source", "synthetic:1"])).toThrow(UsageError);
    expect(config(["--listen", "0.0.0.0:7171", "--allow-non-loopback", "--source", "synthetic:1"])).toMatchObject({ listenHost: "0.0.0.0", allowNonLoopback: true });
    expect(config(["--listen", "[::1]:0", "--source", "synthetic:1"])).toMatchObject({ listenHost: "::1", listenPort: 0 });
    expect(config(["--listen", "localhost:7171", "--source", "synthetic:1"])).toMatchObject({ listenHost: "localhost" });
  });

  test.each<[string, string[], RegExp]>([
    ["no source", [], /at least one --source/],
    ["unknown flag", ["--source", "synthetic:1", "--verbose"], /unknown flag --verbose/],
    ["missing value", ["--source"], /--source needs a value/],
    ["value looks like a flag", ["--pairs", "--source", "synthetic:1"], /--pairs needs a value/],
    ["positional argument", ["synthetic:1"], /unexpected argument/],
    ["boolean with a value", ["--allow-non-loopback=yes", "--source", "synthetic:1"], /takes no value/],
    ["non-repeatable flag twice", ["--source", "synthetic:1", "--interval-ms", "100", "--interval-ms", "200"], /--interval-ms given more than once/],
    ["bad listen", ["--listen", "7171", "--source", "synthetic:1"], /--listen must be HOST:PORT/],
    ["port out of range", ["--listen", "127.0.0.1:70000", "--source", "synthetic:1"], /port out of range/],
    ["bad pair", ["--pairs", "BTCUSD", "--source", "synthetic:1"], /invalid pair/],
    ["duplicate pair", ["--pairs", "BTC/USD,btc/usd", "--source", "synthetic:1"], /listed twice/],
    ["bad source", ["--source", "ftx"], /unknown source "ftx"/],
    ["bad interval", ["--source", "synthetic:1", "--interval-ms", "1.5"], /whole number/],
    ["interval too small", ["--source", "synthetic:1", "--interval-ms", "1"], /between 10 and/],
    ["max-age not above interval", ["--source", "synthetic:1", "--interval-ms", "1000", "--max-age-ms", "1000"], /must be greater than --interval-ms/],
    ["min-sources above source count", ["--source", "synthetic:1", "--min-sources", "2"], /exceeds the 1 configured source/],
    ["min-sources zero", ["--source", "synthetic:1", "--min-sources", "0"], /between 1 and/],
    ["bad multiplier", ["--source", "synthetic:1", "--price-multiplier", "ten"], /not a decimal/],
    ["zero multiplier", ["--source", "synthetic:1", "--price-multiplier", "0"], /must be > 0/],
    ["bad log level", ["--source", "synthetic:1", "--log-level", "trace"], /--log-level must be one of/],
    ["exchange-url without name", ["--source", "coinbase", "--exchange-url", "http://x"], /NAME=URL/],
    ["exchange-url unknown exchange", ["--source", "coinbase", "--exchange-url", "ftx=http://x"], /NAME=URL/],
    ["exchange-url bad URL", ["--source", "coinbase", "--exchange-url", "coinbase=not a url"], /invalid URL/],
    ["exchange-url bad scheme", ["--source", "coinbase", "--exchange-url", "coinbase=ftp://x"], /http or https/],
    ["exchange-url twice", ["--source", "coinbase", "--exchange-url", "coinbase=http://a", "--exchange-url", "coinbase=http://b"], /given more than once/],
  ])("usage error: %s", (_name, argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe("parseListen / isLoopbackHost", () => {
  test.each([
    ["127.0.0.1:7171", "127.0.0.1", 7171],
    ["[::1]:0", "::1", 0],
    ["localhost:80", "localhost", 80],
  ])("parseListen(%s)", (text, host, port) => {
    expect(parseListen(text)).toEqual({ host, port });
  });

  test("rejects malformed addresses", () => {
    for (const bad of ["", ":7171", "127.0.0.1", "::1:7171", "[127.0.0.1]:1", "host:port"]) expect(() => parseListen(bad)).toThrow(UsageError);
  });

  test.each([
    ["localhost", true],
    ["LOCALHOST", true],
    ["127.0.0.1", true],
    ["127.255.0.9", true],
    ["::1", true],
    ["0:0:0:0:0:0:0:1", true],
    ["::ffff:127.0.0.1", true],
    ["0.0.0.0", false],
    ["::", false],
    ["10.0.0.1", false],
    ["128.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["example.com", false],
    ["127.0.0.1.example.com", false],
  ])("isLoopbackHost(%s) = %s", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe("parseSourceSpec", () => {
  test.each([
    ["synthetic:42", { kind: "synthetic", seed: "42" }],
    ["synthetic:e2e-seed.1", { kind: "synthetic", seed: "e2e-seed.1" }],
    ["replay:a.csv", { kind: "replay", file: "a.csv", speed: 1 }],
    ["replay:dir/a.csv@2.5", { kind: "replay", file: "dir/a.csv", speed: 2.5 }],
    ["replay:/tmp/x@y.csv", { kind: "replay", file: "/tmp/x@y.csv", speed: 1 }],
    ["replay:/tmp/x@y.csv@3", { kind: "replay", file: "/tmp/x@y.csv", speed: 3 }],
    ["coinbase", { kind: "exchange", exchange: "coinbase" }],
    ["Binance", { kind: "exchange", exchange: "binance" }],
    ["bitstamp", { kind: "exchange", exchange: "bitstamp" }],
  ])("%s", (text, spec) => {
    expect(parseSourceSpec(text)).toEqual(spec);
  });

  test.each(["synthetic:", "synthetic:a b", "replay:", "replay:@2", "replay:a.csv@0", "ftx", ""])("rejects %j", (text) => {
    expect(() => parseSourceSpec(text)).toThrow();
  });
});
