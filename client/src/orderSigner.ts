// Order signing with a raw secp256k1 key: ECDSA over sha256(sign bytes), 64-byte r||s with low S, as the chain verifies.
import { Bip39, EnglishMnemonic, type HdPath, ripemd160, Secp256k1, Secp256k1Signature, sha256, Slip10, Slip10Curve, stringToPath } from "@cosmjs/crypto";
import { fromBech32, toBech32 } from "@cosmjs/encoding";

import { CLEARCHAIN_BECH32_PREFIX, CLEARCHAIN_HD_PATH } from "./constants.js";
import type { Order } from "./generated/clearchain/clearing/v1/order.js";
import { orderSignBytes, type SignedOrder } from "./orders.js";

/** A private key: the raw 32 bytes or an object holding them (e.g. a Secp256k1Keypair). */
export type OrderPrivateKey = Uint8Array | { readonly privkey: Uint8Array };

/** OrderSigner signs orders with one secp256k1 key; its public key is `pubKey` (the SDK's one name for it). */
export interface OrderSigner {
  readonly address: string;
  /** The 33-byte compressed public key. */
  readonly pubKey: Uint8Array;
  /** @deprecated The same bytes as pubKey (CosmJS' AccountData spelling), kept for existing callers; use pubKey. */
  readonly pubkey: Uint8Array;
  sign(order: Order): Promise<SignedOrder>;
}

/** Options of orderSignerFromMnemonic. */
export interface OrderSignerOptions {
  /** Bech32 prefix of the address (default "clear"). */
  readonly prefix?: string;
  /** HD path, as a string or CosmJS HdPath (default m/44'/118'/0'/0/0, like CosmJS wallets). */
  readonly hdPath?: HdPath | string;
  /** Shorthand for m/44'/118'/0'/0/{account} when hdPath is not given. */
  readonly account?: number;
  /** Optional BIP39 passphrase. */
  readonly bip39Password?: string;
}

const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/** privkeyOf extracts the 32 raw bytes of an OrderPrivateKey. */
function privkeyOf(key: OrderPrivateKey): Uint8Array {
  const k = key instanceof Uint8Array ? key : key?.privkey;
  if (!(k instanceof Uint8Array) || k.length !== 32) throw new TypeError("order signing key must be 32 bytes (or { privkey })");
  return k;
}

/** orderPubKey returns the 33-byte compressed public key of a private key. */
export function orderPubKey(key: OrderPrivateKey): Uint8Array {
  return Secp256k1.compressPubkey(Secp256k1.makeKeypair(privkeyOf(key)).pubkey);
}

/** signOrder signs with a raw private key (or { privkey }): 64-byte r||s, low S, over sha256(orderSignBytes(order)). */
export async function signOrder(order: Order, key: OrderPrivateKey): Promise<SignedOrder> {
  const privkey = privkeyOf(key);
  const sig = Secp256k1.createSignature(sha256(orderSignBytes(order)), privkey);
  const signature = new Uint8Array(64);
  signature.set(sig.r(32), 0);
  signature.set(sig.s(32), 32);
  return { order, signature, pubKey: orderPubKey(privkey) };
}

/** verifyOrderSignature mirrors Go's types.VerifyOrderSignature: key hashes to the owner, 64-byte low-S signature verifies. */
export function verifyOrderSignature(order: Order, pubKey: Uint8Array, signature: Uint8Array): boolean {
  if (pubKey.length !== 33 || signature.length !== 64) return false;
  let owner: Uint8Array;
  try {
    owner = fromBech32(order.owner, 1023).data;
  } catch {
    return false;
  }
  const addr = ripemd160(sha256(pubKey));
  if (owner.length !== addr.length || owner.some((b, i) => b !== addr[i])) return false;
  const s = BigInt("0x" + Array.from(signature.subarray(32), (b) => b.toString(16).padStart(2, "0")).join(""));
  if (s === 0n || s > HALF_N) return false;
  try {
    return Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(signature), sha256(orderSignBytes(order)), pubKey);
  } catch {
    return false;
  }
}

/** orderSignerFromPrivkey wraps a private key (or { privkey }) as an OrderSigner with its bech32 address. */
export async function orderSignerFromPrivkey(key: OrderPrivateKey, prefix = CLEARCHAIN_BECH32_PREFIX): Promise<OrderSigner> {
  const privkey = privkeyOf(key);
  const pubkey = orderPubKey(privkey);
  return { address: toBech32(prefix, ripemd160(sha256(pubkey))), pubkey, pubKey: pubkey, sign: (o: Order) => signOrder(o, privkey) };
}

/** orderSignerFromMnemonic derives the key like CosmJS wallets (BIP39 seed, SLIP-10 secp256k1, m/44'/118'/0'/0/0). */
export async function orderSignerFromMnemonic(mnemonic: string, options: OrderSignerOptions = {}): Promise<OrderSigner> {
  const seed = await Bip39.mnemonicToSeed(new EnglishMnemonic(mnemonic), options.bip39Password);
  const path = options.hdPath ?? (options.account !== undefined ? `m/44'/118'/0'/0/${options.account}` : CLEARCHAIN_HD_PATH);
  const { privkey } = Slip10.derivePath(Slip10Curve.Secp256k1, seed, typeof path === "string" ? stringToPath(path) : path);
  return orderSignerFromPrivkey(privkey, options.prefix);
}
