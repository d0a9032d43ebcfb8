/** Currency pair names ("BASE/QUOTE") as the chain spells them: 1..12 upper-case letters or digits per symbol. */

/** The pairs served when --pairs is not given (the chain's default genesis pairs). */
export const DEFAULT_PAIRS: readonly string[] = ["BTC/USD", "ETH/USD", "SOL/USD", "USDC/USD"];

/** A parsed currency pair. */
export interface Pair {
  /** Base symbol, e.g. "BTC". */
  readonly base: string;
  /** Quote symbol, e.g. "USD". */
  readonly quote: string;
  /** Canonical name "BASE/QUOTE". */
  readonly name: string;
}

const SYMBOL_RE = /^[A-Z0-9]{1,12}$/;

/** Parses "btc/usd" or "BTC/USD" into a canonical upper-case pair; throws on anything else. */
export function parsePair(text: string): Pair {
  const parts = text.trim().toUpperCase().split("/");
  if (parts.length !== 2 || !SYMBOL_RE.test(parts[0]) || !SYMBOL_RE.test(parts[1]) || parts[0] === parts[1]) {
    throw new Error(`invalid pair ${JSON.stringify(text)}: expected BASE/QUOTE with 1-12 upper-case letters or digits each`);
  }
  return { base: parts[0], quote: parts[1], name: `${parts[0]}/${parts[1]}` };
}

/** Parses a comma-separated pair list into canonical names; rejects empty lists and duplicates. */
export function parsePairList(text: string): string[] {
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => parsePair(s).name);
  if (names.length === 0) throw new Error("the pair list is empty");
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new Error(`pair ${dup} is listed twice`);
  return names;
}
