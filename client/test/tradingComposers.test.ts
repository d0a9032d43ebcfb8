// Trading composers, type URLs, response decoding, registry round trips and simulation chunking.
import { Any } from "cosmjs-types/google/protobuf/any";

import { Fill, Side } from "../src/generated/clearchain/clearing/v1/order.js";
import { MsgSubmitTrades, MsgSubmitTradesResponse } from "../src/generated/clearchain/clearing/v1/tx.js";
import { DEFAULT_MAX_SIMULATE_BYTES, simulateChunked, splitForSimulation } from "../src/gasEstimate.js";
import { clearchainRegistry } from "../src/registry.js";
import {
  composeMsgSetIsolated, composeMsgSubmitTrades, composeMsgTransfer, MsgSetIsolatedTypeUrl, MsgSubmitTradesResponseTypeUrl, MsgSubmitTradesTypeUrl,
  MsgTransferTypeUrl, submitTradesResponse,
} from "../src/index.js";
import { composeMsgDeposit } from "../src/index.js";

const OWNER = "clear150rtrmj2f8vl9tem8qpfw36ylw5jg9j2srhgd9";
const fill = (n: number): Fill => Fill.fromPartial({
  makerOrder: { owner: OWNER, marketId: 1, side: Side.SIDE_SELL, size: 10n, limitPrice: 5n, nonce: BigInt(n), goodTilBlock: 9n, chainId: "c" },
  takerOrder: { owner: OWNER, subaccountNumber: 1, marketId: 1, side: Side.SIDE_BUY, size: 10n, limitPrice: 5n, nonce: BigInt(n), goodTilBlock: 9n, chainId: "c" },
  makerPubKey: new Uint8Array(33).fill(2), takerPubKey: new Uint8Array(33).fill(3), makerSignature: new Uint8Array(64).fill(4), takerSignature: new Uint8Array(64).fill(5),
  size: 10n, price: 5n,
});

describe("trading composers", () => {
  test("type URLs", () => {
    expect(MsgSubmitTradesTypeUrl).toBe("/clearchain.clearing.v1.MsgSubmitTrades");
    expect(MsgTransferTypeUrl).toBe("/clearchain.clearing.v1.MsgTransfer");
    expect(MsgSetIsolatedTypeUrl).toBe("/clearchain.clearing.v1.MsgSetIsolated");
  });

  test("each composed message round-trips through the Clearchain registry", () => {
    const registry = clearchainRegistry();
    const transfer = composeMsgTransfer({ sender: OWNER, fromNumber: 0, toNumber: 5, amount: 1_000n });
    const msgs = [
      composeMsgSubmitTrades({ submitter: OWNER, fills: [fill(1), fill(2)] }), transfer, composeMsgSetIsolated({ sender: OWNER, subaccountNumber: 3, marketId: 2 }),
    ];
    for (const m of msgs) expect(registry.decode(registry.encodeAsAny(m))).toEqual(m.value);
    expect(transfer.value.amount).toEqual({ denom: "uusdc", amount: "1000" });
    expect(composeMsgTransfer({ sender: OWNER, fromNumber: 0, toNumber: 1, amount: "5", collateralDenom: "ibc/X" }).value.amount).toEqual({ denom: "ibc/X", amount: "5" });
    expect(composeMsgTransfer({ sender: OWNER, fromNumber: 0, toNumber: 1, amount: { denom: "uatom", amount: "5" } }).value.amount?.denom).toBe("uatom");
  });

  test("invalid numbers and garbage amounts throw TypeError", () => {
    expect(() => composeMsgTransfer({ sender: OWNER, fromNumber: -1, toNumber: 1, amount: 1n })).toThrow(TypeError);
    expect(() => composeMsgTransfer({ sender: OWNER, fromNumber: 0, toNumber: 1, amount: "abc" })).toThrow(TypeError);
    expect(() => composeMsgSetIsolated({ sender: OWNER, subaccountNumber: 0, marketId: 1.5 })).toThrow(TypeError);
  });

  test("submitTradesResponse finds the MsgSubmitTradesResponse among msgResponses", () => {
    const value = MsgSubmitTradesResponse.encode({ results: [{ index: 0, success: true, codespace: "", code: 0, log: "" }], settled: 1 }).finish();
    const other = Any.fromPartial({ typeUrl: "/clearchain.clearing.v1.MsgDepositResponse", value: new Uint8Array([10, 1, 49]) });
    const tx = { msgResponses: [other, { typeUrl: MsgSubmitTradesResponseTypeUrl, value }] };
    expect(submitTradesResponse(tx).settled).toBe(1);
    expect(submitTradesResponse(tx, 1).results).toHaveLength(1);
    expect(() => submitTradesResponse(tx, 0)).toThrow(/no MsgSubmitTradesResponse/);
    expect(() => submitTradesResponse({ msgResponses: [] })).toThrow(/no MsgSubmitTradesResponse/);
  });
});

describe("simulation chunking", () => {
  const size = Fill.encode(fill(1)).finish().length + 6;

  test("small batches and non-trade txs are simulated whole", () => {
    const small = [composeMsgSubmitTrades({ submitter: OWNER, fills: [fill(1), fill(2)] })];
    expect(splitForSimulation(small)).toEqual([small]);
    const deposit = [composeMsgDeposit({ sender: OWNER, subaccountNumber: 0, amount: 1 })];
    expect(splitForSimulation(deposit)).toEqual([deposit]);
    expect(DEFAULT_MAX_SIMULATE_BYTES).toBe(400_000);
  });

  test("large batches split by encoded size, fills kept in order, other messages in their own group", () => {
    const fills = Array.from({ length: 25 }, (_, i) => fill(i));
    const deposit = composeMsgDeposit({ sender: OWNER, subaccountNumber: 0, amount: 1 });
    const groups = splitForSimulation([deposit, composeMsgSubmitTrades({ submitter: OWNER, fills })], size * 10);
    expect(groups.map((g) => g.map((m) => (m.typeUrl === MsgSubmitTradesTypeUrl ? (m.value as MsgSubmitTrades).fills.length : m.typeUrl)))).toEqual([
      ["/clearchain.clearing.v1.MsgDeposit"], [10], [10], [5],
    ]);
    const rejoined = groups.slice(1).flatMap((g) => (g[0].value as MsgSubmitTrades).fills);
    expect(rejoined).toEqual(fills);
    expect(groups.slice(1).every((g) => (g[0].value as MsgSubmitTrades).submitter === OWNER)).toBe(true);
    // A single fill larger than the budget still gets simulated (alone).
    expect(splitForSimulation([composeMsgSubmitTrades({ submitter: OWNER, fills: fills.slice(0, 3) })], 1).length).toBe(3);
  });

  test("simulateChunked sums the gas of every group", async () => {
    const fills = Array.from({ length: 30 }, (_, i) => fill(i));
    const seen: number[] = [];
    const gas = await simulateChunked([composeMsgSubmitTrades({ submitter: OWNER, fills })], async (group) => {
      const n = (group[0].value as MsgSubmitTrades).fills.length;
      seen.push(n);
      return 1_000 + 70_000 * n;
    }, size * 8);
    expect(seen).toEqual([8, 8, 8, 6]);
    expect(gas).toBe(4 * 1_000 + 30 * 70_000);
  });
});

describe("amino (Ledger) for transfer and setIsolated", () => {
  test("zero numbers omitted, amount always present, round trip", async () => {
    const { clearchainAminoTypes } = await import("../src/amino.js");
    const amino = clearchainAminoTypes();
    const t = composeMsgTransfer({ sender: OWNER, fromNumber: 0, toNumber: 2, amount: 5n });
    expect(amino.toAmino(t)).toEqual({ type: "clearchain/MsgTransfer", value: { sender: OWNER, to_number: 2, amount: { denom: "uusdc", amount: "5" } } });
    expect(amino.fromAmino(amino.toAmino(t))).toEqual(t);
    const i = composeMsgSetIsolated({ sender: OWNER, subaccountNumber: 1, marketId: 0 });
    expect(amino.toAmino(i)).toEqual({ type: "clearchain/MsgSetIsolated", value: { sender: OWNER, subaccount_number: 1 } });
    expect(amino.fromAmino(amino.toAmino(i))).toEqual(i);
  });
});
