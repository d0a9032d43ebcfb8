import { formatDecimal } from "./decimal";
import type { SourceState } from "./poller";
import type { Snapshot } from "./snapshot";

/** Body of GET /prices: the chain's feeder contract. */
export interface PricesBody {
  /** Unix milliseconds at which the prices were computed. */
  readonly timestamp_ms: number;
  /** Decimal price strings by pair; only pairs that currently have an aggregate. */
  readonly prices: Record<string, string>;
}

/** One source as shown by /healthz. */
export interface SourceHealthInput {
  /** Source name. */
  readonly name: string;
  /** Poller state of the source. */
  readonly state: Readonly<SourceState>;
  /** Source-specific status (replay position, unsupported pairs, …). */
  readonly status: Record<string, unknown>;
}

/** Builds the /prices body from a snapshot. */
export function pricesBody(snapshot: Snapshot): PricesBody {
  const prices: Record<string, string> = {};
  for (const p of snapshot.pairs) if (p.served !== null) prices[p.pair] = formatDecimal(p.served);
  return { timestamp_ms: snapshot.timestampMs, prices };
}

/** Builds the /healthz body and status code: 200 when at least one pair is served, else 503. */
export function healthBody(snapshot: Snapshot, sources: readonly SourceHealthInput[]): { code: number; body: Record<string, unknown> } {
  const now = snapshot.timestampMs;
  const pairs: Record<string, unknown> = {};
  for (const p of snapshot.pairs) {
    pairs[p.pair] = {
      price: p.served === null ? null : formatDecimal(p.served),
      sources: p.used.length,
      used: p.used.map((q) => q.source),
      outliers: p.outliers.map((q) => q.source),
      stale: p.stale.map((q) => q.source),
      age_ms: p.ageMs,
      ...(p.reason !== undefined ? { reason: p.reason } : {}),
    };
  }
  const srcs: Record<string, unknown> = {};
  for (const s of sources) {
    srcs[s.name] = {
      last_success_age_ms: s.state.lastSuccessMs === null ? null : now - s.state.lastSuccessMs,
      consecutive_failures: s.state.consecutiveFailures,
      last_errors: s.state.lastErrors,
      ...s.status,
    };
  }
  const ok = snapshot.pairs.some((p) => p.served !== null);
  return { code: ok ? 200 : 503, body: { status: ok ? "ok" : "unavailable", timestamp_ms: now, pairs, sources: srcs } };
}
