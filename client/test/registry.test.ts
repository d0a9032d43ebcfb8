import { makeSignDoc as makeAminoSignDoc, serializeSignDoc } from "@cosmjs/amino";
import { type EncodeObject, type TxBodyEncodeObject } from "@cosmjs/proto-signing";
import { TxBody } from "cosmjs-types/cosmos/tx/v1beta1/tx";

import { clearchainAminoTypes } from "../src/amino.js";
import {
  composeMsgDeposit,
  composeMsgResetCircuitBreaker,
  composeMsgTripCircuitBreaker,
  composeMsgUpdateParams,
  composeMsgWithdraw,
} from "../src/index.js";
import { Params } from "../src/generated/clearchain/clearing/v1/params.js";
import { MsgDeposit } from "../src/generated/clearchain/clearing/v1/tx.js";
import { circuitTypes, clearchainRegistry, clearingTypes } from "../src/registry.js";
import { collateralAfter, MsgDepositResponseTypeUrl, MsgWithdrawResponseTypeUrl } from "../src/index.js";
import { MsgDepositResponse, MsgWithdrawResponse } from "../src/generated/clearchain/clearing/v1/tx.js";

const ALICE = "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5uz3ljq";

const samples: EncodeObject[] = [
  composeMsgDeposit({ sender: ALICE, subaccountNumber: 0, amount: 1 }),
  composeMsgDeposit({ sender: ALICE, subaccountNumber: 127, amount: "123456789012345678901234567890uusdc" }),
  composeMsgWithdraw({ sender: ALICE, subaccountNumber: 5, amount: 10, recipient: "clear1recipient" }),
  composeMsgWithdraw({ sender: ALICE, subaccountNumber: 5, amount: -10 }),
  composeMsgUpdateParams({
    authority: ALICE,
    params: { collateralDenom: "uusdc", maxSubaccountsPerOwner: 128, maxQueryPageSize: 100 },
  }),
  composeMsgTripCircuitBreaker({ authority: ALICE, msgTypeUrls: ["/clearchain.clearing.v1.MsgWithdraw"] }),
  composeMsgResetCircuitBreaker({ authority: ALICE, msgTypeUrls: [] }),
];

describe("clearchainRegistry", () => {
  const registry = clearchainRegistry();

  it("registers every clearing and circuit message", () => {
    for (const [url] of [...clearingTypes, ...circuitTypes]) {
      expect(registry.lookupType(url)).toBeDefined();
    }
    expect(clearingTypes.slice(0, 3).map(([u]) => u)).toEqual([
      "/clearchain.clearing.v1.MsgDeposit",
      "/clearchain.clearing.v1.MsgWithdraw",
      "/clearchain.clearing.v1.MsgUpdateParams",
    ]);
    expect(circuitTypes.map(([u]) => u)).toEqual([
      "/clearchain.circuit.v1.MsgTripCircuitBreaker",
      "/clearchain.circuit.v1.MsgResetCircuitBreaker",
    ]);
    // Only request messages, never responses, events or service clients.
    for (const [url] of [...clearingTypes, ...circuitTypes]) {
      expect(url).toMatch(/^\/clearchain\.(clearing|circuit)\.v1\.Msg[A-Za-z]+$/);
      expect(url).not.toMatch(/Response$|ClientImpl$|ServiceName$/);
    }
  });

  it("keeps the default stargate types", () => {
    expect(registry.lookupType("/cosmos.bank.v1beta1.MsgSend")).toBeDefined();
    expect(registry.lookupType("/cosmos.staking.v1beta1.MsgDelegate")).toBeDefined();
  });

  it.each(samples.map((s) => [s.typeUrl, s] as const))("round-trips %s", (_url, msg) => {
    const bytes = registry.encode(msg);
    expect(bytes.length).toBeGreaterThan(0);
    expect(registry.decode({ typeUrl: msg.typeUrl, value: bytes })).toEqual(msg.value);
    const any = registry.encodeAsAny(msg);
    expect(any.typeUrl).toBe(msg.typeUrl);
    expect(registry.decode(any)).toEqual(msg.value);
  });

  it("encodes a TxBody with clearing messages", () => {
    const body: TxBodyEncodeObject = {
      typeUrl: "/cosmos.tx.v1beta1.TxBody",
      value: { messages: samples.slice(0, 3), memo: "hello" },
    };
    const decoded = TxBody.decode(registry.encode(body));
    expect(decoded.memo).toBe("hello");
    expect(decoded.messages.map((m) => m.typeUrl)).toEqual(samples.slice(0, 3).map((s) => s.typeUrl));
    expect(MsgDeposit.decode(decoded.messages[0].value)).toEqual(samples[0].value);
  });

  it("uses the proto field numbers of tx.proto", () => {
    // sender=1 (string), subaccount_number=2 (varint), amount=3 (Coin{denom=1, amount=2})
    const bytes = registry.encode(composeMsgDeposit({ sender: "a", subaccountNumber: 3, amount: "7uusdc" }));
    expect(Array.from(bytes)).toEqual([
      0x0a, 1, 0x61, 0x10, 3, 0x1a, 10, 0x0a, 5, ...Array.from(new TextEncoder().encode("uusdc")), 0x12, 1, 0x37,
    ]);
  });
});

describe("clearchainAminoTypes", () => {
  const amino = clearchainAminoTypes();

  it("converts MsgDeposit like the SDK's amino JSON (zero values omitted)", () => {
    const msg = composeMsgDeposit({ sender: ALICE, subaccountNumber: 0, amount: 5 });
    const a = amino.toAmino(msg);
    expect(a).toEqual({ type: "clearchain/MsgDeposit", value: { sender: ALICE, amount: { denom: "uusdc", amount: "5" } } });
    expect(amino.fromAmino(a)).toEqual(msg);
  });

  it("converts MsgWithdraw with recipient and number", () => {
    const msg = composeMsgWithdraw({ sender: ALICE, subaccountNumber: 4, amount: 5, recipient: "clear1bob" });
    const a = amino.toAmino(msg);
    expect(a).toEqual({
      type: "clearchain/MsgWithdraw",
      value: { sender: ALICE, subaccount_number: 4, amount: { denom: "uusdc", amount: "5" }, recipient: "clear1bob" },
    });
    expect(amino.fromAmino(a)).toEqual(msg);
  });

  it("converts every Params field to amino JSON (snake_case, 64-bit as string, zeros omitted)", () => {
    const params = Params.fromPartial({ collateralDenom: "uusdc", maxSubaccountsPerOwner: 3 });
    const withBig = { ...params, extraBig: 5n, zeroBig: 0n } as unknown as typeof params;
    const a = amino.toAmino(composeMsgUpdateParams({ authority: ALICE, params: withBig }));
    expect(a.value.params).toMatchObject({ collateral_denom: "uusdc", max_subaccounts_per_owner: 3 });
    expect(a.value.params).not.toHaveProperty("max_query_page_size");
    const full = amino.toAmino({ typeUrl: "/clearchain.clearing.v1.MsgUpdateParams", value: { authority: ALICE, params: withBig } });
    expect(full.value.params.extra_big).toBe("5");
    expect(full.value.params).not.toHaveProperty("zero_big");
  });

  it("round-trips governance messages", () => {
    for (const msg of samples.slice(4)) {
      expect(amino.fromAmino(amino.toAmino(msg))).toEqual(msg);
    }
    expect(amino.toAmino(samples[6]).value).toEqual({ authority: ALICE });
  });

  it("produces a sortable amino sign doc", () => {
    const doc = makeAminoSignDoc(
      [amino.toAmino(samples[2])],
      { amount: [{ denom: "uclear", amount: "100" }], gas: "200000" },
      "clearchain-1",
      "",
      1,
      0,
    );
    expect(new TextDecoder().decode(serializeSignDoc(doc))).toContain('"type":"clearchain/MsgWithdraw"');
  });
});

describe("collateralAfter", () => {
  it("decodes deposit and withdraw responses", () => {
    const dep = MsgDepositResponse.encode({ collateral: "150" }).finish();
    const wd = MsgWithdrawResponse.encode({ collateral: "40" }).finish();
    expect(collateralAfter({ msgResponses: [{ typeUrl: MsgDepositResponseTypeUrl, value: dep }] })).toBe("150");
    expect(collateralAfter({ msgResponses: [{ typeUrl: MsgWithdrawResponseTypeUrl, value: wd }] })).toBe("40");
    expect(collateralAfter({ msgResponses: [] })).toBeUndefined();
  });
});
