import type * as http from "node:http";
import { systemClock, type Clock } from "./clock";
import { silentLogger, type Logger } from "./log";
import { FeederMetrics } from "./metrics";
import { Poller } from "./poller";
import { closeServer, createFeederServer, listen } from "./server";
import { buildSnapshot, type Snapshot, type SnapshotOptions } from "./snapshot";
import type { PriceSource } from "./sources/source";
import { QuoteStore } from "./store";
import { healthBody, pricesBody } from "./views";

/** Everything a running feeder needs. */
export interface FeederOptions {
  /** Pairs to serve, in output order. */
  readonly pairs: readonly string[];
  /** Sources to poll (names must be unique). */
  readonly sources: readonly PriceSource[];
  /** Host to listen on (the CLI enforces loopback). */
  readonly listenHost: string;
  /** Port to listen on; 0 picks a free one. */
  readonly listenPort: number;
  /** Poll period in milliseconds. */
  readonly intervalMs: number;
  /** Quotes older than this are ignored. */
  readonly maxAgeMs: number;
  /** Minimum fresh non-outlier sources for a pair to be served. */
  readonly minSources: number;
  /** Test-only fault injection: multiply every served price by this fixed-point factor. */
  readonly priceMultiplier?: bigint;
  /** Clock (tests inject one). */
  readonly clock?: Clock;
  /** Event logger. */
  readonly logger?: Logger;
}

/** A running feeder: a poller filling an in-memory store and an HTTP server answering from it. */
export class Feeder {
  private stopped: Promise<void> | undefined;

  private constructor(
    private readonly server: http.Server,
    private readonly poller: Poller,
    private readonly store: QuoteStore,
    private readonly snapshotOptions: SnapshotOptions,
    private readonly clock: Clock,
    /** The bound address (the real port when 0 was requested). */
    readonly address: { readonly host: string; readonly port: number },
  ) {}

  /** Binds the HTTP server, then starts polling; rejects if the address cannot be bound. */
  static async start(opts: FeederOptions): Promise<Feeder> {
    const clock = opts.clock ?? systemClock;
    const logger = opts.logger ?? silentLogger;
    const names = opts.sources.map((s) => s.name);
    if (new Set(names).size !== names.length) throw new Error("source names must be unique");
    const store = new QuoteStore();
    const metrics = new FeederMetrics(names, opts.pairs, clock.now(), opts.priceMultiplier);
    const snapshotOptions: SnapshotOptions = {
      pairs: opts.pairs,
      maxAgeMs: opts.maxAgeMs,
      minSources: opts.minSources,
      priceMultiplier: opts.priceMultiplier,
    };
    const snapshot = (): Snapshot => buildSnapshot(store, snapshotOptions, clock.now());
    const poller = new Poller({
      pairs: opts.pairs,
      sources: opts.sources,
      intervalMs: opts.intervalMs,
      store,
      metrics,
      clock,
      logger,
      onTick: () => metrics.recordAggregation(snapshot()),
    });
    const sourceInputs = () =>
      opts.sources.map((s) => {
        const state = poller.states().get(s.name);
        if (!state) throw new Error(`no state for source ${s.name}`);
        return { name: s.name, state, status: s.status?.() ?? {}, lastSuccessMs: state.lastSuccessMs };
      });
    const server = createFeederServer(
      {
        prices: () => pricesBody(snapshot()),
        health: () => healthBody(snapshot(), sourceInputs()),
        metrics: () => metrics.render(snapshot(), sourceInputs()),
      },
      logger,
    );
    const addr = await listen(server, opts.listenHost, opts.listenPort);
    poller.start();
    return new Feeder(server, poller, store, snapshotOptions, clock, { host: addr.address, port: addr.port });
  }

  /** The base URL of the HTTP server, e.g. http://127.0.0.1:7171. */
  get url(): string {
    const host = this.address.host.includes(":") ? `[${this.address.host}]` : this.address.host;
    return `http://${host}:${this.address.port}`;
  }

  /** The current aggregate of every pair (what /prices serves). */
  snapshot(): Snapshot {
    return buildSnapshot(this.store, this.snapshotOptions, this.clock.now());
  }

  /** Stops polling and closes the server; in-flight requests get up to graceMs. Idempotent. */
  stop(graceMs = 500): Promise<void> {
    if (!this.stopped) {
      this.poller.stop();
      this.stopped = closeServer(this.server, graceMs);
    }
    return this.stopped;
  }
}
