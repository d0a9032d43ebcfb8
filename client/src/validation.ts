import { fromBech32 } from "@cosmjs/encoding";

import { CLEARCHAIN_BECH32_PREFIX, MAX_SUBACCOUNT_NUMBER } from "./constants.js";

export { MAX_SUBACCOUNT_NUMBER } from "./constants.js";

const UINT32_MAX = 0xffff_ffff;
const BECH32_MAX_LENGTH = 1023;

/** True if `n` is a valid subaccount number (integer 0..127). */
export function isValidSubaccountNumber(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= MAX_SUBACCOUNT_NUMBER;
}

/** Throws RangeError unless `n` is a valid subaccount number (0..127). */
export function assertValidSubaccountNumber(n: unknown): asserts n is number {
  if (!isValidSubaccountNumber(n)) {
    throw new RangeError(`Invalid subaccount number ${String(n)}: expected an integer 0..${MAX_SUBACCOUNT_NUMBER}`);
  }
}

/** Throws TypeError unless `n` fits a protobuf uint32 (what the wire format can carry; the chain enforces 0..127). */
export function assertUint32(n: unknown, what = "value"): asserts n is number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > UINT32_MAX) {
    throw new TypeError(`Invalid ${what} ${String(n)}: expected an integer 0..${UINT32_MAX}`);
  }
}

/** True if `address` is a bech32 address with the given prefix (default "clear"). */
export function isClearchainAddress(address: unknown, prefix: string = CLEARCHAIN_BECH32_PREFIX): address is string {
  if (typeof address !== "string") return false;
  try {
    // Explicit length limit: CosmJS' default (Infinity) is rejected by @scure/base >= 2.
    return fromBech32(address, BECH32_MAX_LENGTH).prefix === prefix;
  } catch {
    return false;
  }
}

/** Throws TypeError unless `address` is a bech32 address with the given prefix (default "clear"). */
export function assertClearchainAddress(address: unknown, prefix: string = CLEARCHAIN_BECH32_PREFIX): asserts address is string {
  if (!isClearchainAddress(address, prefix)) {
    throw new TypeError(`Invalid address ${String(address)}: expected a bech32 address with prefix "${prefix}"`);
  }
}
