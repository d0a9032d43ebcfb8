/** The contract every price source (exchange adapter, synthetic, replay) implements. */

/** What one poll of a source produced. */
export interface SourceResult {
  /** Prices obtained, by pair name, in 18-decimal fixed point (> 0). */
  readonly prices: Map<string, bigint>;
  /** Per-pair failures, by pair name (a pair the source does not cover is not a failure). */
  readonly errors: Map<string, string>;
}

/** A source of prices polled by the feeder. */
export interface PriceSource {
  /** Unique name, used in logs, metrics and /healthz (e.g. "coinbase", "synthetic:42", "replay:crash.csv"). */
  readonly name: string;
  /** The source is polled at most once per this many milliseconds (0 = every poll interval). */
  readonly minIntervalMs: number;
  /** Fetches current prices for `pairs`; must honour `signal`. May throw, which fails every pair. */
  fetch(pairs: readonly string[], signal: AbortSignal): Promise<SourceResult>;
  /** Source-specific state shown in /healthz (e.g. a replay's position). */
  status?(): Record<string, unknown>;
}

/** Builds an empty SourceResult to fill in. */
export function emptyResult(): SourceResult {
  return { prices: new Map(), errors: new Map() };
}

/** Renders any thrown value as a one-line message. */
export function errorMessage(err: unknown): string {
  const m = (err as { message?: unknown } | null)?.message; // duck-typed: errors may come from another realm
  const msg = typeof m === "string" ? m : String(err);
  return msg.replace(/\s+/g, " ").slice(0, 300);
}
