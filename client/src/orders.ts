import { Bip39, EnglishMnemonic, Secp256k1, Slip10, Slip10Curve, sha256 } from "@cosmjs/crypto";
import { toBech32, toHex } from "@cosmjs/encoding";
import { ripemd160 } from "@cosmjs/crypto";
import { makeCosmoshubPath } from "@cosmjs/proto-signing";

import { CLEARCHAIN_BECH32_PREFIX } from "./constants.js";
import { type Fill, Order, Side } from "./generated/clearchain/clearing/v1/order.js";

/** ORDER_SIGN_DOMAIN separates order signatures from every other signature a key makes. */
export const ORDER_SIGN_DOMAIN = "clearchain/order/v1";

/** Input of buildOrder; sizes and prices are base and price quantums. */
export interface BuildOrderInput {
  owner: string;
  subaccountNumber?: number;
  marketId: number;
  side: "buy" | "sell" | Side;
  size: bigint | number | string;
  limitPrice: bigint | number | string;
  reduceOnly?: boolean;
  /** Distinguishes otherwise identical orders; default: a fresh random 53-bit value. */
  nonce?: bigint | number;
  goodTilBlock: bigint | number;
  chainId: string;
}

/** toSide maps "buy"/"sell" to the proto enum. */
function toSide(side: BuildOrderInput["side"]): Side {
  if (side === "buy" || side === Side.SIDE_BUY) return Side.SIDE_BUY;
  if (side === "sell" || side === Side.SIDE_SELL) return Side.SIDE_SELL;
  throw new TypeError(`side must be "buy" or "sell"`);
}

/** buildOrder returns the Order to sign. */
export function buildOrder(input: BuildOrderInput): Order {
  return Order.fromPartial({
    owner: input.owner, subaccountNumber: input.subaccountNumber ?? 0, marketId: input.marketId, side: toSide(input.side),
    size: BigInt(input.size), limitPrice: BigInt(input.limitPrice), reduceOnly: input.reduceOnly ?? false,
    nonce: input.nonce !== undefined ? BigInt(input.nonce) : BigInt(Math.floor(Math.random() * Number.MAX_SAFE_INTEGER)),
    goodTilBlock: BigInt(input.goodTilBlock), chainId: input.chainId,
  });
}

/** orderSignBytes returns "clearchain/order/v1" || 0x00 || protobuf(order) (canonical proto3 encoding). */
export function orderSignBytes(order: Order): Uint8Array {
  const domain = new TextEncoder().encode(ORDER_SIGN_DOMAIN);
  const body = Order.encode(order).finish();
  const out = new Uint8Array(domain.length + 1 + body.length);
  out.set(domain, 0);
  out.set(body, domain.length + 1);
  return out;
}

/** orderHash returns hex sha256(orderSignBytes(order)): the order's identity for fill tracking. */
export function orderHash(order: Order): string {
  return toHex(sha256(orderSignBytes(order)));
}

/** A signed order with the signer's compressed public key. */
export interface SignedOrder {
  readonly order: Order;
  readonly signature: Uint8Array;
  readonly pubKey: Uint8Array;
}

/** OrderSigner signs orders with one secp256k1 key. */
export interface OrderSigner {
  readonly address: string;
  readonly pubKey: Uint8Array;
  sign(order: Order): Promise<SignedOrder>;
}

/** signOrder signs order with a raw 32-byte secp256k1 private key: 64-byte r||s (low-S) over sha256(sign bytes). */
export async function signOrder(order: Order, privkey: Uint8Array): Promise<SignedOrder> {
  const { pubkey } = await Secp256k1.makeKeypair(privkey);
  const sig = await Secp256k1.createSignature(sha256(orderSignBytes(order)), privkey);
  return { order, signature: new Uint8Array([...sig.r(32), ...sig.s(32)]), pubKey: Secp256k1.compressPubkey(pubkey) };
}

/** orderSignerFromPrivkey wraps a private key as an OrderSigner. */
export async function orderSignerFromPrivkey(privkey: Uint8Array, prefix = CLEARCHAIN_BECH32_PREFIX): Promise<OrderSigner> {
  const { pubkey } = await Secp256k1.makeKeypair(privkey);
  const compressed = Secp256k1.compressPubkey(pubkey);
  return { address: toBech32(prefix, ripemd160(sha256(compressed))), pubKey: compressed, sign: (o: Order) => signOrder(o, privkey) };
}

/** orderSignerFromMnemonic derives m/44'/118'/0'/0/{account} like CosmJS wallets and returns an OrderSigner. */
export async function orderSignerFromMnemonic(mnemonic: string, options: { account?: number; prefix?: string } = {}): Promise<OrderSigner> {
  const seed = await Bip39.mnemonicToSeed(new EnglishMnemonic(mnemonic));
  const { privkey } = Slip10.derivePath(Slip10Curve.Secp256k1, seed, makeCosmoshubPath(options.account ?? 0));
  return orderSignerFromPrivkey(privkey, options.prefix);
}

/** composeFill pairs a signed maker and taker order into a Fill of size at price. */
export function composeFill(maker: SignedOrder, taker: SignedOrder, size: bigint | number | string, price: bigint | number | string): Fill {
  return {
    makerOrder: maker.order, makerPubKey: maker.pubKey, makerSignature: maker.signature,
    takerOrder: taker.order, takerPubKey: taker.pubKey, takerSignature: taker.signature,
    size: BigInt(size), price: BigInt(price),
  };
}
