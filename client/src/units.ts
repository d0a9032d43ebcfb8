// Human units <-> chain quantums for prices and sizes, exact (bigint and decimal strings, never floats).
import type { IntegerInput } from "./integer.js";

/**
 * What unit conversion needs of a market: price quantums = price × 10^priceDecimals (the oracle pair's decimals),
 * base quantums = size × 10^sizeDecimals; prices must be multiples of tickSize and sizes of stepSize (in quantums).
 */
export interface MarketUnits {
  /** The market's ticker, e.g. "BTC-USD" (informational). */
  readonly ticker?: string;
  /** Fractional digits of the market's price (its oracle pair's decimals). */
  readonly priceDecimals: number;
  /** Fractional digits of the market's size (base quantums per unit = 10^sizeDecimals). */
  readonly sizeDecimals: number;
  /** Price increment in price quantums. */
  readonly tickSize: IntegerInput;
  /** Size increment in base quantums. */
  readonly stepSize: IntegerInput;
}

/**
 * How a value that is not exactly representable is rounded: "exact" (default for conversions) throws a RangeError,
 * "down" rounds toward zero, "up" away from zero, "nearest" to the nearest value with halves away from zero.
 */
export type RoundingMode = "exact" | "down" | "up" | "nearest";

/** A human-unit decimal: a decimal string ("59374.5", "-0.25", "1e3" is refused), a bigint (whole units) or a finite number. */
export type DecimalInput = string | bigint | number;

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

function toBig(v: IntegerInput, what: string): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new RangeError(`${what} must be a safe integer, got ${v}`);
    return BigInt(v);
  }
  if (/^-?\d+$/.test(v.trim())) return BigInt(v.trim());
  throw new TypeError(`${what} must be an integer, got ${JSON.stringify(v)}`);
}

function decimalDigits(d: number, what: string): number {
  if (!Number.isInteger(d) || d < 0 || d > 36) throw new RangeError(`${what} must be an integer in [0, 36], got ${d}`);
  return d;
}

/** Divides n by a positive d with the rounding mode (sign-symmetric: "down" is toward zero). */
function divRound(n: bigint, d: bigint, mode: RoundingMode, what: string): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const r = a % d;
  if (r !== 0n) {
    if (mode === "exact") throw new RangeError(`${what} is not exactly representable (pass a rounding mode "down", "up" or "nearest")`);
    if (mode === "up" || (mode === "nearest" && 2n * r >= d)) q += 1n;
  }
  return neg ? -q : q;
}

/**
 * decimalToQuantums converts a human decimal to an integer number of 10^-decimals units, exactly:
 * decimalToQuantums("59374.5", 6) = 59374500000n. Extra fractional digits are rounded by mode (default "exact": throw).
 */
export function decimalToQuantums(value: DecimalInput, decimals: number, mode: RoundingMode = "exact"): bigint {
  decimalDigits(decimals, "decimals");
  if (typeof value === "bigint") return value * 10n ** BigInt(decimals);
  let s: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    s = String(value);
    if (/e/i.test(s)) throw new RangeError(`number ${value} prints in exponent form; pass a decimal string`);
  } else s = value.trim();
  const m = DECIMAL.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new TypeError(`not a decimal number: ${JSON.stringify(value)}`);
  const [, sign, whole, frac = ""] = m;
  const digits = BigInt((whole || "0") + frac);
  const scaled = divRound(digits * 10n ** BigInt(decimals), 10n ** BigInt(frac.length), mode, `${s} at ${decimals} decimals`);
  return sign === "-" ? -scaled : scaled;
}

/** quantumsToDecimal renders an integer of 10^-decimals units as an exact decimal string without trailing zeros ("59374.5"). */
export function quantumsToDecimal(quantums: IntegerInput, decimals: number): string {
  decimalDigits(decimals, "decimals");
  const q = toBig(quantums, "quantums");
  const neg = q < 0n;
  const a = (neg ? -q : q).toString().padStart(decimals + 1, "0");
  const whole = a.slice(0, a.length - decimals);
  const frac = a.slice(a.length - decimals).replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

/** roundToIncrement rounds an integer to a multiple of a positive increment (mode default "down": toward zero). */
export function roundToIncrement(value: IntegerInput, increment: IntegerInput, mode: RoundingMode = "down"): bigint {
  const inc = toBig(increment, "increment");
  if (inc <= 0n) throw new RangeError(`increment must be positive, got ${inc}`);
  return divRound(toBig(value, "value"), inc, mode, `${value} on increment ${inc}`) * inc;
}

/** roundToTick rounds a price in quantums to the market's tick (default "down"; a buyer keeps "down", a seller may prefer "up"). */
export function roundToTick(market: Pick<MarketUnits, "tickSize">, priceQuantums: IntegerInput, mode: RoundingMode = "down"): bigint {
  return roundToIncrement(priceQuantums, market.tickSize, mode);
}

/** roundToStep rounds a size in base quantums to the market's step (default "down", so an order never exceeds the intended size). */
export function roundToStep(market: Pick<MarketUnits, "stepSize">, sizeQuantums: IntegerInput, mode: RoundingMode = "down"): bigint {
  return roundToIncrement(sizeQuantums, market.stepSize, mode);
}

/**
 * priceToQuantums converts a human price to price quantums: priceToQuantums(btc, "59374.5") = 59374500000n at 6
 * decimals. More fractional digits than the market has throw unless a rounding mode is given; the result is NOT
 * rounded to the tick (compose with roundToTick, or pass { tick: mode } to do both).
 */
export function priceToQuantums(
  market: Pick<MarketUnits, "priceDecimals" | "tickSize">, price: DecimalInput, mode: RoundingMode = "exact", options: { readonly tick?: RoundingMode } = {},
): bigint {
  const q = decimalToQuantums(price, market.priceDecimals, mode);
  if (q < 0n) throw new RangeError(`price must not be negative, got ${price}`);
  return options.tick ? roundToTick(market, q, options.tick) : q;
}

/** sizeToQuantums converts a human size ("0.25" BTC) to base quantums; like priceToQuantums, with { step: mode } to round to the step. */
export function sizeToQuantums(
  market: Pick<MarketUnits, "sizeDecimals" | "stepSize">, size: DecimalInput, mode: RoundingMode = "exact", options: { readonly step?: RoundingMode } = {},
): bigint {
  const q = decimalToQuantums(size, market.sizeDecimals, mode);
  if (q < 0n) throw new RangeError(`size must not be negative, got ${size}`);
  return options.step ? roundToStep(market, q, options.step) : q;
}

/** quantumsToPrice renders price quantums as an exact human price string ("59374.5"). */
export function quantumsToPrice(market: Pick<MarketUnits, "priceDecimals">, priceQuantums: IntegerInput): string {
  return quantumsToDecimal(priceQuantums, market.priceDecimals);
}

/** quantumsToSize renders base quantums as an exact human size string ("0.25"). */
export function quantumsToSize(market: Pick<MarketUnits, "sizeDecimals">, sizeQuantums: IntegerInput): string {
  return quantumsToDecimal(sizeQuantums, market.sizeDecimals);
}

/** marketUnitsOf builds MarketUnits from a market definition (sizeDecimals, tickSize, stepSize, ticker) and its oracle pair's decimals. */
export function marketUnitsOf(
  market: { readonly ticker?: string; readonly sizeDecimals: number; readonly tickSize: IntegerInput; readonly stepSize: IntegerInput },
  priceDecimals: number,
): MarketUnits {
  return { ticker: market.ticker, priceDecimals, sizeDecimals: market.sizeDecimals, tickSize: toBig(market.tickSize, "tickSize"), stepSize: toBig(market.stepSize, "stepSize") };
}
