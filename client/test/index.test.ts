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
      "oracleV1",
      "setupOracleExtension",
      "setupTradingExtension",
      "buildOrder",
      "orderSignBytes",
      "orderHash",
      "signOrder",
      "orderSignerFromMnemonic",
      "orderSignerFromPrivkey",
      "verifyOrderSignature",
      "composeFill",
      "composeMsgSubmitTrades",
      "composeMsgTransfer",
      "composeMsgSetIsolated",
      "MsgSubmitTradesTypeUrl",
      "MsgTransferTypeUrl",
      "MsgSetIsolatedTypeUrl",
      "computeHealth",
      "notional",
      "signedValue",
      "fundingOwed",
      "marginRequirements",
      "entryPrice",
      "applyFill",
      "fee",
      "targetImf",
      "stepImf",
      "premiumPpm",
      "fundingRatePpm",
      "fundingIndexDelta",
      "isRiskReducing",
      "liquidationPrice",
      "withdrawable",
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
    expect(api.ORDER_SIGN_DOMAIN).toBe("clearchain/order/v1");
    expect(api.ClearingErrorCodes).toMatchObject({
      InvalidOrder: 11, InvalidSignature: 12, WrongChainId: 13, OrderExpired: 14, PriceOutsideLimit: 15, OffTick: 16, OffStep: 17, Overfill: 18,
      MarketNotFound: 19, MarketNotTradable: 20, ReduceOnly: 21, SelfTrade: 22, InsufficientMargin: 23, Isolation: 24, TooManyFills: 25,
      TooManyPositions: 26, InvalidMarket: 27, NotFlat: 28, OrderMismatch: 29, PriceUnavailable: 30,
    });
  });

  it("has a one-line doc comment on every export of src/", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require("fs") as typeof import("fs");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require("path") as typeof import("path");
    const missing: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== "generated") walk(p);
        } else if (p.endsWith(".ts")) {
          const lines = fs.readFileSync(p, "utf8").split("\n");
          lines.forEach((line, i) => {
            if (!/^export (async )?(function|const|class|interface|type|enum) \w/.test(line)) return;
            let j = i - 1;
            while (j >= 0 && /^(export function .*;|\s*\*.*|\s*\/\*\*.*)$/.test(lines[j]) && !/\/\*\*/.test(lines[j])) j--;
            if (j < 0 || !/\/\*\*|\*\//.test(lines[j])) missing.push(`${path.relative(dir, p)}:${i + 1} ${line.slice(0, 60)}`);
          });
        }
      }
    };
    walk(path.join(__dirname, "..", "src"));
    expect(missing).toEqual([]);
  });

  it("re-exports the generated types under namespaces", () => {
    expect(typeof api.clearingV1.MsgDeposit.encode).toBe("function");
    expect(typeof api.clearingV1.QueryClientImpl).toBe("function");
    expect(typeof api.clearingV1.Params.fromPartial).toBe("function");
    expect(api.clearingV1.protobufPackage).toBe("clearchain.clearing.v1");
    expect(typeof api.circuitV1.MsgTripCircuitBreaker.encode).toBe("function");
    expect(api.circuitV1.protobufPackage).toBe("clearchain.circuit.v1");
    expect(typeof api.oracleV1.QueryClientImpl).toBe("function");
    expect(typeof api.oracleV1.PriceView.decode).toBe("function");
    expect(api.oracleV1.protobufPackage).toBe("clearchain.oracle.v1");
  });
});
