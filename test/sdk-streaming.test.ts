// The SDK's event streams against a real node: subscribePrices delivers every block's oracle update, subscribeFills
// delivers exactly the fills of its filter with the transaction's hash and height; human units and market lookup by
// ticker build the orders; a failed transaction's ClearchainTxError.message is the chain's text without wrappers.
import {
  buildOrder, ClearchainClient, ClearchainTxError, composeFill, type FillStreamEvent, orderSignerFromMnemonic, type PriceStreamEvent,
  priceToQuantums, quantumsToPrice, SigningClearchainClient, sizeToQuantums,
} from "@clearchain/client";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { loadNet, signingClient, key } from "./support/net";

const net = loadNet();
const node = net.nodes[0];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, fn: () => T | undefined | false, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** freshTrader makes a new funded account (so no other test file's state is touched) and returns its mnemonic and client. */
async function freshTrader(faucet: SigningClearchainClient, faucetAddress: string) {
  const wallet = await DirectSecp256k1HdWallet.generate(24, { prefix: "clear" });
  const mnemonic = wallet.mnemonic;
  const [{ address }] = await wallet.getAccounts();
  await faucet.sendTokens(faucetAddress, address, [{ denom: "uclear", amount: "10000000" }, { denom: "uusdc", amount: "20000000000" }], "auto");
  return { mnemonic, address, client: await SigningClearchainClient.connectWithSigner(node.rpc, wallet) };
}

describe("SDK streaming", () => {
  let reader: ClearchainClient;
  beforeAll(async () => {
    reader = await ClearchainClient.connect(node.rpc);
  });
  afterAll(() => reader.disconnect());

  test("subscribePrices delivers every block's oracle price updates with their heights", async () => {
    const got: PriceStreamEvent[] = [];
    const errors: string[] = [];
    const stop = reader.subscribePrices((p) => got.push(p), { pairs: ["BTC/USD", "ETH/USD"], onError: (e) => errors.push(e.message) });
    try {
      await until("prices of 3 blocks", () => new Set(got.map((p) => p.height)).size >= 3);
    } finally {
      stop();
    }
    expect(new Set(got.map((p) => p.pair))).toEqual(new Set(["BTC/USD", "ETH/USD"]));
    const heights = got.map((p) => p.height);
    expect([...heights].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(heights); // block order
    const pairs = await reader.getOraclePairs();
    for (const p of got) {
      expect(p.kind).toBe("price_update");
      expect(p.txHash).toBeUndefined(); // a PreBlock event
      expect(p.reporters).toBeGreaterThanOrEqual(1);
      const decimals = pairs.find((x) => `${x.base}/${x.quote}` === p.pair)!.decimals;
      const q = priceToQuantums({ priceDecimals: decimals, tickSize: 1n }, p.price);
      expect(q).toBeGreaterThan(0n);
      expect(quantumsToPrice({ priceDecimals: decimals }, q)).toBe(p.price); // the event's decimal is exact at the pair's decimals
    }
    // The latest streamed price is what the chain stored for that height (or was superseded by a newer block).
    const last = got.filter((p) => p.pair === "BTC/USD").pop()!;
    const stored = await reader.getPrice("BTC/USD");
    expect(stored.height).toBeGreaterThanOrEqual(last.height);
    expect(errors).toEqual([]);
  });

  test("subscribeFills delivers the filtered fills of a real trade with its hash and height", async () => {
    const faucetKey = key(net, "faucet");
    const faucet = await signingClient(net, "faucet");
    const maker = await freshTrader(faucet, faucetKey.address);
    const taker = await freshTrader(faucet, faucetKey.address);
    const venue = maker.client;
    const mine: FillStreamEvent[] = [];
    const otherMarket: FillStreamEvent[] = [];
    const statuses: string[] = [];
    const stopMine = venue.subscribeFills({ marketId: 2, owner: taker.address }, (f) => mine.push(f), { onStatus: (s) => statuses.push(s) });
    const stopOther = reader.subscribeFills({ marketId: 3, owner: taker.address }, (f) => otherMarket.push(f));
    try {
      await until("subscribed", () => statuses.includes("connected"));
      for (const t of [maker, taker]) await t.client.deposit(t.address, 0, 5_000_000_000n);
      const eth = await venue.getTradingMarket("eth-usd"); // by ticker, any case
      expect(eth.ticker).toBe("ETH-USD");
      const oracle = await venue.getPrice("ETH/USD");
      const price = priceToQuantums(eth, oracle.price, "down", { tick: "down" });
      const size = sizeToQuantums(eth, "0.5", "exact", { step: "down" });
      const goodTilBlock = (await venue.getHeight()) + 100;
      const [ms, ts] = [await orderSignerFromMnemonic(maker.mnemonic), await orderSignerFromMnemonic(taker.mnemonic)];
      const mo = buildOrder({ owner: maker.address, marketId: eth.id, side: "sell", size, limitPrice: price, goodTilBlock, chainId: net.chain_id });
      const to = buildOrder({ owner: taker.address, marketId: eth.id, side: "buy", size, limitPrice: price, goodTilBlock, chainId: net.chain_id });
      const out = await venue.submitTrades(maker.address, [composeFill(await ms.sign(mo), await ts.sign(to), size, price)]);
      expect(out.settled).toBe(1);
      const f = await until("the fill", () => mine[0]);
      expect(f).toMatchObject({
        kind: "fill", marketId: 2, makerOwner: maker.address, takerOwner: taker.address, takerSide: "buy", size, price, index: 0,
        height: BigInt(out.response.height), txHash: out.response.transactionHash,
      });
      expect(f.notional).toBeGreaterThan(0n);
      await sleep(1_500); // a few more blocks: the market-3 stream must stay empty
      expect(otherMarket).toEqual([]);
      expect(mine).toHaveLength(1);

      // A rejected transaction: the message is the chain's text, no transport prefix or Go path; the raw text stays in .log.
      const err = await taker.client.withdraw(taker.address, 0, 10n ** 15n).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ClearchainTxError);
      const e = err as ClearchainTxError;
      expect(e.message).not.toMatch(/Query failed|rpc error|\.go:\d+|message index/);
      expect(e.message.endsWith(e.registeredMessage)).toBe(true);
      expect(e.log.length).toBeGreaterThan(0);
    } finally {
      stopMine();
      stopOther();
      faucet.disconnect();
      maker.client.disconnect();
      taker.client.disconnect();
    }
  });
});
