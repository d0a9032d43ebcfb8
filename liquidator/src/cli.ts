import { readFileSync } from "node:fs";
import * as path from "node:path";
import { type LiquidatorConfig, parseArgs, UsageError, USAGE } from "./args";
import { type ChainAdapter, keyFromMnemonic, SdkChain } from "./chain";
import { formatUnits } from "./decimal";
import { Liquidator } from "./liquidator";
import { createJsonLogger } from "./log";
import { LiquidatorMetrics } from "./metrics";
import { FeederPriceSource } from "./prices";
import { closeServer, createLiquidatorServer, listen } from "./server";

/** The whole process must be gone within this long after SIGTERM/SIGINT. */
export const SHUTDOWN_BUDGET_MS = 2000;

/** Process plumbing, replaceable in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Resolves with the reason to stop (default: the first SIGTERM or SIGINT). */
  readonly waitForStop: () => Promise<string>;
  readonly env: NodeJS.ProcessEnv;
  /** Chain connection (tests inject a fake chain). */
  readonly connect?: (config: LiquidatorConfig, address: string) => Promise<ChainAdapter>;
}

/** Real stdout/stderr, signals and environment. */
export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  waitForStop: () =>
    new Promise((resolve) => {
      const onSignal = (sig: NodeJS.Signals): void => {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
        resolve(sig);
      };
      process.on("SIGTERM", onSignal);
      process.on("SIGINT", onSignal);
    }),
};

/** Runs the CLI; resolves with the exit status (0 after a clean stop, 1 on startup failure, 2 on usage error). */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, io.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`clearchain-liquidator: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.kind === "help") {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.kind === "version") {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  return run(parsed.config, io);
}

/** Starts the liquidator and its metrics server, logs "started", waits for a stop request and shuts down within the budget. */
export async function run(config: LiquidatorConfig, io: CliIo): Promise<number> {
  const logger = createJsonLogger(config.logLevel, io.stdout);
  const startedAt = Date.now();
  const metrics = new LiquidatorMetrics(startedAt, config.dryRun);
  let liquidator: Liquidator;
  let server;
  let url: string;
  try {
    const key = await keyFromMnemonic(config.mnemonic);
    const connect = io.connect
      ? () => io.connect!(config, key.address)
      : () => SdkChain.connect({ rpc: config.rpc, rest: config.rest, key, gasPrice: `${config.gasPriceAmount}${config.gasPriceDenom}` });
    liquidator = new Liquidator({
      connect, address: key.address, subaccount: config.subaccount, prices: config.pricesUrl ? new FeederPriceSource(config.pricesUrl) : undefined,
      intervalMs: config.intervalMs, minProfit: config.minProfit, maxSize: config.maxSize, dryRun: config.dryRun, gasLimit: config.gasLimit,
      gasPriceAmount: config.gasPriceAmount, gasPriceDenom: config.gasPriceDenom, gasTokenPriceUsdc: config.gasTokenPriceUsdc, deposit: config.deposit,
      watch: config.watch, discoveryBlocks: config.discoveryBlocks, logger, metrics,
    });
    const live = liquidator;
    server = createLiquidatorServer({
      metrics: () => metrics.render(),
      health: () => {
        const s = live.status;
        const fresh = s.ok && Date.now() - s.atMs <= Math.max(10_000, 5 * config.intervalMs);
        return { code: fresh ? 200 : 503, body: { status: fresh ? "ok" : "unavailable", height: s.height, last_poll_ms: s.atMs, error: s.error,
          watched: live.trackedCount, address: key.address, subaccount: config.subaccount, dry_run: config.dryRun } };
      },
    }, logger);
    const addr = await listen(server, config.metricsHost, config.metricsPort);
    const host = addr.address.includes(":") ? `[${addr.address}]` : addr.address;
    url = `http://${host}:${addr.port}`;
    logger.info("started", {
      listen: `${host}:${addr.port}`, metrics_url: `${url}/metrics`, pid: process.pid, version: packageVersion(), address: key.address,
      subaccount: config.subaccount, rpc: config.rpc, rest: config.rest, prices: config.pricesUrl ?? "chain", key_from: config.mnemonicSource,
      interval_ms: config.intervalMs, min_profit_usdc: formatUnits(config.minProfit, 6), max_size: config.maxSize, gas_limit: config.gasLimit,
      gas_price: `${config.gasPriceAmount}${config.gasPriceDenom}`, gas_cost_usdc: formatUnits(liquidator.gasCost, 6), dry_run: config.dryRun,
    });
    liquidator.start();
  } catch (err) {
    logger.error("startup_failed", { error: err instanceof Error ? err.message : String(err) });
    if (server) await closeServer(server, 100);
    return 1;
  }
  const reason = await io.waitForStop();
  logger.info("stopping", { reason });
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_BUDGET_MS - 300).unref());
  await Promise.race([Promise.all([liquidator.stop(SHUTDOWN_BUDGET_MS / 2), closeServer(server, 300)]), deadline]);
  logger.info("stopped", { reason });
  return 0;
}

/** The package version from liquidator/package.json ("unknown" if unreadable). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}
