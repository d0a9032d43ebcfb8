// Order signing for the end-to-end tests, written independently of the SDK (a cross-check of its encoding):
// sign_bytes = "clearchain/order/v1" || 0x00 || protobuf(Order); ECDSA secp256k1 over sha256(sign_bytes), 64-byte r||s.
import { Bip39, EnglishMnemonic, Secp256k1, Slip10, Slip10Curve, sha256 } from "@cosmjs/crypto";
import { makeCosmoshubPath } from "@cosmjs/proto-signing";
import { Order } from "../../client/src/generated/clearchain/clearing/v1/order";

/** OrderKey signs orders for one account. */
export interface OrderKey {
  pubKey: Uint8Array;
  sign(order: Order): Promise<Uint8Array>;
}

/** orderSignBytes returns the domain-separated bytes an owner signs. */
export function orderSignBytes(order: Order): Uint8Array {
  const domain = new TextEncoder().encode("clearchain/order/v1");
  // fromPartial: an order object written before a field existed (e.g. venue) encodes with that field's default.
  const body = Order.encode(Order.fromPartial(order)).finish();
  const out = new Uint8Array(domain.length + 1 + body.length);
  out.set(domain, 0);
  out.set(body, domain.length + 1);
  return out;
}

/** orderKeyFromMnemonic derives m/44'/118'/0'/0/0 and returns an order signer. */
export async function orderKeyFromMnemonic(mnemonic: string): Promise<OrderKey> {
  const seed = await Bip39.mnemonicToSeed(new EnglishMnemonic(mnemonic));
  const { privkey } = Slip10.derivePath(Slip10Curve.Secp256k1, seed, makeCosmoshubPath(0));
  const { pubkey } = await Secp256k1.makeKeypair(privkey);
  return {
    pubKey: Secp256k1.compressPubkey(pubkey),
    async sign(order: Order) {
      const sig = await Secp256k1.createSignature(sha256(orderSignBytes(order)), privkey);
      return new Uint8Array([...sig.r(32), ...sig.s(32)]);
    },
  };
}
