// Settlement protections on a real node (the shared e2e node): the oracle fill-price band, venue-bound orders,
// order cancellation (SDK and CLI), the order lifetime bound, and a funding premium that wash and dust trades cannot
// move. Accounts used only here: ivan, judy (traders), oscar (a venue), peggy (a foreign account, also a trader),
// wash (one owner trading between two of its subaccounts).
import {
  buildOrder, ClearchainTxError, ClearingErrorCodes, CLEARING_CODESPACE, composeFill, type OrderSigner, orderHash, orderSignerFromMnemonic,
  type SigningClearchainClient, type SubmitTradesResult,
} from "@clearchain/client";
import type { Fill, Order } from "../client/src/generated/clearchain/clearing/v1/order";
import { status, waitForHeight } from "./support/chain";
import { key, loadNet, signingClient } from "./support/net";
import { BINARY } from "./support/paths";
import { run, waitFor } from "./support/process";

const net = loadNet();
const node = net.nodes[0];
const tmNode = node.rpc.replace("http://", "tcp://");
const BTC = 1;
const SOL = 3;
const TICK_BTC = 1_000_000n; // $1

/** restAt GETs a REST path, at a given height when one is passed (x-cosmos-block-height). */
async function restAt<T>(p: string, height?: number): Promise<T> {
  // A height the node has not committed yet ("height in the future") is retried for a few blocks (bounded).
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${node.api}${p}`, { headers: height ? { "x-cosmos-block-height": String(height) } : {} });
    if (res.ok) return (await res.json()) as T;
    const body = await res.text();
    if (attempt < 20 && body.includes("height in the future")) {
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    throw new Error(`GET ${p} at ${height ?? "latest"}: ${res.status} ${body}`);
  }
}

interface MarketStateJson {
  premium_sum_ppm: string;
  premium_samples: string;
  last_funding_height: string;
  last_funding_rate_ppm: string;
  open_interest: string;
}

/** marketState reads a market's state over REST, at a height when one is passed. */
async function marketState(id: number, height?: number): Promise<MarketStateJson> {
  return (await restAt<{ market: { state: MarketStateJson } }>(`/clearchain/clearing/v1/markets/${id}`, height)).market.state;
}

/** oracleAt reads a pair's price quantums as the chain held it after block height (what that block's fills saw). */
async function oracleAt(base: string, height: number): Promise<bigint> {
  const body = await restAt<{ price: { price_quantums: string; height: string } }>(`/clearchain/oracle/v1/prices/${base}/USD`, height);
  return BigInt(body.price.price_quantums);
}

/** attrs decodes a typed event's attributes (JSON values) for every event of that type. */
function eventsOf(events: readonly { type: string; attributes: readonly { key: string; value: string }[] }[], type: string): Record<string, unknown>[] {
  return events.filter((e) => e.type === type).map((e) => {
    const out: Record<string, unknown> = {};
    for (const a of e.attributes) {
      try {
        out[a.key] = JSON.parse(a.value);
      } catch {
        out[a.key] = a.value;
      }
    }
    return out;
  });
}

/** roundTo rounds a price down to a multiple of tick. */
const roundTo = (p: bigint, tick: bigint) => (p / tick) * tick;
/** ppmOf scales a price by (10^6 + ppm) / 10^6, rounded down to tick. */
const scaled = (p: bigint, ppm: bigint, tick: bigint) => roundTo((p * (1_000_000n + ppm)) / 1_000_000n, tick);
/** premiumPpm is the chain's (price − oracle) × 10^6 / oracle, truncated toward zero (BigInt division truncates too). */
const premiumPpm = (price: bigint, oracle: bigint) => ((price - oracle) * 1_000_000n) / oracle;

describe("clearing protections on a real node", () => {
  const ivan = key(net, "ivan");
  const judy = key(net, "judy");
  const oscar = key(net, "oscar");
  const peggy = key(net, "peggy");
  const wash = key(net, "wash");
  let signers: Record<string, OrderSigner>;
  let clients: Record<string, SigningClearchainClient>;
  let nonce = BigInt(Date.now()) * 1000n;

  /** order builds an order of name's on market (subaccount 0 unless given), good for 1,000 blocks unless gtb is given. */
  async function order(name: string, side: "buy" | "sell", size: bigint, limitPrice: bigint, o: { market?: number; sub?: number; venue?: string; gtb?: bigint } = {}): Promise<Order> {
    const height = BigInt((await status(node.rpc)).height);
    nonce += 1n;
    return buildOrder({
      owner: key(net, name).address, subaccountNumber: o.sub ?? 0, marketId: o.market ?? BTC, side, size, limitPrice, nonce,
      goodTilBlock: o.gtb ?? height + 1_000n, chainId: net.chain_id, venue: o.venue,
    });
  }

  /** fill signs maker and taker orders (by their owners) and pairs them. */
  async function fill(makerName: string, maker: Order, takerName: string, taker: Order, size: bigint, price: bigint): Promise<Fill> {
    return composeFill(await signers[makerName].sign(maker), await signers[takerName].sign(taker), size, price);
  }

  /** submit sends fills as submitter (default oscar, the venue); the transaction itself must succeed. */
  async function submit(fills: Fill[], submitter = "oscar"): Promise<SubmitTradesResult> {
    const out = await clients[submitter].submitTrades(key(net, submitter).address, fills);
    expect(out.response.code).toBe(0);
    return out;
  }

  /** settledState is the part of a subaccount that only fills change (no oracle-dependent figures). */
  async function settledState(name: string, sub = 0) {
    const h = await clients[name].getSubaccountHealth(key(net, name).address, sub);
    return { collateral: h.collateral, positions: h.positions.map((p) => [p.marketId, p.size, p.entryPrice]) };
  }

  /** expectRejected submits one fill and asserts its code, the registered description as log, a matching
   * EventFillRejected, and that neither trader's subaccount, the orders' fill records nor open interest moved. */
  async function expectRejected(f: Fill, names: [string, string], code: number, description: string, submitter = "oscar"): Promise<SubmitTradesResult> {
    const before = [await settledState(names[0]), await settledState(names[1])];
    const fillsBefore = [await clients.ivan.getOrderFill(f.makerOrder!), await clients.ivan.getOrderFill(f.takerOrder!)];
    const oiBefore = (await marketState(f.makerOrder!.marketId)).open_interest;
    const out = await submit([f], submitter);
    expect(out.settled).toBe(0);
    expect(out.results[0]).toMatchObject({ success: false, codespace: CLEARING_CODESPACE, code, log: description });
    const [ev] = eventsOf(out.response.events, "clearchain.clearing.v1.EventFillRejected");
    expect(ev).toMatchObject({ codespace: CLEARING_CODESPACE });
    expect(Number(ev.code)).toBe(code);
    expect(String(ev.reason).length).toBeGreaterThan(description.length); // the detailed reason lives in the event
    expect([await settledState(names[0]), await settledState(names[1])]).toEqual(before);
    expect([await clients.ivan.getOrderFill(f.makerOrder!), await clients.ivan.getOrderFill(f.takerOrder!)]).toEqual(fillsBefore);
    expect((await marketState(f.makerOrder!.marketId)).open_interest).toBe(oiBefore);
    return out;
  }

  async function btcOracle(): Promise<bigint> {
    return (await clients.ivan.getPrice("BTC/USD")).priceQuantums;
  }

  beforeAll(async () => {
    signers = {};
    clients = {};
    for (const name of ["ivan", "judy", "oscar", "peggy", "wash"]) {
      signers[name] = await orderSignerFromMnemonic(key(net, name).mnemonic);
      clients[name] = await signingClient(net, name);
    }
    await Promise.all([
      clients.ivan.deposit(ivan.address, 0, 10_000_000_000n),
      clients.judy.deposit(judy.address, 0, 10_000_000_000n),
      clients.peggy.deposit(peggy.address, 0, 10_000_000_000n),
      clients.wash.deposit(wash.address, 0, 20_000_000_000n).then(() => clients.wash.deposit(wash.address, 1, 20_000_000_000n)),
    ]);
  });
  afterAll(() => {
    for (const c of Object.values(clients ?? {})) c.disconnect();
  });

  test("a fill priced far from the oracle is rejected with FillOutsideBand (31) and changes nothing; inside the band it settles", async () => {
    const band = (await clients.ivan.getMarket(BTC)).market.fillPriceBandPpm;
    expect(band).toBe(50_000n); // the default 5%
    const oracle = await btcOracle();
    const size = 1_000_000n; // 0.01 BTC
    for (const price of [roundTo(oracle * 2n, TICK_BTC), roundTo(oracle / 2n, TICK_BTC), scaled(oracle, 80_000n, TICK_BTC)]) {
      const f = await fill("ivan", await order("ivan", "sell", size, price), "judy", await order("judy", "buy", size, price), size, price);
      await expectRejected(f, ["ivan", "judy"], ClearingErrorCodes.FillOutsideBand, "fill price outside the oracle band");
    }
    // 3% over the oracle is inside the band: the same pair of traders settles.
    const inside = scaled(oracle, 30_000n, TICK_BTC);
    const ok = await submit([await fill("ivan", await order("ivan", "sell", size, inside), "judy", await order("judy", "buy", size, inside), size, inside)]);
    expect(ok.settled).toBe(1);
  });

  test("a venue-bound order submitted by a foreign account is rejected with VenueMismatch (32); the venue's submission settles", async () => {
    const price = roundTo(await btcOracle(), TICK_BTC);
    const size = 100_000n;
    const sell = await order("ivan", "sell", size, price, { venue: oscar.address });
    const f = await fill("ivan", sell, "judy", await order("judy", "buy", size, price), size, price);
    await expectRejected(f, ["ivan", "judy"], ClearingErrorCodes.VenueMismatch, "submitter is not the order's venue", "peggy");
    const ok = await submit([f], "oscar");
    expect(ok.settled).toBe(1);
    expect((await clients.oscar.getOrderFill(orderHash(sell))).filled).toBe(size);
    // The venue is signed: rebinding the signed order to another venue breaks its signature.
    const rebound = { ...f, makerOrder: { ...sell, venue: peggy.address } };
    const forged = await submit([rebound], "peggy");
    expect(forged.results[0].code).toBe(ClearingErrorCodes.InvalidSignature);
  });

  test("a cancelled order is rejected with OrderCancelled (33): via the SDK and via the CLI; someone else's cancellation has no effect", async () => {
    const price = roundTo(await btcOracle(), TICK_BTC);
    const size = 100_000n;
    const sell = await order("ivan", "sell", 2n * size, price);
    const hash = orderHash(sell);

    // judy cancels ivan's order hash: recorded under judy's key, so it never touches ivan's order.
    expect((await clients.judy.cancelOrders(judy.address, 0, [hash])).cancelled).toBe(1);
    const first = await submit([await fill("ivan", sell, "judy", await order("judy", "buy", size, price), size, price)]);
    expect(first.settled).toBe(1);

    // ivan's own cancellation (SDK) stops the rest of the order.
    const cancel = await clients.ivan.cancelOrders(ivan.address, 0, [hash, hash.toUpperCase()]);
    expect(cancel.cancelled).toBe(1); // the same hash twice counts once
    const [ev] = eventsOf(cancel.response.events, "clearchain.clearing.v1.EventOrdersCancelled");
    expect(ev).toMatchObject({ owner: ivan.address, order_hashes: [hash] });
    expect(Number(ev.good_til_block)).toBe(Number(sell.goodTilBlock)); // the chain saw it fill: its own good_til_block
    await expectRejected(await fill("ivan", sell, "judy", await order("judy", "buy", size, price), size, price), ["ivan", "judy"],
      ClearingErrorCodes.OrderCancelled, "order cancelled");
    expect((await clients.ivan.getOrderFill(hash)).filled).toBe(size);
    // A taker order can be cancelled too (judy's, by judy).
    const buy = await order("judy", "buy", size, price);
    await clients.judy.cancelOrders(judy.address, 0, [orderHash(buy)]);
    await expectRejected(await fill("ivan", await order("ivan", "sell", size, price), "judy", buy, size, price), ["ivan", "judy"],
      ClearingErrorCodes.OrderCancelled, "order cancelled");

    // CLI: tx clearing cancel-orders [subaccount-number] [order-hash-hex]... --good-til-block N, signed by ivan's key.
    const cliSell = await order("ivan", "sell", size, price);
    const cliHash = orderHash(cliSell);
    const out = JSON.parse(run(BINARY, ["tx", "clearing", "cancel-orders", "0", cliHash, "--good-til-block", String(cliSell.goodTilBlock),
      "--from", "ivan", "--keyring-backend", "test", "--home", node.home, "--chain-id", net.chain_id, "--fees", "5000uclear", "--yes",
      "--output", "json", "--node", tmNode]));
    expect(out.code).toBe(0);
    const included = await waitFor(`tx ${out.txhash}`, async () => {
      const body = (await (await fetch(`${node.rpc}/tx?hash=0x${out.txhash}`)).json()) as { result?: { tx_result: { code: number } } };
      return body.result;
    }, 30_000, 300);
    expect(included.tx_result.code).toBe(0);
    await expectRejected(await fill("ivan", cliSell, "judy", await order("judy", "buy", size, price), size, price), ["ivan", "judy"],
      ClearingErrorCodes.OrderCancelled, "order cancelled");
    // Cancelling it again (SDK) adds nothing.
    expect((await clients.ivan.cancelOrders(ivan.address, 0, [cliHash], cliSell.goodTilBlock)).cancelled).toBe(0);
  });

  test("an invalid cancellation fails the transaction with InvalidCancel (37)", async () => {
    const lifetime = (await clients.ivan.getParams()).maxOrderLifetimeBlocks;
    const height = BigInt((await status(node.rpc)).height);
    const hash = "ab".repeat(32);
    for (const gtb of [height + 3n * lifetime, -1n]) {
      const err = await clients.ivan.cancelOrders(ivan.address, 0, [hash], gtb).then(() => undefined, (e) => e);
      expect(err).toBeInstanceOf(ClearchainTxError);
      expect([(err as ClearchainTxError).codespace, (err as ClearchainTxError).code]).toEqual([CLEARING_CODESPACE, ClearingErrorCodes.InvalidCancel]);
    }
    const empty = await clients.ivan.cancelOrders(ivan.address, 0, []).then(() => undefined, (e) => e);
    expect((empty as ClearchainTxError).code).toBe(ClearingErrorCodes.InvalidCancel);
  });

  test("an order whose good_til_block lies beyond max_order_lifetime_blocks is rejected with OrderLifetime (34)", async () => {
    const lifetime = (await clients.ivan.getParams()).maxOrderLifetimeBlocks;
    expect(lifetime).toBe(100_000n);
    const price = roundTo(await btcOracle(), TICK_BTC);
    const size = 100_000n;
    const height = BigInt((await status(node.rpc)).height);
    const far = await order("ivan", "sell", size, price, { gtb: height + lifetime + 1_000n });
    await expectRejected(await fill("ivan", far, "judy", await order("judy", "buy", size, price), size, price), ["ivan", "judy"],
      ClearingErrorCodes.OrderLifetime, "order good_til_block beyond the maximum lifetime");
    // On the taker side too.
    const farBuy = await order("judy", "buy", size, price, { gtb: height + 2n * lifetime });
    await expectRejected(await fill("ivan", await order("ivan", "sell", size, price), "judy", farBuy, size, price), ["ivan", "judy"],
      ClearingErrorCodes.OrderLifetime, "order good_til_block beyond the maximum lifetime");
    // Within the lifetime (1,000 blocks of slack for the blocks until inclusion) the same trade settles.
    const near = await order("ivan", "sell", size, price, { gtb: height + lifetime - 1_000n });
    expect((await submit([await fill("ivan", near, "judy", await order("judy", "buy", size, price), size, price)])).settled).toBe(1);
  });

  test("wash trades (two subaccounts of one owner) and dust trades between two owners never move the funding premium; a real trade does", async () => {
    // SOL-USD: nobody else trades it, and its premium accumulator is read at the exact heights around each trade.
    const sol = await clients.ivan.getMarket(SOL);
    const { tickSize: tick, stepSize: step, sizeDecimals } = sol.market;
    const { minPremiumNotional } = await clients.ivan.getParams();
    expect(minPremiumNotional).toBe(1_000_000_000n); // 1,000 USDC
    const priceDecimals = 6n;
    const scale = 10n ** (BigInt(sizeDecimals) + priceDecimals);
    /** sizeFor is the size (on step) whose notional at price is about usdc (base units). */
    const sizeFor = (usdc: bigint, price: bigint) => ((usdc * scale) / (price * 1_000_000n) / step) * step;
    const notionalOf = (size: bigint, price: bigint) => (size * price * 1_000_000n) / scale;

    const oracle = (await clients.ivan.getPrice("SOL/USD")).priceQuantums;
    const high = scaled(oracle, 40_000n, tick); // 4% over the oracle: a +40,000 ppm premium if it counted
    const washSize = sizeFor(5_000_000_000n, high); // ≈ 5,000 USDC
    const dustSize = sizeFor(minPremiumNotional / 10n, high); // ≈ 100 USDC
    expect(notionalOf(washSize, high)).toBeGreaterThanOrEqual(minPremiumNotional);
    expect(notionalOf(dustSize, high)).toBeLessThan(minPremiumNotional);
    expect(dustSize).toBeGreaterThan(0n);
    const washFill = await fill("wash", await order("wash", "sell", washSize, high, { market: SOL, sub: 0 }),
      "wash", await order("wash", "buy", washSize, high, { market: SOL, sub: 1 }), washSize, high);
    const dustFill = await fill("peggy", await order("peggy", "sell", dustSize, high, { market: SOL }),
      "judy", await order("judy", "buy", dustSize, high, { market: SOL }), dustSize, high);
    const noisy = await submit([washFill, dustFill]);
    expect(noisy.results.map((r) => [r.success, r.code])).toEqual([[true, 0], [true, 0]]);
    const h = noisy.response.height;
    const [before, after] = [await marketState(SOL, h - 1), await marketState(SOL, h)];
    expect(after.last_funding_height).toBe(before.last_funding_height); // no funding payment in between (interval 3,600)
    expect(BigInt(after.premium_samples)).toBe(BigInt(before.premium_samples) + 1n); // the block was sampled…
    expect(after.premium_sum_ppm).toBe(before.premium_sum_ppm); // …with a premium of 0
    expect(BigInt(after.open_interest)).toBeGreaterThan(BigInt(before.open_interest)); // the trades did settle
    // (last_funding_rate_ppm only changes at an interval end, every 3,600 blocks: it is mean(premium samples) + interest,
    // so the per-block sample in premium_sum_ppm is what a wash trade would have to move.)

    // Control: a trade ≥ min_premium_notional between two owners, 2% over the oracle, adds exactly its premium.
    const oracle2 = (await clients.ivan.getPrice("SOL/USD")).priceQuantums;
    const p = scaled(oracle2, 20_000n, tick);
    const s = sizeFor(2n * minPremiumNotional, p);
    const real = await submit([await fill("judy", await order("judy", "sell", s, p, { market: SOL }), "peggy", await order("peggy", "buy", s, p, { market: SOL }), s, p)]);
    expect(real.settled).toBe(1);
    const h2 = real.response.height;
    const [b2, a2] = [await marketState(SOL, h2 - 1), await marketState(SOL, h2)];
    expect(a2.last_funding_height).toBe(b2.last_funding_height);
    const expected = premiumPpm(p, await oracleAt("SOL", h2));
    expect(expected).toBeGreaterThan(10_000n); // well away from 0, inside the 5% band
    expect(expected).toBeLessThan(50_000n);
    expect(BigInt(a2.premium_sum_ppm) - BigInt(b2.premium_sum_ppm)).toBe(expected);
    // Only that block: the next one samples 0 again.
    await waitForHeight(node.rpc, h2 + 1);
    const a3 = await marketState(SOL, h2 + 1);
    if (a3.last_funding_height === a2.last_funding_height) expect(a3.premium_sum_ppm).toBe(a2.premium_sum_ppm);
  });
});
