import * as api from "../src/index.js";

describe("public API (src/index.ts)", () => {
  it("exports the contract names", () => {
    for (const name of [
      "ClearchainClient",
      "SigningClearchainClient",
      "setupClearingExtension",
      "setupCircuitExtension",
      "ClearchainTxError",
      "ClearingErrorCodes",
      "CircuitErrorCodes",
      "CLEARING_CODESPACE",
      "CIRCUIT_CODESPACE",
      "clearchainRegistry",
      "clearingTypeUrls",
      "MsgDepositTypeUrl",
      "MsgWithdrawTypeUrl",
      "MsgUpdateParamsTypeUrl",
      "composeMsgDeposit",
      "composeMsgWithdraw",
      "composeMsgUpdateParams",
      "MAX_SUBACCOUNT_NUMBER",
      "CLEARCHAIN_BECH32_PREFIX",
      "STAKE_DENOM",
      "COLLATERAL_DENOM",
      "DEFAULT_GAS_PRICE",
      "TxQueue",
      "parseAmount",
      "parseErrorLog",
      "clearingV1",
      "circuitV1",
    ]) {
      expect(api).toHaveProperty(name);
    }
  });

  it("has the contract values", () => {
    expect(api.CLEARCHAIN_BECH32_PREFIX).toBe("clear");
    expect(api.STAKE_DENOM).toBe("uclear");
    expect(api.COLLATERAL_DENOM).toBe("uusdc");
    expect(api.DEFAULT_GAS_PRICE).toBe("0.025uclear");
    expect(api.MAX_SUBACCOUNT_NUMBER).toBe(127);
    expect(api.DEFAULT_GAS_MULTIPLIER).toBe(1.5);
  });

  it("re-exports the generated types under namespaces", () => {
    expect(typeof api.clearingV1.MsgDeposit.encode).toBe("function");
    expect(typeof api.clearingV1.QueryClientImpl).toBe("function");
    expect(typeof api.clearingV1.Params.fromPartial).toBe("function");
    expect(api.clearingV1.protobufPackage).toBe("clearchain.clearing.v1");
    expect(typeof api.circuitV1.MsgTripCircuitBreaker.encode).toBe("function");
    expect(api.circuitV1.protobufPackage).toBe("clearchain.circuit.v1");
  });
});
