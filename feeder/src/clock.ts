/** A source of wall-clock time in unix milliseconds; injected so that tests control time. */
export interface Clock {
  /** Current unix time in milliseconds. */
  now(): number;
}

/** The real clock (Date.now). */
export const systemClock: Clock = { now: () => Date.now() };

/** A manually advanced clock for tests. */
export class ManualClock implements Clock {
  constructor(private ms: number) {}

  /** Returns the current manual time. */
  now(): number {
    return this.ms;
  }

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.ms += ms;
  }

  /** Sets the time to an absolute unix millisecond value. */
  set(ms: number): void {
    this.ms = ms;
  }
}
