/**
 * Exact decimal arithmetic for prices: a price is a bigint holding the value times 10^18 (18 fractional digits).
 * No floating point ever touches a served price.
 */

/** Number of fractional digits of the fixed-point representation used for every price. */
export const DECIMALS = 18;

/** The fixed-point scale, 10^18 (the fixed-point value of 1.0). */
export const SCALE = 10n ** BigInt(DECIMALS);

/** The longest decimal text we accept; longer inputs are rejected rather than turned into huge bigints. */
const MAX_TEXT_LENGTH = 80;

/** Largest accepted exponent magnitude in scientific notation. */
const MAX_EXPONENT = 40;

const DECIMAL_RE = /^([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]{1,3}))?$/;

/** Thrown when a text or number is not an acceptable non-negative decimal. */
export class DecimalError extends Error {
  override name = "DecimalError";
}

/**
 * Parses a non-negative decimal ("43210.57", "0.5", "1e-7") into 18-decimal fixed point.
 * Digits beyond the 18th fractional one are truncated (rounded toward zero). Signs, blanks and ".5" are rejected.
 */
export function parseDecimal(text: string): bigint {
  if (typeof text !== "string" || text.length === 0 || text.length > MAX_TEXT_LENGTH) {
    throw new DecimalError(`not a decimal number: ${JSON.stringify(text)}`);
  }
  const m = DECIMAL_RE.exec(text);
  if (!m) throw new DecimalError(`not a decimal number: ${JSON.stringify(text)}`);
  const frac = m[2] ?? "";
  const exponent = m[3] === undefined ? 0 : Number(m[3]);
  if (Math.abs(exponent) > MAX_EXPONENT) throw new DecimalError(`exponent out of range: ${JSON.stringify(text)}`);
  const digits = BigInt(m[1] + frac);
  const shift = DECIMALS + exponent - frac.length;
  return shift >= 0 ? digits * 10n ** BigInt(shift) : digits / 10n ** BigInt(-shift);
}

/** Converts a JSON price (a decimal string, or a finite non-negative number) into fixed point. */
export function decimalFromJson(value: unknown): bigint {
  if (typeof value === "string") return parseDecimal(value.trim());
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return parseDecimal(String(value));
  throw new DecimalError(`not a price: ${JSON.stringify(value)}`);
}

/** Renders a non-negative fixed-point value as a plain decimal string: no exponent, no trailing zeros, ≤ 18 fractional digits. */
export function formatDecimal(value: bigint): string {
  if (value < 0n) throw new DecimalError(`negative value ${value}`);
  const int = value / SCALE;
  const frac = (value % SCALE).toString().padStart(DECIMALS, "0").replace(/0+$/, "");
  return frac === "" ? int.toString() : `${int}.${frac}`;
}

/** Multiplies two fixed-point values, truncating the result to 18 fractional digits. */
export function mulDecimal(a: bigint, b: bigint): bigint {
  return (a * b) / SCALE;
}

/** Truncates a fixed-point value to `digits` fractional digits (0..18). */
export function truncateDecimal(value: bigint, digits: number): bigint {
  if (!Number.isInteger(digits) || digits < 0 || digits > DECIMALS) throw new DecimalError(`bad digit count ${digits}`);
  const unit = 10n ** BigInt(DECIMALS - digits);
  return value - (value % unit);
}

/** Converts a fixed-point value to a JavaScript number (lossy; for metrics and logs only, never for served prices). */
export function decimalToNumber(value: bigint): number {
  return Number(formatDecimal(value < 0n ? -value : value)) * (value < 0n ? -1 : 1);
}
