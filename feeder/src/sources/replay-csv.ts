import { parseDecimal } from "../decimal";
import { parsePair } from "../pairs";

/** One row of a replay file. */
export interface ReplayRow {
  /** Row time in unix milliseconds. */
  readonly timeMs: number;
  /** Canonical pair name. */
  readonly pair: string;
  /** Price in 18-decimal fixed point (> 0). */
  readonly price: bigint;
}

const TIME_RE = /^[0-9]+(?:\.[0-9]{1,3})?$/;

/**
 * Parses replay CSV text: `unix_seconds,pair,price` per line, optional header line, `#` comment lines and blank lines
 * ignored, rows sorted by time (non-decreasing). Throws with the offending line number on any error.
 */
export function parseReplayCsv(text: string, fileLabel = "replay file"): ReplayRow[] {
  const rows: ReplayRow[] = [];
  let headerAllowed = true; // only the first non-comment line may be a header
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const where = `${fileLabel}:${i + 1}`;
    const fields = line.split(",").map((f) => f.trim());
    if (fields.length !== 3) throw new Error(`${where}: expected 3 fields "unix_seconds,pair,price", got ${fields.length}`);
    if (!TIME_RE.test(fields[0])) {
      if (headerAllowed && !/[0-9]/.test(fields[0])) {
        headerAllowed = false;
        continue;
      }
      throw new Error(`${where}: bad time ${JSON.stringify(fields[0])} (unix seconds expected)`);
    }
    headerAllowed = false;
    const timeMs = Math.round(Number(fields[0]) * 1000);
    let pair: string;
    let price: bigint;
    try {
      pair = parsePair(fields[1]).name;
      price = parseDecimal(fields[2]);
    } catch (err) {
      throw new Error(`${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (price <= 0n) throw new Error(`${where}: price must be positive`);
    const prev = rows[rows.length - 1];
    if (prev !== undefined && timeMs < prev.timeMs) throw new Error(`${where}: rows must be sorted by time (${fields[0]} comes after a later row)`);
    rows.push({ timeMs, pair, price });
  }
  if (rows.length === 0) throw new Error(`${fileLabel}: no data rows`);
  return rows;
}
