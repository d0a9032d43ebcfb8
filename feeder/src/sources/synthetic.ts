import type { Clock } from "../clock";
import { syntheticPrice, syntheticStep, SYNTHETIC_STEP_MS } from "./gbm";
import { emptyResult, type PriceSource, type SourceResult } from "./source";

/** `synthetic:SEED`: deterministic GBM-with-jumps prices; feeders sharing a seed serve identical prices at the same second. */
export class SyntheticSource implements PriceSource {
  /** Source name "synthetic:SEED". */
  readonly name: string;
  /** Computed locally: polled every interval. */
  readonly minIntervalMs = 0;

  constructor(
    private readonly seed: string,
    private readonly clock: Clock,
  ) {
    this.name = `synthetic:${seed}`;
  }

  /** Prices of every requested pair at the current step. */
  async fetch(pairs: readonly string[]): Promise<SourceResult> {
    const result = emptyResult();
    const step = syntheticStep(this.clock.now());
    for (const pair of pairs) result.prices.set(pair, syntheticPrice(this.seed, pair, step));
    return result;
  }

  /** The seed and the current step index. */
  status(): Record<string, unknown> {
    return { seed: this.seed, step: syntheticStep(this.clock.now()), step_ms: SYNTHETIC_STEP_MS };
  }
}
