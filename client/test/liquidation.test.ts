// Liquidation surface of the SDK against the fake node and a local websocket server: MsgLiquidate (composer, registry,
// amino, liquidate() with success and codes 38/39), the liquidation queries (all pages, insurance fund, ADL rank),
// typed event decoding and subscribeLiquidations (per-block delivery, tx hashes, reconnect with bounded backoff,
// catch-up of missed blocks, unsubscribe).
import { sha256 } from "@cosmjs/crypto";
import { toBase64, toHex } from "@cosmjs/encoding";
import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import { Any } from "cosmjs-types/google/protobuf/any";

import { clearchainAminoTypes } from "../src/amino.js";
import { ClearchainClient } from "../src/client.js";
import { ClearchainTxError, CLEARING_CODESPACE, CLEARING_ERRORS, ClearingErrorCodes, parseErrorLog } from "../src/errors.js";
import * as cq from "../src/generated/clearchain/clearing/v1/query.js";
import { MsgLiquidate, MsgLiquidateResponse } from "../src/generated/clearchain/clearing/v1/tx.js";
import {
  composeMsgLiquidate, decodeLiquidationEvent, fetchAllPages, LIQUIDATION_EVENT_TYPES, LIQUIDATION_QUERIES, liquidationEventsOf,
  type LiquidationStreamEvent, MsgLiquidateTypeUrl, subscribeLiquidations, websocketUrlOf,
} from "../src/index.js";
import { clearchainRegistry } from "../src/registry.js";
import { SigningClearchainClient } from "../src/signingClient.js";
import { FakeNode } from "./fakeNode.js";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const WS = require("ws") as { Server: new (o: { host: string; port: number }) => WsServer };
interface WsSocket {
  send(data: string): void;
  close(code?: number): void;
  terminate(): void;
  on(ev: "message", fn: (data: string) => void): void;
  on(ev: "close", fn: () => void): void;
}
interface WsServer {
  on(ev: "connection", fn: (s: WsSocket) => void): void;
  on(ev: "listening", fn: () => void): void;
  address(): { port: number };
  close(cb?: () => void): void;
  clients: Set<WsSocket>;
}

const KEY = new Uint8Array(32).fill(11);
const OWNER = "clear1owner00000000000000000000000000000";
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

/** attrs renders a typed event's attributes exactly as the SDK's TypedEventToEvent does: snake_case keys, JSON values, sorted. */
const attrs = (o: Record<string, unknown>) =>
  Object.keys(o).sort().map((key) => ({ key, value: JSON.stringify(o[key]), index: true }));
const liquidationEvent = (over: Record<string, unknown> = {}) => ({
  type: LIQUIDATION_EVENT_TYPES.liquidation,
  attributes: [
    ...attrs({ owner: OWNER, number: 3, market_id: 1, taker: "liquidator", liquidator: "clear1liq", liquidator_number: 0, size: "-25000000",
      price: "57285000000", bankruptcy_price: "57500000000", fee: "143212500", ...over }),
    { key: "msg_index", value: "0", index: true },
  ],
});
const sweepEvent = (evaluated: number, liquidatable: number) => ({
  type: LIQUIDATION_EVENT_TYPES.sweep, attributes: [...attrs({ height: "9", evaluated, liquidatable, deferred: 0 }), { key: "mode", value: "PreBlock", index: true }],
});

async function signing(node: FakeNode) {
  const wallet = await DirectSecp256k1Wallet.fromKey(KEY, "clear");
  const [{ address }] = await wallet.getAccounts();
  node.accounts.set(address, { accountNumber: 5n, sequence: 0 });
  const client = SigningClearchainClient.createWithSigner(node.client(), wallet, { txPollIntervalMs: 5, txTimeoutMs: 2_000 });
  return { client, address };
}

/** run resolves p while the fake node produces a block every few ms. */
async function withBlocks<T>(node: FakeNode, p: Promise<T>): Promise<T> {
  let done = false;
  const loop = (async () => {
    while (!done) {
      node.produceBlock();
      await sleep(5);
    }
  })();
  try {
    return await p;
  } finally {
    done = true;
    await loop;
  }
}

describe("MsgLiquidate", () => {
  const input = { liquidator: "clear1liq", liquidatorSubaccountNumber: 2, owner: OWNER, subaccountNumber: 3, marketId: 1, size: "25000000" };

  test("composer, type URL, registry and amino (clearchain/MsgLiquidate, zero values omitted, uint64 as a string)", () => {
    const msg = composeMsgLiquidate(input);
    expect(msg.typeUrl).toBe("/clearchain.clearing.v1.MsgLiquidate");
    expect(MsgLiquidateTypeUrl).toBe(msg.typeUrl);
    expect(msg.value).toEqual({ liquidator: "clear1liq", liquidatorSubaccountNumber: 2, owner: OWNER, subaccountNumber: 3, marketId: 1, size: 25_000_000n });
    const registry = clearchainRegistry();
    const any = registry.encodeAsAny(msg);
    expect(MsgLiquidate.decode(any.value)).toEqual(msg.value);
    const amino = clearchainAminoTypes();
    const a = amino.toAmino(msg);
    expect(a).toEqual({ type: "clearchain/MsgLiquidate", value: { liquidator: "clear1liq", liquidator_subaccount_number: 2, owner: OWNER,
      subaccount_number: 3, market_id: 1, size: "25000000" } });
    expect(amino.fromAmino(a)).toEqual(msg);
    const zero = composeMsgLiquidate({ ...input, liquidatorSubaccountNumber: 0, subaccountNumber: 0, size: 0n });
    expect(amino.toAmino(zero).value).toEqual({ liquidator: "clear1liq", owner: OWNER, market_id: 1 });
    expect(amino.fromAmino(amino.toAmino(zero))).toEqual(zero);
  });

  test("rejects malformed sizes and numbers client-side", () => {
    expect(() => composeMsgLiquidate({ ...input, size: -1n })).toThrow(RangeError);
    expect(() => composeMsgLiquidate({ ...input, size: 2n ** 64n })).toThrow(RangeError);
    expect(() => composeMsgLiquidate({ ...input, size: "1.5" })).toThrow(TypeError);
    expect(() => composeMsgLiquidate({ ...input, marketId: -1 })).toThrow();
    expect(() => composeMsgLiquidate({ ...input, liquidatorSubaccountNumber: 1.5 })).toThrow();
  });

  test("liquidate() resolves the takeover from MsgLiquidateResponse", async () => {
    const node = new FakeNode();
    const { client, address } = await signing(node);
    const seen: MsgLiquidate[] = [];
    node.msgHandlers.set(MsgLiquidateTypeUrl, (v) => {
      seen.push(MsgLiquidate.decode(v));
      return Any.fromPartial({ typeUrl: "/clearchain.clearing.v1.MsgLiquidateResponse",
        value: MsgLiquidateResponse.encode({ size: 20_000_000n, price: 57_285_000_000n, fee: "114570000" }).finish() });
    });
    const out = await withBlocks(node, client.liquidate(address, 1, { owner: OWNER, subaccountNumber: 3 }, 1, 25_000_000n));
    expect([out.size, out.price, out.fee, out.response.code]).toEqual([20_000_000n, 57_285_000_000n, 114_570_000n, 0]);
    expect(seen).toEqual([{ liquidator: address, liquidatorSubaccountNumber: 1, owner: OWNER, subaccountNumber: 3, marketId: 1, size: 25_000_000n }]);
  });

  test("a healthy target fails simulation with NotLiquidatable (38); a missing position in DeliverTx with NoPosition (39)", async () => {
    const node = new FakeNode();
    const { client, address } = await signing(node);
    node.dryRunHandlers.set(MsgLiquidateTypeUrl, (v) =>
      MsgLiquidate.decode(v).marketId === 1 ? `failed to execute message; message index: 0: ${OWNER}/3: equity 5, maintenance margin 4: subaccount is not liquidatable` : undefined);
    node.msgHandlers.set(MsgLiquidateTypeUrl, () => ({ code: 39, codespace: "clearing", log: "failed to execute message; message index: 0: holds no ETH-USD position: no position in market" }));
    const e1 = await client.liquidate(address, 0, { owner: OWNER, subaccountNumber: 3 }, 1, 1n).then(() => undefined, (e) => e);
    expect(e1).toBeInstanceOf(ClearchainTxError);
    expect([e1.codespace, e1.code, e1.stage]).toEqual([CLEARING_CODESPACE, ClearingErrorCodes.NotLiquidatable, "simulate"]);
    expect(e1.message).toContain("subaccount is not liquidatable");
    const e2 = await withBlocks(node, client.liquidate(address, 0, { owner: OWNER, subaccountNumber: 3 }, 2, 1n, { amount: [], gas: "200000" }).then(() => undefined, (e) => e));
    expect([e2.codespace, e2.code, e2.stage]).toEqual([CLEARING_CODESPACE, ClearingErrorCodes.NoPosition, "deliverTx"]);
  });

  test.each([
    ["subaccount is not liquidatable", 38],
    ["no position in market", 39],
    ["backstop risk limit reached", 40],
    ["insurance fund cannot cover the deficit", 41],
  ])("%s (%i) is parsed from a simulation error", (message, code) => {
    expect(CLEARING_ERRORS.find((e) => e.code === code)?.message).toBe(message);
    expect(parseErrorLog(`Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: x: ${message} [/x/keeper/liquidate.go:9] with gas used: '1'`))
      .toEqual({ codespace: "clearing", code });
  });
});

describe("liquidation queries", () => {
  const entry = (n: number, queued = false) => ({ owner: OWNER, number: n, equity: String(-n), maintenanceMargin: "100000000000000000000", queued });
  const paged = (all: ReturnType<typeof entry>[], size: number) => (d: Uint8Array, decode: (d: Uint8Array) => { pagination?: { key: Uint8Array } }) => {
    const key = decode(d).pagination?.key;
    const start = key?.length ? Number(new TextDecoder().decode(key)) : 0;
    const next = start + size < all.length ? new TextEncoder().encode(String(start + size)) : new Uint8Array();
    return { subaccounts: all.slice(start, start + size), pagination: { nextKey: next, total: 0n } };
  };

  async function setup() {
    const node = new FakeNode();
    const q = node.queryHandlers;
    const five = [1, 2, 3, 4, 5].map((n) => entry(n, n === 5));
    q.set("/clearchain.clearing.v1.Query/Liquidatable", (d) => cq.QueryLiquidatableResponse.encode(paged(five, 2)(d, cq.QueryLiquidatableRequest.decode)).finish());
    q.set("/clearchain.clearing.v1.Query/LiquidatableFullScan", (d) =>
      cq.QueryLiquidatableFullScanResponse.encode(paged(five.slice(0, 3), 1)(d, cq.QueryLiquidatableFullScanRequest.decode)).finish());
    q.set("/clearchain.clearing.v1.Query/LiquidationQueue", (d) => cq.QueryLiquidationQueueResponse.encode(paged([entry(5, true)], 10)(d, cq.QueryLiquidationQueueRequest.decode)).finish());
    q.set("/clearchain.clearing.v1.Query/InsuranceFund", () => cq.QueryInsuranceFundResponse.encode(cq.QueryInsuranceFundResponse.fromPartial({
      balance: "123456789012345678901",
      backstop: { owner: "clear1backstop", number: 0, collateral: "7", equity: "7", initialMargin: "0", maintenanceMargin: "0", freeCollateral: "7", withdrawable: "7", positions: [] },
      recentFlows: [{ height: 12n, amount: "143212500", reason: "liquidation_fee" }, { height: 11n, amount: "-5", reason: "bad_debt" }],
    })).finish());
    q.set("/clearchain.clearing.v1.Query/AdlRank", (d) => {
      const r = cq.QueryAdlRankRequest.decode(d);
      return cq.QueryAdlRankResponse.encode({ eligible: r.marketId === 1, scorePpm: r.marketId === 1 ? "109090" : "0", rank: r.marketId === 1 ? r.number : 0, ranked: 4 }).finish();
    });
    return { node, client: ClearchainClient.create(node.client()) };
  }

  test("getLiquidatable, the full scan and the queue follow every page with bigint amounts", async () => {
    const { client } = await setup();
    const all = await client.getLiquidatable();
    expect(all.map((e) => e.number)).toEqual([1, 2, 3, 4, 5]);
    expect(all[0]).toEqual({ owner: OWNER, number: 1, equity: -1n, maintenanceMargin: 100_000_000_000_000_000_000n, queued: false });
    expect(all[4].queued).toBe(true);
    expect((await client.getLiquidatableFullScan()).map((e) => e.number)).toEqual([1, 2, 3]);
    expect(await client.getLiquidationQueue()).toEqual([{ owner: OWNER, number: 5, equity: -5n, maintenanceMargin: 100_000_000_000_000_000_000n, queued: true }]);
    const one = await client.clearingQueryClient.liquidation.liquidatable();
    expect(one.subaccounts).toHaveLength(2);
    expect(one.nextKey).toBeDefined();
  });

  test("a looping next key is an error, not an endless loop", async () => {
    const key = new Uint8Array([1]);
    await expect(fetchAllPages(async () => ({ subaccounts: [], nextKey: key }), "x")).rejects.toThrow("repeated next key");
  });

  test("getInsuranceFund and getAdlRank", async () => {
    const { client } = await setup();
    const fund = await client.getInsuranceFund();
    expect(fund.balance).toBe(123_456_789_012_345_678_901n);
    expect(fund.backstop).toMatchObject({ owner: "clear1backstop", number: 0, collateral: 7n, equity: 7n, positions: [] });
    expect(fund.recentFlows).toEqual([{ height: 12n, amount: 143_212_500n, reason: "liquidation_fee" }, { height: 11n, amount: -5n, reason: "bad_debt" }]);
    expect(await client.getAdlRank(OWNER, 2, 1)).toEqual({ eligible: true, scorePpm: 109_090n, rank: 2, ranked: 4 });
    expect(await client.getAdlRank(OWNER, 2, 3)).toEqual({ eligible: false, scorePpm: 0n, rank: 0, ranked: 4 });
  });
});

describe("typed liquidation events", () => {
  test("decode the SDK's typed-event attributes (JSON values, extra msg_index/mode), as strings or bytes", () => {
    expect(decodeLiquidationEvent(liquidationEvent())).toEqual({
      kind: "liquidation", owner: OWNER, number: 3, marketId: 1, taker: "liquidator", liquidator: "clear1liq", liquidatorNumber: 0,
      size: -25_000_000n, price: 57_285_000_000n, bankruptcyPrice: 57_500_000_000n, fee: 143_212_500n,
    });
    const enc = new TextEncoder();
    const bytes = { type: LIQUIDATION_EVENT_TYPES.bad_debt, attributes: attrs({ owner: OWNER, number: 1, amount: "5", insurance_after: "99" })
      .map((a) => ({ key: enc.encode(a.key), value: enc.encode(a.value) })) };
    expect(decodeLiquidationEvent(bytes)).toEqual({ kind: "bad_debt", owner: OWNER, number: 1, amount: 5n, insuranceAfter: 99n });
    expect(decodeLiquidationEvent({ type: LIQUIDATION_EVENT_TYPES.deleverage, attributes: attrs({ market_id: 2, owner: OWNER, number: 1,
      counterparty: "clear1c", counterparty_number: 4, size: "7", price: "3000000000" }) }))
      .toEqual({ kind: "deleverage", marketId: 2, owner: OWNER, number: 1, counterparty: "clear1c", counterpartyNumber: 4, size: 7n, price: 3_000_000_000n });
    expect(decodeLiquidationEvent(sweepEvent(12, 3))).toEqual({ kind: "sweep", evaluated: 12, liquidatable: 3, deferred: 0 });
    expect(decodeLiquidationEvent({ type: "transfer", attributes: [] })).toBeUndefined();
    expect(liquidationEventsOf({ events: [{ type: "message", attributes: [] }, liquidationEvent(), sweepEvent(1, 0)] }).map((e) => e.kind))
      .toEqual(["liquidation", "sweep"]);
  });

  test("websocket URLs", () => {
    expect(websocketUrlOf("http://127.0.0.1:26657")).toBe("ws://127.0.0.1:26657/websocket");
    expect(websocketUrlOf("https://rpc.example/")).toBe("wss://rpc.example/websocket");
    expect(websocketUrlOf("ws://h:1/websocket")).toBe("ws://h:1/websocket");
    expect(() => websocketUrlOf("127.0.0.1:26657")).toThrow(TypeError);
  });
});

describe("subscribeLiquidations", () => {
  let server: WsServer;
  let port: number;
  let connections: WsSocket[];
  let subscriptions: Array<{ socket: WsSocket; id: string; query: string }>;
  let refuse = false;

  beforeEach(async () => {
    connections = [];
    subscriptions = [];
    refuse = false;
    server = new WS.Server({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((r) => server.on("listening", () => r()));
    port = server.address().port;
    server.on("connection", (s) => {
      connections.push(s);
      s.on("message", (raw) => {
        const req = JSON.parse(String(raw));
        if (refuse) {
          s.send(JSON.stringify({ jsonrpc: "2.0", id: req.id, error: { code: -32603, message: "max_subscriptions_per_client reached" } }));
          return;
        }
        subscriptions.push({ socket: s, id: req.id, query: req.params.query });
        s.send(JSON.stringify({ jsonrpc: "2.0", id: req.id, result: {} }));
      });
    });
  });

  afterEach(async () => {
    for (const c of server.clients) c.terminate();
    await new Promise<void>((r) => server.close(() => r()));
  });

  /** push sends an event on the latest connection's subscription to query. */
  const push = (query: string, data: unknown) => {
    const sub = [...subscriptions].reverse().find((s) => s.query === query)!;
    sub.socket.send(JSON.stringify({ jsonrpc: "2.0", id: sub.id, result: { query, data, events: {} } }));
  };
  const block = (height: number, events: unknown[]) =>
    push(LIQUIDATION_QUERIES.block, { type: "tendermint/event/NewBlockEvents", value: { height: String(height), events, num_txs: "0" } });
  const tx = (height: number, raw: Uint8Array, events: unknown[]) =>
    push(LIQUIDATION_QUERIES.tx, { type: "tendermint/event/Tx", value: { TxResult: { height: String(height), index: 0, tx: toBase64(raw), result: { events } } } });

  test("delivers typed block and tx events in order, reconnects after a drop and replays the missed blocks", async () => {
    const got: LiquidationStreamEvent[] = [];
    const blocks: bigint[] = [];
    const statuses: string[] = [];
    const fetched: string[] = [];
    const fakeFetch = async (url: string) => {
      fetched.push(url);
      const h = Number(new URL(url).searchParams.get("height"));
      return { ok: true, status: 200, json: async () => ({ result: { height: String(h), finalize_block_events: [sweepEvent(h, 1)], txs_results: h === 12 ? [{ events: [liquidationEvent({ number: 12 })] }] : null } }) };
    };
    const stop = subscribeLiquidations(`http://127.0.0.1:${port}`, (e) => got.push(e), {
      minBackoffMs: 20, maxBackoffMs: 40, onBlock: (h) => blocks.push(h), onStatus: (s) => statuses.push(s), fetch: fakeFetch,
    });
    try {
      await until("two subscriptions", () => subscriptions.length === 2);
      expect(subscriptions.map((s) => s.query)).toEqual([LIQUIDATION_QUERIES.block, LIQUIDATION_QUERIES.tx]);
      await until("connected", () => statuses.includes("connected"));
      block(10, [{ type: "coin_received", attributes: [] }, sweepEvent(10, 1)]);
      const raw = new Uint8Array([1, 2, 3]);
      tx(10, raw, [{ type: "message", attributes: [] }, liquidationEvent()]);
      await until("two events", () => got.length === 2);
      expect(got[0]).toEqual({ kind: "sweep", evaluated: 10, liquidatable: 1, deferred: 0, height: 10n });
      expect(got[1]).toMatchObject({ kind: "liquidation", owner: OWNER, size: -25_000_000n, height: 10n, txHash: toHex(sha256(raw)).toUpperCase() });
      block(11, []);
      await until("block 11", () => blocks.includes(11n));

      // The node goes away: the subscription reconnects, and the blocks it missed (12, 13) come from block_results.
      connections[0].terminate();
      await until("reconnected", () => subscriptions.length === 4);
      expect(statuses).toContain("disconnected");
      block(14, [sweepEvent(14, 0)]);
      await until("block 14", () => blocks.includes(14n));
      expect(blocks).toEqual([10n, 11n, 12n, 13n, 14n]);
      expect(fetched.map((u) => u.replace(`http://127.0.0.1:${port}`, ""))).toEqual(["/block_results?height=12", "/block_results?height=13"]);
      expect(got.map((e) => `${e.height}:${e.kind}`)).toEqual(["10:sweep", "10:liquidation", "12:sweep", "12:liquidation", "13:sweep", "14:sweep"]);
      expect(got[3]).toMatchObject({ kind: "liquidation", number: 12 });
      expect("txHash" in got[3]).toBe(false); // block_results carries no tx hashes
      // A repeated block (e.g. from a second node) is not delivered twice.
      block(14, [sweepEvent(14, 0)]);
      block(15, []);
      await until("block 15", () => blocks.includes(15n));
      expect(got.filter((e) => e.height === 14n)).toHaveLength(1);
    } finally {
      stop();
    }
    const n = connections.length;
    await sleep(120);
    expect(connections.length).toBe(n); // stopped: no reconnects
  });

  test("backoff doubles up to the bound while the node refuses, and a throwing callback does not stop delivery", async () => {
    refuse = true;
    const errors: string[] = [];
    const got: LiquidationStreamEvent[] = [];
    const stop = subscribeLiquidations(`ws://127.0.0.1:${port}`, (e) => {
      got.push(e);
      throw new Error("callback bug");
    }, { minBackoffMs: 10, maxBackoffMs: 40, onError: (e) => errors.push(e.message), maxCatchUpBlocks: 0 });
    try {
      await until("five attempts", () => connections.length >= 5, 3_000);
      expect(errors.some((m) => m.includes("max_subscriptions_per_client reached"))).toBe(true);
      refuse = false;
      await until("subscribed", () => subscriptions.length >= 2, 3_000);
      block(3, [sweepEvent(3, 0)]);
      await until("an event", () => got.length === 1);
      expect(errors.some((m) => m.includes("callback bug"))).toBe(true);
    } finally {
      stop();
    }
  });

  test("a silent connection is replaced (staleAfterMs)", async () => {
    const stop = subscribeLiquidations(`http://127.0.0.1:${port}`, () => undefined, { minBackoffMs: 10, staleAfterMs: 100 });
    try {
      await until("a second connection", () => connections.length >= 2, 3_000);
    } finally {
      stop();
    }
  });

  test("the clients subscribe on their connect() endpoint, or need rpcUrl", async () => {
    const node = new FakeNode();
    const client = ClearchainClient.create(node.client());
    expect(() => client.subscribeLiquidations(() => undefined)).toThrow("rpcUrl");
    const stop = client.subscribeLiquidations(() => undefined, { rpcUrl: `http://127.0.0.1:${port}` });
    try {
      await until("subscribed", () => subscriptions.length === 2);
    } finally {
      stop();
    }
  });
});

