// Order sign bytes, hashes and signatures pinned to fixtures produced by the Go chain code
// (types.OrderSignBytes / types.OrderHash / secp256k1.PrivKey.Sign, key = 32 bytes of 0x07, prefix "clear").
// chain/x/clearing/types/order_fixtures_test.go (TestOrderSignFixtures) pins the same five fixtures on the Go side.
import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { fromBech32, fromHex, toBech32, toHex } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";

import { Order, Side } from "../src/generated/clearchain/clearing/v1/order.js";
import {
  buildOrder, composeFill, ORDER_SIGN_DOMAIN, orderHash, orderSignBytes, randomOrderNonce, toSide,
} from "../src/orders.js";
import { orderPubKey, orderSignerFromMnemonic, orderSignerFromPrivkey, signOrder, verifyOrderSignature } from "../src/orderSigner.js";

const PRIVKEY = new Uint8Array(32).fill(7);
const OWNER = "clear150rtrmj2f8vl9tem8qpfw36ylw5jg9j2srhgd9";
const PUBKEY = "02989c0b76cb563971fdc9bef31ec06c3560f3249d6ee9e5d83c57625596e05f6f";
const DOMAIN_HEX = toHex(new TextEncoder().encode("clearchain/order/v1")) + "00";

const FIXTURES = [
  {
    name: "typical buy (defaults omitted: subaccount 0, reduce_only false)",
    order: { owner: OWNER, subaccountNumber: 0, marketId: 1, side: "buy", size: 100_000_000n, limitPrice: 60_000_000_000n, nonce: 42n, goodTilBlock: 1234n, chainId: "clearchain-localnet" },
    bytes: "0a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a32737268676439180120012880c2d72f3080b09dc2df01402a48d2095213636c656172636861696e2d6c6f63616c6e6574",
    hash: "d4a92cc30170be05eba31f762c1ba29e17c86ff4afd807f2b907896639d75e7d",
    sig: "6be2dbc77b4febbbade122712716f704d2364eae0db42fdd486512f8615ee559665a1a72147d348b8cb31f31d4c9494c2395418b79e23677929a7d0963a3f7aa",
  },
  {
    name: "every field set, uint64/int64 maxima, nonce 2^53 − 1",
    order: { owner: OWNER, subaccountNumber: 127, marketId: 3, side: "sell", size: 18446744073709551615n, limitPrice: 1n, reduceOnly: true, nonce: 9007199254740991n, goodTilBlock: 9223372036854775807n, chainId: "x" },
    bytes: "0a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a32737268676439107f1803200228ffffffffffffffffff013001380140ffffffffffffff0f48ffffffffffffffff7f520178",
    hash: "65b54c4886c39a8b1c912640808fcd3cede78b0a62d6ec28d051fa00933fee40",
    sig: "2999870c6e094af35c13e4e3bd1128e313a00c43be89ce5ba948cc6fdc80f2f81750b089b61afd7afb6fb11291254c5b9fe16ff47d42b1c393f5f71ba59e6bd9",
  },
  {
    name: "nonce 0 omitted",
    order: { owner: OWNER, marketId: 2, side: Side.SIDE_SELL, size: 1, limitPrice: "2", nonce: 0, goodTilBlock: 1, chainId: "c" },
    bytes: "0a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a3273726867643918022002280130024801520163",
    hash: "ed209088876cd038f11b984342554eff04e42505d2fcad05b29d1dafa0f077f2",
    sig: "10eaa470757755db7b280bbd1a59f9e1b250829c9001f7469101e892a393be0c19493f36a9118aae225543498fa86df34dcdff0280f0a6d442ccd8bf6e5b585a",
  },
  {
    name: "typical buy bound to a venue (field 11 appended to the first fixture's bytes)",
    order: { owner: OWNER, subaccountNumber: 0, marketId: 1, side: "buy", size: 100_000_000n, limitPrice: 60_000_000_000n, nonce: 42n, goodTilBlock: 1234n, chainId: "clearchain-localnet",
      venue: "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5uz3ljq" },
    bytes: "0a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a32737268676439180120012880c2d72f3080b09dc2df01402a48d2095213636c656172636861696e2d6c6f63616c6e65745a2c636c65617231717970717870713971637273737a673270767871367273307a71673379796335757a336c6a71",
    hash: "14d0925f017f78afd5262c86be627198feca702656671235bd09f0b252f69e50",
    sig: "8b41f3c2245980e74384d31a408d11bf4d0b11aef914084cd87919db15a74b090392aa2bc4064b6a46c4f444010e03c261d48273b5093eafdef2af6893c78277",
  },
  {
    name: "reduce-only sell, subaccount 5, nonce 0, venue = the owner",
    order: { owner: OWNER, subaccountNumber: 5, marketId: 2, side: "sell", size: 7n, limitPrice: 9n, reduceOnly: true, nonce: 0n, goodTilBlock: 1n, chainId: "c", venue: OWNER },
    bytes: "0a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a3273726867643910051802200228073009380148015201635a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a32737268676439",
    hash: "de5fe1c3a325b317879acb428f2bc738afbcbde4f2b3d737cb13744236884b83",
    sig: "f35b34fe226e85651210f88e7a7ac927ec3282b9cd3845918b9cc92b29f6eba12778f2454a8a7eb33841ec94063205a999af03c45efb21da1131e8e18119bc24",
  },
] as const;

describe("order sign bytes and hash (Go fixtures)", () => {
  test.each(FIXTURES.map((f) => [f.name, f] as const))("%s", async (_n, f) => {
    const order = buildOrder(f.order as never);
    expect(toHex(orderSignBytes(order))).toBe(DOMAIN_HEX + f.bytes);
    expect(orderHash(order)).toBe(f.hash);
    expect(toHex(sha256(orderSignBytes(order)))).toBe(f.hash);
    // RFC 6979 on both sides: the very same signature bytes as Go's secp256k1.PrivKey.Sign.
    const signed = await signOrder(order, PRIVKEY);
    expect(toHex(signed.signature)).toBe(f.sig);
    expect(toHex(signed.pubKey)).toBe(PUBKEY);
    expect(verifyOrderSignature(order, signed.pubKey, fromHex(f.sig))).toBe(true);
  });

  test("the domain is clearchain/order/v1 followed by one zero byte", () => {
    expect(ORDER_SIGN_DOMAIN).toBe("clearchain/order/v1");
    const bytes = orderSignBytes(Order.fromPartial({}));
    expect(bytes.length).toBe(20);
    expect(bytes[19]).toBe(0);
  });

  test("a partial order object encodes like the full one", () => {
    const full = buildOrder(FIXTURES[0].order as never);
    const partial = { ...full } as Partial<Order>;
    delete partial.reduceOnly;
    delete partial.subaccountNumber;
    expect(orderHash(partial as Order)).toBe(FIXTURES[0].hash);
  });
});

describe("buildOrder", () => {
  const base = { owner: OWNER, marketId: 1, side: "buy", size: 1n, limitPrice: 1n, goodTilBlock: 10n, chainId: "c" } as const;

  test("sides: buy/sell in any case, SIDE_* names and the enum", () => {
    for (const s of ["buy", "BUY", "side_buy", Side.SIDE_BUY]) expect(toSide(s)).toBe(Side.SIDE_BUY);
    for (const s of ["sell", "Sell", "SIDE_SELL", Side.SIDE_SELL]) expect(toSide(s)).toBe(Side.SIDE_SELL);
    expect(() => toSide("hold")).toThrow(TypeError);
    expect(() => toSide(Side.SIDE_UNSPECIFIED)).toThrow(TypeError);
  });

  test("integers from bigint, number or string; defaults subaccount 0 and reduceOnly false", () => {
    const o = buildOrder({ ...base, size: "5", limitPrice: 7, nonce: 3 });
    expect(o).toEqual({ owner: OWNER, subaccountNumber: 0, marketId: 1, side: Side.SIDE_BUY, size: 5n, limitPrice: 7n, reduceOnly: false, nonce: 3n, goodTilBlock: 10n, chainId: "c", venue: "" });
  });

  test("venue: optional clear bech32 address; absent or empty encodes exactly like an order without the field", () => {
    const venue = "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5uz3ljq";
    const plain = buildOrder({ ...base, nonce: 3 });
    expect(plain.venue).toBe("");
    expect(orderHash(buildOrder({ ...base, nonce: 3, venue: "" }))).toBe(orderHash(plain));
    const bound = buildOrder({ ...base, nonce: 3, venue });
    expect(bound.venue).toBe(venue);
    expect(orderHash(bound)).not.toBe(orderHash(plain));
    // The venue is field 11 (tag 0x5a), appended after every other field.
    expect(toHex(orderSignBytes(bound))).toBe(toHex(orderSignBytes(plain)) + "5a2c" + toHex(new TextEncoder().encode(venue)));
    const otherPrefix = toBech32("cosmos", fromBech32(venue, 1023).data); // a valid address, wrong prefix
    for (const bad of [otherPrefix, "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5uz3ljx", "venue", " ", 7 as unknown as string]) {
      expect(() => buildOrder({ ...base, venue: bad })).toThrow(TypeError);
    }
  });

  test("out-of-range or non-integer values throw before anything is signed", () => {
    expect(() => buildOrder({ ...base, size: -1n })).toThrow(RangeError);
    expect(() => buildOrder({ ...base, size: 1n << 64n })).toThrow(RangeError);
    expect(() => buildOrder({ ...base, size: 1.5 })).toThrow(RangeError);
    expect(() => buildOrder({ ...base, limitPrice: "1e3" })).toThrow(TypeError);
    expect(() => buildOrder({ ...base, goodTilBlock: 1n << 63n })).toThrow(RangeError);
    expect(() => buildOrder({ ...base, subaccountNumber: 2 ** 32 })).toThrow(RangeError);
  });

  test("default nonce: random below 2^53, fresh per order", () => {
    const nonces = new Set(Array.from({ length: 200 }, () => buildOrder(base).nonce));
    expect(nonces.size).toBe(200);
    for (const n of nonces) expect(n >= 0n && n < 1n << 53n).toBe(true);
    expect(randomOrderNonce()).toBeLessThan(1n << 53n);
  });
});

describe("signing", () => {
  const order = buildOrder({ owner: OWNER, marketId: 1, side: "buy", size: 1n, limitPrice: 1n, nonce: 1n, goodTilBlock: 10n, chainId: "c" });

  test("signOrder accepts the raw key or { privkey }; signatures are 64-byte r||s with low S", async () => {
    const a = await signOrder(order, PRIVKEY);
    const b = await signOrder(order, { privkey: PRIVKEY });
    expect(a).toEqual(b);
    expect(a.signature.length).toBe(64);
    expect(a.pubKey.length).toBe(33);
    const s = BigInt("0x" + toHex(a.signature.slice(32)));
    expect(s <= 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n).toBe(true);
    expect(Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(a.signature), sha256(orderSignBytes(order)), a.pubKey)).toBe(true);
    await expect(signOrder(order, new Uint8Array(31))).rejects.toThrow(TypeError);
  });

  test("verifyOrderSignature rejects high S, a foreign key, a changed order and bad lengths (like the chain)", async () => {
    const { signature, pubKey } = await signOrder(order, PRIVKEY);
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const highS = new Uint8Array(signature);
    highS.set(fromHex((n - BigInt("0x" + toHex(signature.slice(32)))).toString(16).padStart(64, "0")), 32);
    expect(Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(highS), sha256(orderSignBytes(order)), pubKey)).toBe(true);
    expect(verifyOrderSignature(order, pubKey, highS)).toBe(false);
    const other = orderPubKey(new Uint8Array(32).fill(9));
    expect(verifyOrderSignature(order, other, signature)).toBe(false);
    expect(verifyOrderSignature({ ...order, nonce: 2n }, pubKey, signature)).toBe(false);
    expect(verifyOrderSignature(order, pubKey, signature.slice(0, 63))).toBe(false);
    expect(verifyOrderSignature({ ...order, owner: "nonsense" }, pubKey, signature)).toBe(false);
  });

  test("orderSignerFromMnemonic derives the same key and address as CosmJS wallets", async () => {
    const mnemonic = "surround miss nominee dream gap cross assault thank captain prosper drop duty group candy wealth weather scale put";
    const [wallet, signer] = [await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "clear" }), await orderSignerFromMnemonic(mnemonic)];
    const [account] = await wallet.getAccounts();
    expect(signer.address).toBe(account.address);
    expect(toHex(signer.pubkey)).toBe(toHex(account.pubkey));
    expect(signer.pubKey).toBe(signer.pubkey);
    const signed = await signer.sign(buildOrder({ ...order, owner: signer.address, side: "sell", size: 1n, limitPrice: 1n, goodTilBlock: 10n, chainId: "c" }));
    expect(verifyOrderSignature(signed.order, signed.pubKey, signed.signature)).toBe(true);

    const { stringToPath } = await import("@cosmjs/crypto");
    const second = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "clear", hdPaths: [stringToPath("m/44'/118'/0'/0/1")] });
    const [acc1] = await second.getAccounts();
    expect((await orderSignerFromMnemonic(mnemonic, { hdPath: "m/44'/118'/0'/0/1" })).address).toBe(acc1.address);
    expect((await orderSignerFromMnemonic(mnemonic, { hdPath: stringToPath("m/44'/118'/0'/0/1") })).address).toBe(acc1.address);
    expect((await orderSignerFromMnemonic(mnemonic, { account: 1 })).address).toBe(acc1.address);
    expect((await orderSignerFromMnemonic(mnemonic, { prefix: "cosmos" })).address.startsWith("cosmos1")).toBe(true);
  });

  test("orderSignerFromPrivkey: address of the Go fixture key", async () => {
    const signer = await orderSignerFromPrivkey(PRIVKEY);
    expect(signer.address).toBe(OWNER);
    expect(toHex(signer.pubkey)).toBe(PUBKEY);
  });
});

describe("composeFill", () => {
  test("object form and positional form give the same Fill", async () => {
    const mk = buildOrder({ owner: OWNER, marketId: 1, side: "sell", size: 10n, limitPrice: 5n, nonce: 1n, goodTilBlock: 9n, chainId: "c" });
    const tk = buildOrder({ owner: OWNER, subaccountNumber: 1, marketId: 1, side: "buy", size: 10n, limitPrice: 5n, nonce: 2n, goodTilBlock: 9n, chainId: "c" });
    const [m, t] = [await signOrder(mk, PRIVKEY), await signOrder(tk, PRIVKEY)];
    const positional = composeFill(m, t, 4, "5");
    const object = composeFill({
      makerOrder: mk, makerSignature: m.signature, makerPubKey: m.pubKey, takerOrder: tk, takerSignature: t.signature, takerPubKey: t.pubKey, size: 4n, price: 5n,
    });
    expect(object).toEqual(positional);
    expect(object).toEqual({
      makerOrder: mk, makerPubKey: m.pubKey, makerSignature: m.signature, takerOrder: tk, takerPubKey: t.pubKey, takerSignature: t.signature, size: 4n, price: 5n,
    });
    expect(() => composeFill(m, t, -1, 5)).toThrow(RangeError);
    expect(() => (composeFill as (...a: unknown[]) => unknown)(m)).toThrow(TypeError);
  });
});
