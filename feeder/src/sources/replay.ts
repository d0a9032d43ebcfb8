import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Clock } from "../clock";
import { parseReplayCsv, type ReplayRow } from "./replay-csv";
import { emptyResult, type PriceSource, type SourceResult } from "./source";

/** One pair's timeline inside a replay. */
interface Timeline {
  readonly times: number[];
  readonly prices: bigint[];
}

/** Options of a replay source. */
export interface ReplayOptions {
  /** Label used in the source name and errors (usually the file path as given). */
  readonly label: string;
  /** Time compression: 2 plays the file twice as fast. Must be > 0. */
  readonly speed: number;
  /** Clock; the replay starts at clock.now() when the source is created. */
  readonly clock: Clock;
}

/**
 * `replay:FILE[@SPEED]`: plays a recorded price path. The first row's time is mapped to the moment the source is
 * created; replay time then runs SPEED times faster than the wall clock. Each pair serves its latest row at or before
 * the replay time; after the last row the last price keeps being served and status() reports `ended: true`.
 */
export class ReplaySource implements PriceSource {
  /** Source name "replay:LABEL" (with "@SPEED" when SPEED ≠ 1). */
  readonly name: string;
  /** Computed locally: polled every interval. */
  readonly minIntervalMs = 0;
  private readonly timelines = new Map<string, Timeline>();
  private readonly firstMs: number;
  private readonly lastMs: number;
  private readonly startedAtMs: number;

  constructor(
    rows: readonly ReplayRow[],
    private readonly opts: ReplayOptions,
  ) {
    if (rows.length === 0) throw new Error(`${opts.label}: no data rows`);
    if (!(opts.speed > 0) || !Number.isFinite(opts.speed)) throw new Error(`replay speed must be a positive number, got ${opts.speed}`);
    this.name = opts.speed === 1 ? `replay:${opts.label}` : `replay:${opts.label}@${opts.speed}`;
    for (const row of rows) {
      let tl = this.timelines.get(row.pair);
      if (!tl) this.timelines.set(row.pair, (tl = { times: [], prices: [] }));
      tl.times.push(row.timeMs);
      tl.prices.push(row.price);
    }
    this.firstMs = rows[0].timeMs;
    this.lastMs = rows[rows.length - 1].timeMs;
    this.startedAtMs = opts.clock.now();
  }

  /** Reads and parses a replay CSV file (relative paths resolve against the working directory). */
  static fromFile(file: string, speed: number, clock: Clock): ReplaySource {
    const text = readFileSync(path.resolve(file), "utf8");
    return new ReplaySource(parseReplayCsv(text, file), { label: file, speed, clock });
  }

  /** The replayed time (unix ms in the file's timeline) corresponding to wall-clock nowMs. */
  replayTimeMs(nowMs: number): number {
    return this.firstMs + Math.max(0, nowMs - this.startedAtMs) * this.opts.speed;
  }

  /** The price of `pair` at replay time `replayMs`: the latest row at or before it, or undefined before the first. */
  priceAt(pair: string, replayMs: number): bigint | undefined {
    const tl = this.timelines.get(pair);
    if (!tl) return undefined;
    let lo = 0;
    let hi = tl.times.length; // find the first index with time > replayMs
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tl.times[mid] <= replayMs) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : tl.prices[lo - 1];
  }

  /** Current replayed prices of the requested pairs that have started. */
  async fetch(pairs: readonly string[]): Promise<SourceResult> {
    const result = emptyResult();
    const t = this.replayTimeMs(this.opts.clock.now());
    for (const pair of pairs) {
      const price = this.priceAt(pair, t);
      if (price !== undefined) result.prices.set(pair, price);
    }
    return result;
  }

  /** Replay position: file, speed, first/last/current replay time in seconds and whether the file has ended. */
  status(): Record<string, unknown> {
    const t = this.replayTimeMs(this.opts.clock.now());
    return {
      file: this.opts.label,
      speed: this.opts.speed,
      pairs: [...this.timelines.keys()],
      first_time_s: this.firstMs / 1000,
      last_time_s: this.lastMs / 1000,
      replay_time_s: Math.floor(t) / 1000,
      ended: t >= this.lastMs,
    };
  }
}
