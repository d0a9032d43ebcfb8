import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs, UsageError, USAGE, type CliConfig } from "./args";
import { systemClock } from "./clock";
import { formatDecimal } from "./decimal";
import { Feeder } from "./feeder";
import { createJsonLogger, type Logger } from "./log";
import { createSources } from "./sources/spec";

/** The whole process must be gone within this long after SIGTERM/SIGINT. */
export const SHUTDOWN_BUDGET_MS = 1000;

/** Process plumbing, replaceable in tests. */
export interface CliIo {
  /** Writes to standard output (JSON event lines). */
  readonly stdout: (text: string) => void;
  /** Writes to standard error (usage errors). */
  readonly stderr: (text: string) => void;
  /** Resolves with the reason to stop (default: the first SIGTERM or SIGINT). */
  readonly waitForStop: () => Promise<string>;
}

/** Real stdout/stderr and signal handling. */
export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
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
    parsed = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`clearchain-feeder: ${err.message}\n\n${USAGE}`);
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

/** Starts the feeder described by `config`, logs "started", waits for a stop request and shuts down within the budget. */
export async function run(config: CliConfig, io: CliIo): Promise<number> {
  const logger = createJsonLogger(config.logLevel, io.stdout);
  const feeder = await startFeeder(config, logger);
  if (!feeder) return 1;
  const reason = await io.waitForStop();
  logger.info("stopping", { reason });
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_BUDGET_MS - 200).unref());
  await Promise.race([feeder.stop(SHUTDOWN_BUDGET_MS / 2), deadline]);
  logger.info("stopped", { reason });
  return 0;
}

/** Creates the sources and starts the feeder, logging "started" (with the bound address) or "startup_failed". */
async function startFeeder(config: CliConfig, logger: Logger): Promise<Feeder | undefined> {
  if (config.priceMultiplier !== undefined) {
    logger.warn("price_multiplier_active", {
      multiplier: formatDecimal(config.priceMultiplier),
      note: "test-only fault injection: every served price is multiplied",
    });
  }
  try {
    const sources = createSources(config.sources, {
      clock: systemClock,
      exchangeUrls: config.exchangeUrls,
      requestTimeoutMs: config.requestTimeoutMs,
    });
    const feeder = await Feeder.start({
      pairs: config.pairs,
      sources,
      listenHost: config.listenHost,
      listenPort: config.listenPort,
      intervalMs: config.intervalMs,
      maxAgeMs: config.maxAgeMs,
      minSources: config.minSources,
      priceMultiplier: config.priceMultiplier,
      logger,
    });
    const host = feeder.address.host.includes(":") ? `[${feeder.address.host}]` : feeder.address.host;
    logger.info("started", {
      listen: `${host}:${feeder.address.port}`,
      url: feeder.url,
      pid: process.pid,
      version: packageVersion(),
      pairs: config.pairs,
      sources: sources.map((s) => s.name),
      interval_ms: config.intervalMs,
      max_age_ms: config.maxAgeMs,
      min_sources: config.minSources,
    });
    return feeder;
  } catch (err) {
    logger.error("startup_failed", { error: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}

/** The package version from feeder/package.json ("unknown" if unreadable). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}
