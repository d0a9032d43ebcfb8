/** Exact decimal ⇄ fixed-point conversions (prices, USDC amounts, gas prices); no floating point on amounts. */

const DECIMAL_RE = /^([0-9]+)(?:\.([0-9]+))?$/;

/** Thrown for a text that is not a plain non-negative decimal. */
export class DecimalError extends Error {
  override name = "DecimalError";
}

/** parseUnits turns a non-negative decimal ("43210.57") into an integer of `decimals` fractional digits, truncating extra digits. */
export function parseUnits(text: string, decimals: number): bigint {
  const t = typeof text === "string" ? text.trim() : "";
  const m = t.length <= 80 ? DECIMAL_RE.exec(t) : null;
  if (!m) throw new DecimalError(`not a non-negative decimal: ${JSON.stringify(text)}`);
  const frac = (m[2] ?? "").slice(0, decimals).padEnd(decimals, "0");
  return BigInt(m[1]) * 10n ** BigInt(decimals) + (decimals > 0 ? BigInt(frac) : 0n);
}

/** formatUnits renders a fixed-point integer with `decimals` fractional digits, without trailing zeros ("-1.5", "0"). */
export function formatUnits(value: bigint, decimals: number): string {
  const neg = value < 0n;
  const v = neg ? -value : value;
  const scale = 10n ** BigInt(decimals);
  const int = v / scale;
  const frac = decimals > 0 ? (v % scale).toString().padStart(decimals, "0").replace(/0+$/, "") : "";
  return `${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}

/** toNumber converts a fixed-point integer to a float (lossy: metrics and logs only). */
export function toNumber(value: bigint, decimals: number): number {
  return Number(formatUnits(value, decimals));
}
