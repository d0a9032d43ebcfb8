import type { Quote } from "./aggregate";

/** In-memory latest quote per (source, pair); written by the poller, read on every request. */
export class QuoteStore {
  private readonly bySource = new Map<string, Map<string, Quote>>();

  /** Records `source`'s latest price for `pair`, replacing the previous one. */
  put(source: string, pair: string, price: bigint, receivedAtMs: number): void {
    let pairs = this.bySource.get(source);
    if (!pairs) this.bySource.set(source, (pairs = new Map()));
    pairs.set(pair, { source, price, receivedAtMs });
  }

  /** All sources' latest quotes for `pair` (fresh or not), in insertion order of the sources. */
  quotesFor(pair: string): Quote[] {
    const out: Quote[] = [];
    for (const pairs of this.bySource.values()) {
      const q = pairs.get(pair);
      if (q) out.push(q);
    }
    return out;
  }

  /** The latest quote of one source for one pair, if any. */
  get(source: string, pair: string): Quote | undefined {
    return this.bySource.get(source)?.get(pair);
  }
}
