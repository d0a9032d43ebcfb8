// Clearing end-to-end: two traders sign orders, a third account submits the matched trade, the chain settles it.
import { ClearchainTxError, SigningClearchainClient } from "@clearchain/client";
import { Order, Side, Fill } from "../client/src/generated/clearchain/clearing/v1/order";
import { MsgSubmitTrades, MsgSubmitTradesResponse } from "../client/src/generated/clearchain/clearing/v1/tx";
import { loadNet, key, signingClient } from "./support/net";
import { orderKeyFromMnemonic, OrderKey } from "./support/orders";
import { status } from "./support/chain";

const net = loadNet();
const node = net.nodes[0];
const TICK = 1_000_000n; // BTC-USD: $1
const MARKET = 1;

interface Health {
  collateral: string;
  equity: string;
  initial_margin: string;
  free_collateral: string;
  positions: { market_id: number; size: string; entry_price: string }[];
}

async function health(addr: string, n = 0): Promise<Health> {
  const res = await fetch(`${node.api}/clearchain/clearing/v1/subaccounts/${addr}/${n}/health`);
  if (!res.ok) throw new Error(`health ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { health: Health }).health;
}

async function oraclePrice(): Promise<bigint> {
  const body = (await (await fetch(`${node.api}/clearchain/oracle/v1/prices/BTC/USD`)).json()) as { price: { price_quantums: string } };
  return BigInt(body.price.price_quantums);
}

let nonce = BigInt(Date.now());
function order(owner: string, side: Side, size: bigint, limit: bigint, gtb: bigint): Order {
  nonce += 1n;
  return { owner, subaccountNumber: 0, marketId: MARKET, side, size, limitPrice: limit, reduceOnly: false, nonce, goodTilBlock: gtb, chainId: net.chain_id, venue: "" };
}

async function fill(maker: OrderKey, mo: Order, taker: OrderKey, to: Order, size: bigint, price: bigint): Promise<Fill> {
  return { makerOrder: mo, makerPubKey: maker.pubKey, makerSignature: await maker.sign(mo), takerOrder: to, takerPubKey: taker.pubKey,
    takerSignature: await taker.sign(to), size, price };
}

describe("signed-order settlement from a third-party venue", () => {
  const alice = key(net, "frank");
  const bob = key(net, "grace");
  const venue = key(net, "dave");
  let aliceKey: OrderKey;
  let bobKey: OrderKey;
  let submitter: SigningClearchainClient;
  let gtb: bigint;
  let price: bigint;

  async function submit(fills: Fill[]): Promise<MsgSubmitTradesResponse> {
    const msg = { typeUrl: "/clearchain.clearing.v1.MsgSubmitTrades", value: MsgSubmitTrades.fromPartial({ submitter: venue.address, fills }) };
    const res = await submitter.signAndBroadcastQueued(venue.address, [msg], "auto", "");
    expect(res.code).toBe(0);
    return MsgSubmitTradesResponse.decode(res.msgResponses[0].value);
  }

  beforeAll(async () => {
    aliceKey = await orderKeyFromMnemonic(alice.mnemonic);
    bobKey = await orderKeyFromMnemonic(bob.mnemonic);
    submitter = await signingClient(net, "dave");
    for (const name of ["frank", "grace"]) {
      const c = await signingClient(net, name);
      await c.deposit(key(net, name).address, 0, 10_000_000_000n); // 10,000 USDC
      c.disconnect();
    }
    gtb = BigInt((await status(node.rpc)).height + 1_000);
    price = (await oraclePrice()) / TICK * TICK;
  });
  afterAll(() => submitter.disconnect());

  test("positions are equal and opposite; collateral moves by the fees exactly", async () => {
    const [a0, b0] = [await health(alice.address), await health(bob.address)];
    const size = 1_000_000n; // 0.01 BTC
    const res = await submit([await fill(aliceKey, order(alice.address, Side.SIDE_SELL, size, price, gtb), bobKey, order(bob.address, Side.SIDE_BUY, size, price, gtb), size, price)]);
    expect(res.settled).toBe(1);
    const [a1, b1] = [await health(alice.address), await health(bob.address)];
    expect(a1.positions[0].size).toBe(`-${size}`);
    expect(b1.positions[0].size).toBe(`${size}`);
    expect(a1.positions[0].entry_price).toBe(`${price}`);
    // notional = size × price × 10^6 / 10^(8+6); maker fee 200 ppm, taker fee 500 ppm, both rounded up.
    const notional = (size * price * 1_000_000n) / 10n ** 14n;
    const fee = (n: bigint, ppm: bigint) => (n * ppm + 999_999n) / 1_000_000n;
    expect(BigInt(a1.collateral)).toBe(BigInt(a0.collateral) - fee(notional, 200n));
    expect(BigInt(b1.collateral)).toBe(BigInt(b0.collateral) - fee(notional, 500n));
  });

  test("a fill that would breach initial margin is rejected and changes nothing", async () => {
    const [a0, b0] = [await health(alice.address), await health(bob.address)];
    const size = 400_000_000n; // 4 BTC ≈ 240,000 USDC notional on 10,000 USDC
    const res = await submit([await fill(aliceKey, order(alice.address, Side.SIDE_SELL, size, price, gtb), bobKey, order(bob.address, Side.SIDE_BUY, size, price, gtb), size, price)]);
    expect(res.settled).toBe(0);
    expect(res.results[0].codespace).toBe("clearing");
    expect(res.results[0].code).toBe(23); // ErrInsufficientMargin
    expect(res.results[0].log).toBe("insufficient margin"); // the registered description; details are in EventFillRejected
    // Price-dependent figures move with the oracle every block; the settled state must not move at all.
    const settled = (h: Health) => ({ collateral: h.collateral, positions: h.positions.map((p) => [p.market_id, p.size, p.entry_price]) });
    expect(settled(await health(alice.address))).toEqual(settled(a0));
    expect(settled(await health(bob.address))).toEqual(settled(b0));
  });

  test("a batch where one fill fails settles the others", async () => {
    const b0 = await health(bob.address);
    const size = 100_000n;
    const ok1 = await fill(aliceKey, order(alice.address, Side.SIDE_SELL, size, price, gtb), bobKey, order(bob.address, Side.SIDE_BUY, size, price, gtb), size, price);
    const bad = await fill(aliceKey, order(alice.address, Side.SIDE_SELL, size, price, gtb), bobKey, order(bob.address, Side.SIDE_BUY, size, price - TICK, gtb), size, price);
    const ok2 = await fill(aliceKey, order(alice.address, Side.SIDE_SELL, size, price, gtb), bobKey, order(bob.address, Side.SIDE_BUY, size, price, gtb), size, price);
    const res = await submit([ok1, bad, ok2]);
    expect(res.settled).toBe(2);
    expect(res.results.map((r) => r.success)).toEqual([true, false, true]);
    expect(res.results[1].code).toBe(15); // ErrPriceOutsideLimit
    expect(BigInt((await health(bob.address)).positions[0].size)).toBe(BigInt(b0.positions[0].size) + 2n * size);
  });

  test("a forged signature fails the fill; bad signature bytes fail the whole transaction", async () => {
    const size = 100_000n;
    const forged = await fill(aliceKey, order(alice.address, Side.SIDE_SELL, size, price, gtb), bobKey, order(bob.address, Side.SIDE_BUY, size, price, gtb), size, price);
    forged.makerSignature = await bobKey.sign(forged.makerOrder!);
    const res = await submit([forged]);
    expect(res.results[0].code).toBe(12); // ErrInvalidSignature
    const badBytes = { ...forged, makerSignature: new Uint8Array(10) };
    const msg = { typeUrl: "/clearchain.clearing.v1.MsgSubmitTrades", value: MsgSubmitTrades.fromPartial({ submitter: venue.address, fills: [badBytes] }) };
    const err = await submitter.signAndBroadcastQueued(venue.address, [msg], "auto", "").then(() => undefined, (e) => e);
    expect(err).toBeInstanceOf(ClearchainTxError);
    expect((err as ClearchainTxError).code).toBe(12);
  });
});
