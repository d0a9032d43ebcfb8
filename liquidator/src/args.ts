import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { DecimalError, parseUnits } from "./decimal";
import { isLogLevel, LOG_LEVELS, type LogLevel } from "./log";

/** A command-line mistake; the CLI prints it with the usage text and exits with status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Environment variable holding the liquidator key's mnemonic when --mnemonic-file is not given. */
export const MNEMONIC_ENV = "CLEARCHAIN_LIQUIDATOR_MNEMONIC";

/** A subaccount to watch from the start (besides those discovered from fills). */
export interface WatchSpec {
  readonly owner: string;
  /** undefined: every subaccount of the owner. */
  readonly number?: number;
}

/** The validated configuration of a liquidator process. */
export interface LiquidatorConfig {
  /** CometBFT RPC (queries, broadcasting). */
  readonly rpc: string;
  /** Cosmos REST API (discovery of subaccounts from fill events). */
  readonly rest: string;
  /** The feeder's GET /prices URL; undefined: the chain's oracle prices only. */
  readonly pricesUrl?: string;
  /** Mnemonic of the liquidator key. */
  readonly mnemonic: string;
  /** Where the mnemonic came from ("file PATH" or the env variable), for logs. */
  readonly mnemonicSource: string;
  /** The liquidator's subaccount receiving positions. */
  readonly subaccount: number;
  /** Least expected profit (discount − gas) per liquidation, collateral base units. */
  readonly minProfit: bigint;
  /** Most base quantums per MsgLiquidate (0: as much as the chain closes). */
  readonly maxSize: bigint;
  /** Poll period. */
  readonly intervalMs: number;
  /** Metrics/health listen address. */
  readonly metricsHost: string;
  readonly metricsPort: number;
  /** Log and count decisions, never submit. */
  readonly dryRun: boolean;
  /** Gas limit of every MsgLiquidate (explicit: simulation would run before the price update and fail). */
  readonly gasLimit: number;
  /** Gas price amount per gas unit (decimal string) and denom, e.g. 0.025 uclear. */
  readonly gasPriceAmount: string;
  readonly gasPriceDenom: string;
  /** Value of one whole gas token (10^6 base units) in USDC, to compare gas with the discount. */
  readonly gasTokenPriceUsdc: bigint;
  /** Top the subaccount's collateral up to this (collateral base units) at startup; undefined: no deposit. */
  readonly deposit?: bigint;
  /** Subaccounts watched from the start. */
  readonly watch: readonly WatchSpec[];
  /** How many recent blocks of fills discovery reads at startup. */
  readonly discoveryBlocks: number;
  readonly logLevel: LogLevel;
}

/** Result of parsing argv. */
export type ParsedArgs = { readonly kind: "run"; readonly config: LiquidatorConfig } | { readonly kind: "help" } | { readonly kind: "version" };

/** Default --metrics-listen address. */
export const DEFAULT_METRICS_LISTEN = "127.0.0.1:7181";

/** Usage text printed by --help and after a usage error. */
export const USAGE = `Usage: clearchain-liquidator [flags]

Follows its own price source and the chain's positions, predicts with the SDK's margin mirror which subaccounts the
next oracle update makes liquidatable, and takes them over with MsgLiquidate when the discount covers the gas, within
its own initial margin. Serves GET /metrics and /healthz on loopback.

Flags:
  --rpc URL                  CometBFT RPC (default http://127.0.0.1:26657)
  --rest URL                 Cosmos REST API, used to discover subaccounts from fills (default http://127.0.0.1:1317)
  --prices URL               the feeder's prices, e.g. http://127.0.0.1:7171/prices (default: the chain's oracle only)
  --mnemonic-file PATH       file holding the key's mnemonic (default: env ${MNEMONIC_ENV})
  --subaccount N             own subaccount that takes positions over (default 0)
  --min-profit USDC          least expected discount minus gas per liquidation (default 0)
  --max-size N               most base quantums per MsgLiquidate (default 0: what the chain closes)
  --interval-ms N            poll period (default 500)
  --metrics-listen HOST:PORT metrics and health address (default ${DEFAULT_METRICS_LISTEN}; port 0 = any free port)
  --allow-non-loopback       allow a --metrics-listen host that is not a loopback address
  --dry-run                  log and count what it would liquidate, never submit
  --gas-limit N              gas limit of every MsgLiquidate (default 400000)
  --gas-price COIN           gas price (default 0.025uclear)
  --gas-token-price USDC     USDC value of one whole gas token, to price gas (default 1)
  --deposit USDC             at startup, top the subaccount's collateral up to this amount
  --watch OWNER[/N]          also watch this subaccount (all of OWNER's without /N); repeatable
  --discovery-blocks N       blocks of past fills read at startup to find positions (default 10000)
  --log-level LEVEL          ${LOG_LEVELS.join("|")} (default info)
  --help, --version
`;

const VALUE_FLAGS = new Set([
  "rpc", "rest", "prices", "mnemonic-file", "subaccount", "min-profit", "max-size", "interval-ms", "metrics-listen", "gas-limit",
  "gas-price", "gas-token-price", "deposit", "watch", "discovery-blocks", "log-level",
]);
const REPEATABLE = new Set(["watch"]);
const BOOLEAN_FLAGS = new Set(["dry-run", "allow-non-loopback", "help", "version"]);

/** Parses and validates the command line (without node and script paths); env supplies the mnemonic fallback. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, readFile: (p: string) => string = (p) => readFileSync(p, "utf8")): ParsedArgs {
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
  return { kind: "run", config: buildConfig(values, bools, env, readFile) };
}

function buildConfig(values: Map<string, string[]>, bools: Set<string>, env: NodeJS.ProcessEnv, readFile: (p: string) => string): LiquidatorConfig {
  const one = (name: string): string | undefined => values.get(name)?.[0];
  const rpc = urlFlag("rpc", one("rpc") ?? "http://127.0.0.1:26657");
  const rest = urlFlag("rest", one("rest") ?? "http://127.0.0.1:1317");
  const pricesText = one("prices");
  const pricesUrl = pricesText === undefined ? undefined : urlFlag("prices", pricesText);
  let mnemonic: string;
  let mnemonicSource: string;
  const file = one("mnemonic-file");
  if (file !== undefined) {
    try {
      mnemonic = readFile(file).trim();
    } catch (err) {
      throw new UsageError(`--mnemonic-file ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    mnemonicSource = `file ${file}`;
  } else {
    mnemonic = (env[MNEMONIC_ENV] ?? "").trim();
    mnemonicSource = `env ${MNEMONIC_ENV}`;
  }
  if (!mnemonic) throw new UsageError(`a key is required: --mnemonic-file PATH or ${MNEMONIC_ENV}`);
  if (mnemonic.split(/\s+/).length < 12) throw new UsageError(`the mnemonic from ${mnemonicSource} has fewer than 12 words`);
  const subaccount = intFlag("subaccount", one("subaccount"), 0, 0, 127);
  const minProfit = usdcFlag("min-profit", one("min-profit")) ?? 0n;
  const maxSizeText = one("max-size");
  if (maxSizeText !== undefined && !/^[0-9]+$/.test(maxSizeText)) throw new UsageError(`--max-size must be a whole number of base quantums, got ${JSON.stringify(maxSizeText)}`);
  const maxSize = BigInt(maxSizeText ?? "0");
  if (maxSize >= 1n << 64n) throw new UsageError("--max-size must fit in uint64");
  const intervalMs = intFlag("interval-ms", one("interval-ms"), 500, 50, 3_600_000);
  const { host, port } = parseListen(one("metrics-listen") ?? DEFAULT_METRICS_LISTEN);
  if (!bools.has("allow-non-loopback") && !isLoopbackHost(host)) {
    throw new UsageError(`refusing to serve metrics on non-loopback host ${host} (use --allow-non-loopback to override)`);
  }
  const gasLimit = intFlag("gas-limit", one("gas-limit"), 400_000, 50_000, 100_000_000);
  const gp = /^([0-9]+(?:\.[0-9]+)?)([a-zA-Z][a-zA-Z0-9/:._-]{1,127})$/.exec((one("gas-price") ?? "0.025uclear").trim());
  if (!gp) throw new UsageError(`--gas-price must look like 0.025uclear, got ${JSON.stringify(one("gas-price"))}`);
  const gasTokenPriceUsdc = usdcFlag("gas-token-price", one("gas-token-price")) ?? 1_000_000n;
  const deposit = usdcFlag("deposit", one("deposit"));
  const watch = (values.get("watch") ?? []).map(parseWatch);
  const discoveryBlocks = intFlag("discovery-blocks", one("discovery-blocks"), 10_000, 0, 100_000_000);
  const logLevel = one("log-level") ?? "info";
  if (!isLogLevel(logLevel)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);
  return {
    rpc, rest, pricesUrl, mnemonic, mnemonicSource, subaccount, minProfit, maxSize, intervalMs, metricsHost: host, metricsPort: port,
    dryRun: bools.has("dry-run"), gasLimit, gasPriceAmount: gp[1], gasPriceDenom: gp[2], gasTokenPriceUsdc, deposit, watch, discoveryBlocks, logLevel,
  };
}

/** parseWatch parses OWNER or OWNER/N. */
export function parseWatch(text: string): WatchSpec {
  const m = /^(clear1[02-9ac-hj-np-z]{6,90})(?:\/([0-9]{1,3}))?$/.exec(text.trim());
  if (!m) throw new UsageError(`--watch expects a clear1… address, optionally /N, got ${JSON.stringify(text)}`);
  if (m[2] !== undefined && Number(m[2]) > 127) throw new UsageError(`--watch subaccount number ${m[2]} is above 127`);
  return m[2] === undefined ? { owner: m[1] } : { owner: m[1], number: Number(m[2]) };
}

/** Parses HOST:PORT or [IPV6]:PORT. */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+)):([0-9]{1,5})$/.exec(text.trim());
  if (!m) throw new UsageError(`--metrics-listen must be HOST:PORT, got ${JSON.stringify(text)}`);
  const host = m[1] ?? m[2];
  const port = Number(m[3]);
  if (port > 65535) throw new UsageError(`--metrics-listen port out of range: ${port}`);
  if (m[1] !== undefined && isIP(host) !== 6) throw new UsageError(`--metrics-listen: ${host} is not an IPv6 address`);
  return { host, port };
}

/** Whether host is loopback: "localhost", 127.0.0.0/8 or ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  return isIP(h) === 6 && new URL(`http://[${h}]/`).hostname === "[::1]";
}

function urlFlag(name: string, text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(`--${name}: invalid URL ${JSON.stringify(text)}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new UsageError(`--${name}: URL must be http or https`);
  return text.replace(/\/+$/, "");
}

function usdcFlag(name: string, text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  try {
    return parseUnits(text, 6);
  } catch (err) {
    if (err instanceof DecimalError) throw new UsageError(`--${name} must be a non-negative USDC amount such as 1.5, got ${JSON.stringify(text)}`);
    throw err;
  }
}

function intFlag(name: string, text: string | undefined, def: number, min: number, max: number): number {
  if (text === undefined) return def;
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}
