// Integer helpers of the margin engine (mirror of chain/x/clearing/margin/arith.go). bigint only.

import type { IntegerInput } from "../integer.js";

/** The SDK's integer input (`IntegerInput`) under the margin engine's older name; prefer IntegerInput. */
export type IntLike = IntegerInput;

/** Decimals of the collateral denom (USDC: 6). */
export const QUOTE_DECIMALS = 6n;
/** One million: the denominator of every ppm fraction. */
export const PPM = 1_000_000n;
/** PPM² (10^12). */
export const PPM2 = PPM * PPM;
/** Largest uint64 (Go's ^uint64(0)). */
export const MAX_U64 = (1n << 64n) - 1n;
/** Largest magnitude of a cosmossdk.io/math.Int (2^255 − 1); the Go engine saturates there. */
export const INT_LIMIT = (1n << 255n) - 1n;

const POW10: bigint[] = Array.from({ length: 96 }, (_, i) => 10n ** BigInt(i));

/** big coerces an IntLike to bigint (null/undefined → 0, like a nil math.Int). */
export function big(x: IntLike | null | undefined): bigint {
  if (typeof x === "bigint") return x;
  if (x === undefined || x === null || x === "") return 0n;
  if (typeof x === "number" && !Number.isSafeInteger(x)) throw new RangeError(`${x} is not a safe integer; pass a bigint or string`);
  return BigInt(x);
}

/** pow10 returns 10^n. */
export function pow10(n: number | bigint): bigint {
  const i = Number(n);
  return i < POW10.length ? POW10[i] : 10n ** BigInt(n);
}

/** abs returns |x|. */
export const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** divFloor returns ⌊a/b⌋ (toward −∞) for b > 0. */
export function divFloor(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b < 0n ? q - 1n : q;
}

/** divCeil returns ⌈a/b⌉ (toward +∞) for b > 0. */
export function divCeil(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b > 0n ? q + 1n : q;
}

/** saturate clamps to ±(2^255 − 1), like the Go engine's conversion to math.Int. */
export const saturate = (x: bigint): bigint => (x > INT_LIMIT ? INT_LIMIT : x < -INT_LIMIT ? -INT_LIMIT : x);

/** satU64 converts to uint64 saturating: ≤ 0 → 0, above 2^64 − 1 → 2^64 − 1. */
export const satU64 = (x: bigint): bigint => (x <= 0n ? 0n : x > MAX_U64 ? MAX_U64 : x);

/** scaleDen is 10^(size_decimals + price_decimals). */
export const scaleDen = (sd: number, pd: number): bigint => pow10(sd + pd);

/** sign returns −1, 0 or 1. */
export const sign = (x: bigint): number => (x > 0n ? 1 : x < 0n ? -1 : 0);
