import type { Coin } from "@cosmjs/proto-signing";

import type { IntegerInput } from "./integer.js";

/** An amount accepted by deposit/withdraw: a bare integer (collateral denom), a coin string like "100uusdc", or a Coin. */
export type AmountInput = IntegerInput | Coin;

const INTEGER_RE = /^-?\d+$/;
// Cosmos SDK denom pattern: a letter followed by 2..127 of [a-zA-Z0-9/:._-].
const COIN_RE = /^(-?\d+)\s*([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$/;

/** True when `amount` carries no denom and so needs the collateral denom. */
export function isBareAmount(amount: AmountInput): boolean {
  if (typeof amount === "bigint" || typeof amount === "number") return true;
  if (typeof amount === "string") return INTEGER_RE.test(amount.trim());
  return false;
}

/** Parses an `AmountInput` into a Coin; zero/negative amounts are kept (the chain rejects them), garbage throws TypeError. */
export function parseAmount(amount: AmountInput, defaultDenom: string): Coin {
  if (typeof amount === "bigint") {
    return { denom: defaultDenom, amount: amount.toString() };
  }
  if (typeof amount === "number") {
    if (!Number.isSafeInteger(amount)) {
      throw new TypeError(`Invalid amount ${String(amount)}: expected a safe integer (use a bigint or string for large values)`);
    }
    return { denom: defaultDenom, amount: amount.toString() };
  }
  if (typeof amount === "string") {
    const text = amount.trim();
    if (INTEGER_RE.test(text)) return { denom: defaultDenom, amount: normalizeInteger(text) };
    const m = COIN_RE.exec(text);
    if (!m) {
      throw new TypeError(`Invalid amount "${amount}": expected an integer like "100" or a coin like "100${defaultDenom}"`);
    }
    return { denom: m[2], amount: normalizeInteger(m[1]) };
  }
  if (amount !== null && typeof amount === "object" && typeof amount.denom === "string" && typeof amount.amount === "string") {
    const text = amount.amount.trim();
    if (!INTEGER_RE.test(text)) {
      throw new TypeError(`Invalid coin amount "${amount.amount}": expected an integer string`);
    }
    return { denom: amount.denom, amount: normalizeInteger(text) };
  }
  throw new TypeError(`Invalid amount ${describe(amount)}: expected bigint, integer, string or Coin`);
}

/** Formats a Coin as "<amount><denom>", e.g. "100uusdc". */
export function formatCoin(coin: Coin): string {
  return `${coin.amount}${coin.denom}`;
}

// Strips leading zeros ("007" -> "7", "-0" -> "0") without losing precision.
function normalizeInteger(text: string): string {
  return BigInt(text).toString();
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
