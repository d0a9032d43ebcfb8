// Circuit breaker views: the disabled message types grouped by the module that handles them.
import { moduleOfTypeUrl } from "../../typeUrls.js";

/** The circuit breaker's state: every disabled type URL, and the same grouped by module ("clearing", "oracle", "circuit", or "other"). */
export interface CircuitStateInfo {
  readonly disabled: readonly string[];
  readonly byModule: Readonly<Record<string, readonly string[]>>;
}

/** toCircuitStateInfo groups a DisabledList answer by module, keeping the chain's (sorted) order. */
export function toCircuitStateInfo(disabled: readonly string[]): CircuitStateInfo {
  const byModule: Record<string, string[]> = {};
  for (const url of disabled) (byModule[moduleOfTypeUrl(url) ?? "other"] ??= []).push(url);
  return { disabled: [...disabled], byModule };
}

/** isMsgDisabled reports whether a message type URL is in a DisabledList answer. */
export function isMsgDisabled(disabled: readonly string[], typeUrl: string): boolean {
  return disabled.includes(typeUrl);
}
