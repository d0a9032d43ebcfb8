import {
  composeMsgDeposit,
  composeMsgResetCircuitBreaker,
  composeMsgTripCircuitBreaker,
  composeMsgUpdateParams,
  composeMsgWithdraw,
} from "../src/index.js";
import { COLLATERAL_DENOM, MAX_SUBACCOUNT_NUMBER } from "../src/constants.js";
import { Params } from "../src/generated/clearchain/clearing/v1/params.js";
import {
  circuitTypeUrls,
  clearingTypeUrls,
  moduleOfTypeUrl,
  modulesOfMsgs,
  MsgDepositTypeUrl,
  MsgResetCircuitBreakerTypeUrl,
  MsgTripCircuitBreakerTypeUrl,
  MsgUpdateParamsTypeUrl,
  MsgWithdrawTypeUrl,
} from "../src/typeUrls.js";
import {
  assertClearchainAddress,
  assertValidSubaccountNumber,
  isClearchainAddress,
  isValidSubaccountNumber,
} from "../src/validation.js";

const ALICE = "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5uz3ljq";

describe("type URLs", () => {
  it("match the contract", () => {
    expect(MsgDepositTypeUrl).toBe("/clearchain.clearing.v1.MsgDeposit");
    expect(MsgWithdrawTypeUrl).toBe("/clearchain.clearing.v1.MsgWithdraw");
    expect(MsgUpdateParamsTypeUrl).toBe("/clearchain.clearing.v1.MsgUpdateParams");
    expect(MsgTripCircuitBreakerTypeUrl).toBe("/clearchain.circuit.v1.MsgTripCircuitBreaker");
    expect(MsgResetCircuitBreakerTypeUrl).toBe("/clearchain.circuit.v1.MsgResetCircuitBreaker");
    expect(clearingTypeUrls).toEqual({
      MsgDeposit: MsgDepositTypeUrl,
      MsgWithdraw: MsgWithdrawTypeUrl,
      MsgUpdateParams: MsgUpdateParamsTypeUrl,
      MsgSubmitTrades: "/clearchain.clearing.v1.MsgSubmitTrades",
      MsgTransfer: "/clearchain.clearing.v1.MsgTransfer",
      MsgSetIsolated: "/clearchain.clearing.v1.MsgSetIsolated",
      MsgCreateMarket: "/clearchain.clearing.v1.MsgCreateMarket",
      MsgUpdateMarket: "/clearchain.clearing.v1.MsgUpdateMarket",
      MsgCancelOrders: "/clearchain.clearing.v1.MsgCancelOrders",
      MsgLiquidate: "/clearchain.clearing.v1.MsgLiquidate",
    });
    expect(Object.values(circuitTypeUrls)).toHaveLength(2);
  });

  it("map to module codespaces", () => {
    expect(moduleOfTypeUrl(MsgDepositTypeUrl)).toBe("clearing");
    expect(moduleOfTypeUrl(MsgTripCircuitBreakerTypeUrl)).toBe("circuit");
    expect(moduleOfTypeUrl("/cosmos.bank.v1beta1.MsgSend")).toBeUndefined();
    expect(
      modulesOfMsgs([
        { typeUrl: MsgWithdrawTypeUrl },
        { typeUrl: "/cosmos.bank.v1beta1.MsgSend" },
        { typeUrl: MsgResetCircuitBreakerTypeUrl },
        { typeUrl: MsgDepositTypeUrl },
      ]),
    ).toEqual(["clearing", "circuit"]);
  });
});

describe("composeMsgDeposit", () => {
  it("builds a MsgDeposit with a bare amount in the collateral denom", () => {
    expect(composeMsgDeposit({ sender: ALICE, subaccountNumber: 3, amount: 1_000_000 })).toEqual({
      typeUrl: MsgDepositTypeUrl,
      value: { sender: ALICE, subaccountNumber: 3, amount: { denom: COLLATERAL_DENOM, amount: "1000000" } },
    });
  });

  it("honours coin strings, Coin objects and a custom collateral denom", () => {
    expect(composeMsgDeposit({ sender: ALICE, subaccountNumber: 0, amount: "5uatom" }).value.amount).toEqual({
      denom: "uatom",
      amount: "5",
    });
    expect(
      composeMsgDeposit({ sender: ALICE, subaccountNumber: 0, amount: 7n, collateralDenom: "ufoo" }).value.amount,
    ).toEqual({ denom: "ufoo", amount: "7" });
    expect(
      composeMsgDeposit({ sender: ALICE, subaccountNumber: 0, amount: { denom: "uusdc", amount: "9" } }).value.amount,
    ).toEqual({ denom: "uusdc", amount: "9" });
  });

  it("leaves chain-side validation to the chain", () => {
    expect(composeMsgDeposit({ sender: ALICE, subaccountNumber: 128, amount: 0 }).value.subaccountNumber).toBe(128);
    expect(composeMsgDeposit({ sender: ALICE, subaccountNumber: 1, amount: -1 }).value.amount?.amount).toBe("-1");
    expect(composeMsgDeposit({ sender: "not-an-address", subaccountNumber: 1, amount: 1 }).value.sender).toBe(
      "not-an-address",
    );
  });

  it("rejects values the wire format cannot carry", () => {
    expect(() => composeMsgDeposit({ sender: ALICE, subaccountNumber: -1, amount: 1 })).toThrow(TypeError);
    expect(() => composeMsgDeposit({ sender: ALICE, subaccountNumber: 1.5, amount: 1 })).toThrow(TypeError);
    expect(() => composeMsgDeposit({ sender: ALICE, subaccountNumber: 2 ** 32, amount: 1 })).toThrow(TypeError);
    expect(() => composeMsgDeposit({ sender: ALICE, subaccountNumber: 1, amount: "abc" })).toThrow(TypeError);
  });
});

describe("composeMsgWithdraw", () => {
  it("defaults the recipient to empty (= sender)", () => {
    expect(composeMsgWithdraw({ sender: ALICE, subaccountNumber: 2, amount: "10uusdc" })).toEqual({
      typeUrl: MsgWithdrawTypeUrl,
      value: { sender: ALICE, subaccountNumber: 2, amount: { denom: "uusdc", amount: "10" }, recipient: "" },
    });
  });

  it("sets an explicit recipient", () => {
    const bob = "clear1bob";
    expect(composeMsgWithdraw({ sender: ALICE, subaccountNumber: 2, amount: 1, recipient: bob }).value.recipient).toBe(bob);
  });
});

describe("governance composers", () => {
  it("builds MsgUpdateParams", () => {
    const msg = composeMsgUpdateParams({
      authority: ALICE,
      params: { collateralDenom: "uusdc", maxSubaccountsPerOwner: 16, maxQueryPageSize: 50 },
    });
    expect(msg).toEqual({
      typeUrl: MsgUpdateParamsTypeUrl,
      value: {
        authority: ALICE,
        params: Params.fromPartial({ collateralDenom: "uusdc", maxSubaccountsPerOwner: 16, maxQueryPageSize: 50 }),
      },
    });
  });

  it("fills missing params fields with zero values", () => {
    expect(composeMsgUpdateParams({ authority: ALICE, params: { maxSubaccountsPerOwner: 4 } }).value.params).toMatchObject({
      collateralDenom: "",
      maxSubaccountsPerOwner: 4,
      maxQueryPageSize: 0,
    });
  });

  it("builds circuit breaker messages", () => {
    const urls = [MsgWithdrawTypeUrl];
    expect(composeMsgTripCircuitBreaker({ authority: ALICE, msgTypeUrls: urls })).toEqual({
      typeUrl: MsgTripCircuitBreakerTypeUrl,
      value: { authority: ALICE, msgTypeUrls: urls },
    });
    expect(composeMsgResetCircuitBreaker({ authority: ALICE, msgTypeUrls: urls }).typeUrl).toBe(
      MsgResetCircuitBreakerTypeUrl,
    );
  });
});

describe("validation helpers", () => {
  it("checks subaccount numbers 0..127", () => {
    expect(MAX_SUBACCOUNT_NUMBER).toBe(127);
    expect(isValidSubaccountNumber(0)).toBe(true);
    expect(isValidSubaccountNumber(127)).toBe(true);
    expect(isValidSubaccountNumber(128)).toBe(false);
    expect(isValidSubaccountNumber(-1)).toBe(false);
    expect(isValidSubaccountNumber(1.5)).toBe(false);
    expect(isValidSubaccountNumber("1")).toBe(false);
    expect(() => assertValidSubaccountNumber(128)).toThrow(RangeError);
    expect(() => assertValidSubaccountNumber(5)).not.toThrow();
  });

  it("checks clear addresses", () => {
    expect(isClearchainAddress(ALICE)).toBe(true);
    expect(isClearchainAddress("cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu")).toBe(false);
    expect(isClearchainAddress("clear1invalid")).toBe(false);
    expect(isClearchainAddress(42)).toBe(false);
    expect(() => assertClearchainAddress("nope")).toThrow(TypeError);
  });
});
