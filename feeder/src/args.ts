import { isIP } from "node:net";
import { parseDecimal } from "./decimal";
import { isLogLevel, LOG_LEVELS, type LogLevel } from "./log";
import { DEFAULT_PAIRS, parsePairList } from "./pairs";
import { EXCHANGE_NAMES, isExchangeName, type ExchangeName } from "./sources/exchanges";
import { parseSourceSpec, type SourceSpec } from "./sources/spec";

/** A command-line mistake; the CLI prints it with the usage text and exits with status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The validated configuration of a feeder process. */
export interface CliConfig {
  /** Host to bind (loopback unless allowNonLoopback). */
  readonly listenHost: string;
  /** Port to bind; 0 picks a free one. */
  readonly listenPort: number;
  /** Whether a non-loopback listen host was explicitly allowed. */
  readonly allowNonLoopback: boolean;
  /** Pairs to serve. */
  readonly pairs: string[];
  /** Sources, in the order given. */
  readonly sources: SourceSpec[];
  /** Exchange base URL overrides. */
  readonly exchangeUrls: Partial<Record<ExchangeName, string>>;
  /** Poll period in milliseconds. */
  readonly intervalMs: number;
  /** Quotes older than this are ignored. */
  readonly maxAgeMs: number;
  /** Minimum fresh non-outlier sources per served pair. */
  readonly minSources: number;
  /** Timeout of one exchange HTTP request in milliseconds. */
  readonly requestTimeoutMs: number;
  /** Test-only: multiply every served price by this fixed-point factor. */
  readonly priceMultiplier?: bigint;
  /** Minimum log level. */
  readonly logLevel: LogLevel;
}

/** Result of parsing argv. */
export type ParsedArgs = { readonly kind: "run"; readonly config: CliConfig } | { readonly kind: "help" } | { readonly kind: "version" };

/** Default --listen address. */
export const DEFAULT_LISTEN = "127.0.0.1:7171";

/** Usage text printed by --help and after a usage error. */
export const USAGE = `Usage: clearchain-feeder [flags]

Serves aggregated oracle prices to the local Clearchain validator over loopback HTTP
(GET /prices, /healthz, /metrics).

Flags:
  --listen HOST:PORT         address to serve on (default ${DEFAULT_LISTEN}; port 0 = any free port)
  --allow-non-loopback       allow a --listen host that is not a loopback address
  --pairs LIST               comma-separated pairs (default ${DEFAULT_PAIRS.join(",")})
  --source SPEC              price source, repeatable (at least one):
                               synthetic:SEED          deterministic GBM-with-jumps prices
                               replay:FILE[@SPEED]     CSV "unix_seconds,pair,price" played back SPEED× fast
                               ${EXCHANGE_NAMES.join("|")}   public REST ticker of that exchange
  --exchange-url NAME=URL    override an exchange's API base URL (repeatable; used by tests)
  --interval-ms N            poll period (default 500)
  --max-age-ms N             ignore source quotes older than this (default 5000)
  --min-sources N            serve a pair only with at least N fresh non-outlier quotes (default 1)
  --request-timeout-ms N     timeout of one exchange request (default 2000)
  --price-multiplier X       TEST-ONLY fault injection: multiply every served price by X (e.g. 10)
  --log-level LEVEL          ${LOG_LEVELS.join("|")} (default info)
  --help, --version
`;

/** Flags that take a value. */
const VALUE_FLAGS = new Set([
  "listen",
  "pairs",
  "source",
  "exchange-url",
  "interval-ms",
  "max-age-ms",
  "min-sources",
  "request-timeout-ms",
  "price-multiplier",
  "log-level",
]);
/** Flags that may be given more than once. */
const REPEATABLE = new Set(["source", "exchange-url"]);
/** Flags without a value. */
const BOOLEAN_FLAGS = new Set(["allow-non-loopback", "help", "version"]);

/** Parses and validates the command line (without the node and script paths). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<string, string[]>();
  const bools = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h") {
      bools.add("help");
      continue;
    }
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      bools.add(name);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) throw new UsageError(`unknown flag --${name}`);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    const list = values.get(name) ?? [];
    if (list.length > 0 && !REPEATABLE.has(name)) throw new UsageError(`--${name} given more than once`);
    list.push(value);
    values.set(name, list);
  }
  if (bools.has("help")) return { kind: "help" };
  if (bools.has("version")) return { kind: "version" };
  return { kind: "run", config: buildConfig(values, bools.has("allow-non-loopback")) };
}

/** Validates flag values into a CliConfig. */
function buildConfig(values: Map<string, string[]>, allowNonLoopback: boolean): CliConfig {
  const one = (name: string): string | undefined => values.get(name)?.[0];
  const { host, port } = parseListen(one("listen") ?? DEFAULT_LISTEN);
  if (!allowNonLoopback && !isLoopbackHost(host)) {
    throw new UsageError(`refusing to listen on non-loopback host ${host}: only the local node should reach the feeder (use --allow-non-loopback to override)`);
  }
  const pairs = wrap(() => parsePairList(one("pairs") ?? DEFAULT_PAIRS.join(",")));
  const sources = (values.get("source") ?? []).map((s) => wrap(() => parseSourceSpec(s)));
  if (sources.length === 0) throw new UsageError("at least one --source is required");
  const exchangeUrls = parseExchangeUrls(values.get("exchange-url") ?? []);
  const intervalMs = intFlag("interval-ms", one("interval-ms"), 500, 10, 3_600_000);
  const maxAgeMs = intFlag("max-age-ms", one("max-age-ms"), 5000, 1, 86_400_000);
  if (maxAgeMs <= intervalMs) throw new UsageError(`--max-age-ms (${maxAgeMs}) must be greater than --interval-ms (${intervalMs})`);
  const minSources = intFlag("min-sources", one("min-sources"), 1, 1, 100);
  if (minSources > sources.length) throw new UsageError(`--min-sources ${minSources} exceeds the ${sources.length} configured source(s)`);
  const requestTimeoutMs = intFlag("request-timeout-ms", one("request-timeout-ms"), 2000, 1, 60_000);
  const logLevel = one("log-level") ?? "info";
  if (!isLogLevel(logLevel)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);
  const multiplierText = one("price-multiplier");
  let priceMultiplier: bigint | undefined;
  if (multiplierText !== undefined) {
    priceMultiplier = wrap(() => parseDecimal(multiplierText));
    if (priceMultiplier <= 0n) throw new UsageError("--price-multiplier must be > 0");
  }
  return {
    listenHost: host,
    listenPort: port,
    allowNonLoopback,
    pairs,
    sources,
    exchangeUrls,
    intervalMs,
    maxAgeMs,
    minSources,
    requestTimeoutMs,
    priceMultiplier,
    logLevel,
  };
}

/** Parses HOST:PORT or [IPV6]:PORT. */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+)):([0-9]{1,5})$/.exec(text.trim());
  if (!m) throw new UsageError(`--listen must be HOST:PORT, got ${JSON.stringify(text)}`);
  const host = m[1] ?? m[2];
  const port = Number(m[3]);
  if (port > 65535) throw new UsageError(`--listen port out of range: ${port}`);
  if (m[1] !== undefined && isIP(host) !== 6) throw new UsageError(`--listen: ${host} is not an IPv6 address`);
  return { host, port };
}

/** Whether host is loopback: "localhost", 127.0.0.0/8, ::1 or ::ffff:127.x.x.x. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) !== 6) return false;
  const canonical = new URL(`http://[${h}]/`).hostname; // compressed form: [::1], [::ffff:7f00:1]
  return canonical === "[::1]" || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical);
}

/** Parses repeated NAME=URL overrides. */
function parseExchangeUrls(items: readonly string[]): Partial<Record<ExchangeName, string>> {
  const out: Partial<Record<ExchangeName, string>> = {};
  for (const item of items) {
    const eq = item.indexOf("=");
    const name = item.slice(0, Math.max(0, eq)).trim().toLowerCase();
    const url = item.slice(eq + 1).trim();
    if (eq < 0 || !isExchangeName(name)) throw new UsageError(`--exchange-url expects NAME=URL with NAME one of ${EXCHANGE_NAMES.join(", ")}, got ${JSON.stringify(item)}`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UsageError(`--exchange-url ${name}: invalid URL ${JSON.stringify(url)}`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new UsageError(`--exchange-url ${name}: URL must be http or https`);
    if (out[name] !== undefined) throw new UsageError(`--exchange-url ${name} given more than once`);
    out[name] = url;
  }
  return out;
}

/** Parses an integer flag within [min, max], or returns the default. */
function intFlag(name: string, text: string | undefined, def: number, min: number, max: number): number {
  if (text === undefined) return def;
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Runs a validator and rethrows its error as a UsageError. */
function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw err instanceof UsageError ? err : new UsageError(err instanceof Error ? err.message : String(err));
  }
}
