// Typed decoders of every Clearchain event, and subscribeFills / subscribePrices against a fake CometBFT websocket.
import {
  BLOCK_EVENTS_QUERY, CIRCUIT_EVENT_TYPES, CLEARING_EVENT_TYPES, decodeClearchainEvent, FILL_TX_QUERY, fillTxQuery, type FillStreamEvent,
  ORACLE_EVENT_TYPES, type PriceStreamEvent, subscribeFills, subscribePrices,
} from "../src";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const WS = require("ws") as { Server: new (o: { host: string; port: number }) => WsServer };
interface WsSocket { send(data: string): void; terminate(): void; on(ev: "message", fn: (data: string) => void): void }
interface WsServer {
  on(ev: "connection", fn: (s: WsSocket) => void): void;
  on(ev: "listening", fn: () => void): void;
  address(): { port: number };
  close(cb?: () => void): void;
  clients: Set<WsSocket>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, fn: () => T | undefined | false, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
/** ev renders a typed event as the SDK's TypedEventToEvent does: snake_case keys, JSON values. */
const ev = (type: string, o: Record<string, unknown>) => ({ type, attributes: Object.keys(o).sort().map((key) => ({ key, value: JSON.stringify(o[key]) })) });
const A = "clear1alice000000000000000000000000000000";
const B = "clear1bob0000000000000000000000000000000";
const fill = (marketId: number, maker: string, taker: string, index = 0) => ev(CLEARING_EVENT_TYPES.fill, {
  market_id: marketId, maker_owner: maker, maker_number: 0, taker_owner: taker, taker_number: 1, taker_side: "SIDE_BUY" /* as the chain emits it */, size: "100000000",
  price: "59374500000", notional: "59374500000", maker_fee: "11874900", taker_fee: "-2", maker_order_hash: "AB", taker_order_hash: "cd", index,
});
const price = (pair: string, p: string) => ev(ORACLE_EVENT_TYPES.price_update, { pair, price: p, reporters: 4, reporting_power_ppm: "1000000", halted: false });

describe("typed decoders of every Clearchain event", () => {
  it.each([
    [ev(CLEARING_EVENT_TYPES.deposit, { owner: A, subaccount_number: 2, denom: "uusdc", amount: "5", collateral_after: "7" }),
      { kind: "deposit", owner: A, subaccountNumber: 2, denom: "uusdc", amount: 5n, collateralAfter: 7n }],
    [ev(CLEARING_EVENT_TYPES.withdraw, { owner: A, subaccount_number: 1, recipient: B, denom: "uusdc", amount: "3", collateral_after: "0" }),
      { kind: "withdraw", owner: A, subaccountNumber: 1, recipient: B, denom: "uusdc", amount: 3n, collateralAfter: 0n }],
    [ev(CLEARING_EVENT_TYPES.params_updated, { authority: B }), { kind: "params_updated", authority: B }],
    [fill(1, A, B, 3), {
      kind: "fill", marketId: 1, makerOwner: A, makerNumber: 0, takerOwner: B, takerNumber: 1, takerSide: "buy", size: 100_000_000n,
      price: 59_374_500_000n, notional: 59_374_500_000n, makerFee: 11_874_900n, takerFee: -2n, makerOrderHash: "ab", takerOrderHash: "cd", index: 3,
    }],
    [ev(CLEARING_EVENT_TYPES.fill_rejected, { index: 1, codespace: "clearing", code: 23, reason: "x: insufficient margin" }),
      { kind: "fill_rejected", index: 1, codespace: "clearing", code: 23, reason: "x: insufficient margin" }],
    [ev(CLEARING_EVENT_TYPES.transfer, { owner: A, from_number: 0, to_number: 4, amount: "9" }), { kind: "transfer", owner: A, fromNumber: 0, toNumber: 4, amount: 9n }],
    [ev(CLEARING_EVENT_TYPES.funding, { market_id: 2, rate_ppm: "-12", funding_index: "-340" }), { kind: "funding", marketId: 2, ratePpm: -12n, fundingIndex: -340n }],
    [ev(CLEARING_EVENT_TYPES.orders_cancelled, { owner: A, subaccount_number: 0, order_hashes: ["AA", "bb"], good_til_block: "50" }),
      { kind: "orders_cancelled", owner: A, subaccountNumber: 0, orderHashes: ["aa", "bb"], goodTilBlock: 50n }],
    [ev(CLEARING_EVENT_TYPES.bad_debt, { owner: A, number: 0, amount: "4", insurance_after: "96" }), { kind: "bad_debt", owner: A, number: 0, amount: 4n, insuranceAfter: 96n }],
    [price("BTC/USD", "59374.5"), { kind: "price_update", pair: "BTC/USD", price: "59374.5", reporters: 4, reportingPowerPpm: 1_000_000n, halted: false }],
    [ev(ORACLE_EVENT_TYPES.pair_halted, { pair: "ETH/USD", reason: "band", price: "1", reference_price: "2", move_ppm: "500000", halted_until_height: "90" }),
      { kind: "pair_halted", pair: "ETH/USD", reason: "band", price: "1", referencePrice: "2", movePpm: 500_000n, haltedUntilHeight: 90n }],
    [ev(ORACLE_EVENT_TYPES.pair_resumed, { pair: "ETH/USD" }), { kind: "pair_resumed", pair: "ETH/USD" }],
    [ev(ORACLE_EVENT_TYPES.no_quorum, { pair: "SOL/USD", reporters: 1, reporting_power_ppm: "250000" }),
      { kind: "no_quorum", pair: "SOL/USD", reporters: 1, reportingPowerPpm: 250_000n }],
    [ev(CIRCUIT_EVENT_TYPES.tripped, { msg_type_url: "/x.Msg" }), { kind: "circuit_tripped", msgTypeUrl: "/x.Msg" }],
    [ev(CIRCUIT_EVENT_TYPES.reset, { msg_type_url: "/x.Msg" }), { kind: "circuit_reset", msgTypeUrl: "/x.Msg" }],
  ])("%#: %o", (raw, want) => {
    expect(decodeClearchainEvent(raw)).toEqual(want);
  });

  it("ignores SDK and CometBFT events", () => {
    expect(decodeClearchainEvent({ type: "coin_received", attributes: [{ key: "amount", value: "5uusdc" }] })).toBeUndefined();
  });
});

describe("subscribeFills and subscribePrices", () => {
  let server: WsServer;
  let port: number;
  let subs: Array<{ socket: WsSocket; id: string; query: string }>;

  beforeEach(async () => {
    subs = [];
    server = new WS.Server({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((r) => server.on("listening", () => r()));
    port = server.address().port;
    server.on("connection", (s) => s.on("message", (raw) => {
      const req = JSON.parse(String(raw));
      subs.push({ socket: s, id: req.id, query: req.params.query });
      s.send(JSON.stringify({ jsonrpc: "2.0", id: req.id, result: {} }));
    }));
  });
  afterEach(async () => {
    for (const c of server.clients) c.terminate();
    await new Promise<void>((r) => server.close(() => r()));
  });
  const push = (query: string, data: unknown) => {
    for (const s of subs.filter((x) => x.query === query)) s.socket.send(JSON.stringify({ jsonrpc: "2.0", id: s.id, result: { query, data } }));
  };
  const block = (height: number, events: unknown[]) => push(BLOCK_EVENTS_QUERY, { type: "tendermint/event/NewBlockEvents", value: { height: String(height), events } });
  const tx = (height: number, events: unknown[]) => {
    for (const q of [FILL_TX_QUERY, fillTxQuery({ marketId: 1 })]) {
      push(q, { type: "tendermint/event/Tx", value: { TxResult: { height: String(height), tx: "AQID", result: { events } } } });
    }
  };

  it("delivers the fills matching { marketId, owner } with height and hash, and reconnects after a drop", async () => {
    const all: FillStreamEvent[] = [];
    const mine: FillStreamEvent[] = [];
    const stopAll = subscribeFills(`http://127.0.0.1:${port}`, {}, (f) => all.push(f), { minBackoffMs: 10, maxBackoffMs: 20, maxCatchUpBlocks: 0 });
    const stopMine = subscribeFills(`http://127.0.0.1:${port}`, { marketId: 1, owner: B }, (f) => mine.push(f), { minBackoffMs: 10, maxBackoffMs: 20, maxCatchUpBlocks: 0 });
    try {
      await until("4 subscriptions", () => subs.length === 4);
      expect(subs.filter((s) => s.query === FILL_TX_QUERY)).toHaveLength(1);
      expect(subs.filter((s) => s.query === "tm.event='Tx' AND clearchain.clearing.v1.EventFill.market_id=1")).toHaveLength(1);
      block(5, []);
      tx(5, [{ type: "message", attributes: [] }, fill(1, A, B, 0), fill(2, A, B, 1), fill(1, A, A, 2)]);
      await until("3 fills", () => all.length === 3);
      await until("1 matching fill", () => mine.length === 1);
      expect(mine[0]).toMatchObject({ kind: "fill", marketId: 1, takerOwner: B, height: 5n, index: 0 });
      expect(mine[0].txHash).toMatch(/^[0-9A-F]{64}$/);
      for (const c of server.clients) c.terminate();
      await until("resubscribed", () => subs.length === 8);
      block(6, []);
      tx(6, [fill(1, B, A, 0)]);
      await until("after reconnect", () => mine.length === 2);
      expect(mine[1]).toMatchObject({ makerOwner: B, height: 6n });
    } finally {
      stopAll();
      stopMine();
    }
  });

  it("delivers price updates of block events, optionally of some pairs only", async () => {
    const got: PriceStreamEvent[] = [];
    const stop = subscribePrices(`ws://127.0.0.1:${port}`, (p) => got.push(p), { pairs: ["BTC/USD"], maxCatchUpBlocks: 0 });
    try {
      await until("subscribed", () => subs.length === 1);
      expect(subs[0].query).toBe(BLOCK_EVENTS_QUERY); // prices are block (PreBlock) events: no tx query
      block(7, [price("ETH/USD", "3000"), price("BTC/USD", "59374.5")]);
      block(8, [price("BTC/USD", "59375")]);
      await until("2 prices", () => got.length === 2);
      expect(got.map((p) => [p.height, p.pair, p.price])).toEqual([[7n, "BTC/USD", "59374.5"], [8n, "BTC/USD", "59375"]]);
    } finally {
      stop();
    }
  });
});
