import { performance } from "node:perf_hooks";
import type { Clock } from "./clock";
import type { Logger } from "./log";
import type { FeederMetrics } from "./metrics";
import { errorMessage, type PriceSource, type SourceResult } from "./sources/source";
import type { QuoteStore } from "./store";

/** A repeated identical source error is logged again at most this often. */
export const ERROR_LOG_REPEAT_MS = 30_000;

/** What the poller knows about one source (shown in /healthz and /metrics). */
export interface SourceState {
  /** Unix ms at which the last poll started, null before the first. */
  lastStartMs: number | null;
  /** Unix ms of the last poll that yielded at least one price. */
  lastSuccessMs: number | null;
  /** Unix ms of the last poll that failed for at least one pair. */
  lastErrorMs: number | null;
  /** Per-pair errors of the last poll (empty when it fully succeeded). */
  lastErrors: Record<string, string>;
  /** Polls in a row that failed for at least one pair. */
  consecutiveFailures: number;
  /** Whether a poll is running now (a slow source is never polled twice at once). */
  inFlight: boolean;
}

/** Collaborators and settings of a Poller. */
export interface PollerOptions {
  /** Pairs requested from every source. */
  readonly pairs: readonly string[];
  /** Sources to poll. */
  readonly sources: readonly PriceSource[];
  /** Poll period in milliseconds. */
  readonly intervalMs: number;
  /** Where quotes are written. */
  readonly store: QuoteStore;
  /** Counters to update. */
  readonly metrics: FeederMetrics;
  /** Clock stamping received quotes. */
  readonly clock: Clock;
  /** Event logger. */
  readonly logger: Logger;
  /** Called once per tick after polls are launched (the feeder records aggregation metrics there). */
  readonly onTick?: () => void;
}

/** Polls every source on a fixed period, writes quotes to the store and keeps per-source health; never throws. */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  private readonly state = new Map<string, SourceState>();
  private readonly errorLog = new Map<string, { key: string; atMs: number; suppressed: number }>();

  constructor(private readonly opts: PollerOptions) {
    for (const s of opts.sources) {
      this.state.set(s.name, { lastStartMs: null, lastSuccessMs: null, lastErrorMs: null, lastErrors: {}, consecutiveFailures: 0, inFlight: false });
    }
  }

  /** Polls immediately, then every intervalMs until stop(). */
  start(): void {
    if (this.timer !== undefined || this.abort.signal.aborted) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs);
  }

  /** Polls every source that is idle and due; resolves when those polls have finished. */
  tick(): Promise<void> {
    const now = this.opts.clock.now();
    const due = this.opts.sources.filter((s) => {
      const st = this.state.get(s.name) as SourceState;
      return !st.inFlight && (st.lastStartMs === null || now - st.lastStartMs >= s.minIntervalMs);
    });
    const polls = due.map((s) => this.pollSource(s));
    try {
      this.opts.onTick?.();
    } catch (err) {
      this.opts.logger.error("tick_failed", { error: errorMessage(err) });
    }
    return Promise.all(polls).then(() => undefined);
  }

  /** Stops the timer and aborts polls in flight. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.abort.abort();
  }

  /** Per-source state by source name. */
  states(): ReadonlyMap<string, Readonly<SourceState>> {
    return this.state;
  }

  /** Polls one source once and records the outcome. */
  private async pollSource(source: PriceSource): Promise<void> {
    const st = this.state.get(source.name) as SourceState;
    st.inFlight = true;
    st.lastStartMs = this.opts.clock.now();
    const t0 = performance.now();
    let result: SourceResult;
    try {
      result = await source.fetch(this.opts.pairs, this.abort.signal);
    } catch (err) {
      const msg = errorMessage(err);
      result = { prices: new Map(), errors: new Map(this.opts.pairs.map((p) => [p, msg])) };
    } finally {
      st.inFlight = false;
    }
    if (this.abort.signal.aborted) return;
    this.opts.metrics.latency.observe({ source: source.name }, (performance.now() - t0) / 1000);
    this.record(source.name, st, result);
  }

  /** Stores prices, updates counters and state, and logs error transitions. */
  private record(name: string, st: SourceState, result: SourceResult): void {
    const now = this.opts.clock.now();
    const m = this.opts.metrics;
    m.fetches.inc({ source: name });
    for (const [pair, price] of result.prices) {
      if (price <= 0n || !this.opts.pairs.includes(pair)) continue;
      this.opts.store.put(name, pair, price, now);
      m.quotes.inc({ source: name, pair });
    }
    if (result.prices.size > 0) st.lastSuccessMs = now;
    this.opts.logger.debug("source_polled", { source: name, prices: result.prices.size, errors: result.errors.size });
    const hadErrors = st.consecutiveFailures > 0;
    st.lastErrors = Object.fromEntries(result.errors);
    if (result.errors.size === 0) {
      st.consecutiveFailures = 0;
      if (hadErrors) {
        this.opts.logger.info("source_recovered", { source: name });
        this.errorLog.delete(name);
      }
      return;
    }
    m.fetchErrors.inc({ source: name });
    for (const pair of result.errors.keys()) m.quoteErrors.inc({ source: name, pair });
    st.lastErrorMs = now;
    st.consecutiveFailures++;
    this.logError(name, st, now);
  }

  /** Logs a source error when it is new or changed, and otherwise at most every ERROR_LOG_REPEAT_MS. */
  private logError(name: string, st: SourceState, now: number): void {
    const key = JSON.stringify(st.lastErrors);
    const prev = this.errorLog.get(name);
    if (prev && prev.key === key && now - prev.atMs < ERROR_LOG_REPEAT_MS) {
      prev.suppressed++;
      return;
    }
    this.opts.logger.warn("source_error", {
      source: name,
      errors: st.lastErrors,
      consecutive_failures: st.consecutiveFailures,
      ...(prev && prev.suppressed > 0 ? { repeats_suppressed: prev.suppressed } : {}),
    });
    this.errorLog.set(name, { key, atMs: now, suppressed: 0 });
  }
}
