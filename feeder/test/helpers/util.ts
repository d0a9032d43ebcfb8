import type { PriceSource, SourceResult } from "../../src/sources/source";

/** Served price strings: plain decimal, no exponent, at most 18 fractional digits. */
export const PRICE_RE = /^(0|[1-9][0-9]*)(\.[0-9]{0,17}[1-9])?$/;

/** Polls `probe` until it returns a non-undefined value or `timeoutMs` passes (then throws with `what`). */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ""}`);
    await sleep(everyMs);
  }
}

/** Resolves after ms milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** GETs a URL and returns status and parsed JSON body. */
export async function getJsonBody(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) };
}

/** A scriptable in-memory source for tests. */
export class FakeSource implements PriceSource {
  /** Prices returned by the next fetches (decimal fixed point). */
  prices = new Map<string, bigint>();
  /** Per-pair errors returned by the next fetches. */
  errors = new Map<string, string>();
  /** When set, fetch throws this message. */
  failWith: string | undefined;
  /** When set, fetch waits for this promise first. */
  gate: Promise<void> | undefined;
  /** Number of fetch calls. */
  calls = 0;

  constructor(
    readonly name: string,
    readonly minIntervalMs = 0,
  ) {}

  /** Sets a price from a decimal string (18-decimal fixed point). */
  set(pair: string, price: bigint): this {
    this.prices.set(pair, price);
    return this;
  }

  async fetch(pairs: readonly string[]): Promise<SourceResult> {
    this.calls++;
    if (this.gate) await this.gate;
    if (this.failWith !== undefined) throw new Error(this.failWith);
    const prices = new Map([...this.prices].filter(([p]) => pairs.includes(p)));
    return { prices, errors: new Map(this.errors) };
  }

  status(): Record<string, unknown> {
    return { fake: true };
  }
}
