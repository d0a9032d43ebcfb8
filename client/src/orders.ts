// Orders: build, canonical sign bytes, hash, and fills pairing two signed orders.
import { sha256 } from "@cosmjs/crypto";
import { fromHex, toHex } from "@cosmjs/encoding";

import { type Fill, Order, Side } from "./generated/clearchain/clearing/v1/order.js";
import { assertClearchainAddress } from "./validation.js";

/** ORDER_SIGN_DOMAIN separates order signatures from every other signature a key makes. */
export const ORDER_SIGN_DOMAIN = "clearchain/order/v1";

import type { IntegerInput } from "./integer.js";

export type { IntegerInput } from "./integer.js";

/** An order side: "buy" / "sell" (any case, or "SIDE_BUY"/"SIDE_SELL") or the proto enum. */
export type SideInput = "buy" | "sell" | Side | string;

/** Input of buildOrder; size in base quantums, limitPrice in price quantums. */
export interface BuildOrderInput {
  readonly owner: string;
  /** Subaccount 0..127 (default 0). */
  readonly subaccountNumber?: number;
  readonly marketId: number;
  readonly side: SideInput;
  readonly size: IntegerInput;
  readonly limitPrice: IntegerInput;
  readonly reduceOnly?: boolean;
  /** Distinguishes otherwise identical orders; default randomOrderNonce() (uniform in [0, 2^53)). */
  readonly nonce?: IntegerInput;
  /** Last height at which the order may fill. */
  readonly goodTilBlock: IntegerInput;
  readonly chainId: string;
  /**
   * The only address (bech32, prefix "clear") that may submit fills of the order; absent or "" lets any account
   * submit them. Part of the signed bytes: it cannot be added or changed after signing.
   */
  readonly venue?: string;
}

const U32 = (1n << 32n) - 1n;
const U64 = (1n << 64n) - 1n;
const I64 = (1n << 63n) - 1n;

/** toInteger converts an IntegerInput to a bigint within [min, max] or throws (TypeError/RangeError). */
export function toInteger(value: IntegerInput, what: string, min = 0n, max = U64): bigint {
  let v: bigint;
  if (typeof value === "bigint") v = value;
  else if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}; pass a bigint or string`);
    v = BigInt(value);
  } else if (typeof value === "string" && /^-?\d+$/.test(value.trim())) v = BigInt(value.trim());
  else throw new TypeError(`${what} must be an integer, got ${JSON.stringify(value)}`);
  if (v < min || v > max) throw new RangeError(`${what} ${v} is outside [${min}, ${max}]`);
  return v;
}

/** toSide maps "buy"/"sell" (any case, or SIDE_BUY/SIDE_SELL) or the enum to the proto Side. */
export function toSide(side: SideInput): Side {
  if (side === Side.SIDE_BUY || side === Side.SIDE_SELL) return side;
  const s = typeof side === "string" ? side.toLowerCase() : "";
  if (s === "buy" || s === "side_buy") return Side.SIDE_BUY;
  if (s === "sell" || s === "side_sell") return Side.SIDE_SELL;
  throw new TypeError(`side must be "buy" or "sell", got ${JSON.stringify(side)}`);
}

/** randomOrderNonce returns a uniformly random integer in [0, 2^53) from the platform CSPRNG (Math.random fallback). */
export function randomOrderNonce(): bigint {
  const words = new Uint32Array(2);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(words);
  else for (let i = 0; i < 2; i++) words[i] = Math.floor(Math.random() * 2 ** 32);
  return (BigInt(words[0] & 0x1fffff) << 32n) | BigInt(words[1]);
}

/**
 * buildOrder validates the integer ranges (and the venue, when given, as a "clear" bech32 address) and returns the
 * generated Order to sign (nonce default: randomOrderNonce()). Without a venue the order encodes exactly as before
 * the venue field existed (proto3 omits the empty string).
 */
export function buildOrder(input: BuildOrderInput): Order {
  const venue = input.venue ?? "";
  if (venue !== "") assertClearchainAddress(venue);
  return Order.fromPartial({
    owner: input.owner,
    subaccountNumber: Number(toInteger(input.subaccountNumber ?? 0, "subaccountNumber", 0n, U32)),
    marketId: Number(toInteger(input.marketId, "marketId", 0n, U32)),
    side: toSide(input.side),
    size: toInteger(input.size, "size"),
    limitPrice: toInteger(input.limitPrice, "limitPrice"),
    reduceOnly: input.reduceOnly ?? false,
    nonce: input.nonce === undefined ? randomOrderNonce() : toInteger(input.nonce, "nonce"),
    goodTilBlock: toInteger(input.goodTilBlock, "goodTilBlock", -I64 - 1n, I64),
    chainId: input.chainId,
    venue,
  });
}

/** parseOrderHash turns a 64-character hex order hash (as orderHash() returns it, any case) or its 32 bytes into the 32 bytes. */
export function parseOrderHash(hash: string | Uint8Array): Uint8Array {
  if (hash instanceof Uint8Array) {
    if (hash.length !== 32) throw new TypeError(`order hash must be 32 bytes, got ${hash.length}`);
    return hash;
  }
  if (typeof hash !== "string" || !/^[0-9a-fA-F]{64}$/.test(hash)) {
    throw new TypeError(`order hash must be 64 hex characters (see orderHash()), got ${JSON.stringify(hash)}`);
  }
  return fromHex(hash);
}

/** orderSignBytes = utf8("clearchain/order/v1") || 0x00 || canonical protobuf(order): Go's types.OrderSignBytes. */
export function orderSignBytes(order: Order): Uint8Array {
  const domain = new TextEncoder().encode(ORDER_SIGN_DOMAIN);
  const body = Order.encode(Order.fromPartial(order)).finish();
  const out = new Uint8Array(domain.length + 1 + body.length);
  out.set(domain, 0);
  out.set(body, domain.length + 1);
  return out;
}

/** orderHash = lowercase hex sha256(orderSignBytes(order)): the order's identity for getOrderFill. */
export function orderHash(order: Order): string {
  return toHex(sha256(orderSignBytes(order)));
}

/** An order with its owner's 64-byte r||s signature and 33-byte compressed public key. */
export interface SignedOrder {
  readonly order: Order;
  readonly signature: Uint8Array;
  readonly pubKey: Uint8Array;
}

/** Input of composeFill in object form (field names as in the generated Fill). */
export interface ComposeFillInput {
  readonly makerOrder: Order;
  readonly makerSignature: Uint8Array;
  readonly makerPubKey: Uint8Array;
  readonly takerOrder: Order;
  readonly takerSignature: Uint8Array;
  readonly takerPubKey: Uint8Array;
  /** Filled size in base quantums. */
  readonly size: IntegerInput;
  /** Fill price in price quantums. */
  readonly price: IntegerInput;
}

/** composeFill builds a Fill: composeFill({makerOrder, makerSignature, makerPubKey, takerOrder, …, size, price}) or composeFill(makerSigned, takerSigned, size, price). */
export function composeFill(input: ComposeFillInput): Fill;
export function composeFill(maker: SignedOrder, taker: SignedOrder, size: IntegerInput, price: IntegerInput): Fill;
export function composeFill(a: ComposeFillInput | SignedOrder, taker?: SignedOrder, size?: IntegerInput, price?: IntegerInput): Fill {
  const f: ComposeFillInput =
    "makerOrder" in a
      ? a
      : {
          makerOrder: a.order, makerSignature: a.signature, makerPubKey: a.pubKey,
          takerOrder: must(taker, "taker").order, takerSignature: must(taker, "taker").signature, takerPubKey: must(taker, "taker").pubKey,
          size: must(size, "size"), price: must(price, "price"),
        };
  return {
    makerOrder: f.makerOrder, makerPubKey: f.makerPubKey, makerSignature: f.makerSignature,
    takerOrder: f.takerOrder, takerPubKey: f.takerPubKey, takerSignature: f.takerSignature,
    size: toInteger(f.size, "fill size"), price: toInteger(f.price, "fill price"),
  };
}

/** must throws a TypeError for a missing positional argument. */
function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new TypeError(`composeFill: missing ${what}`);
  return v;
}
