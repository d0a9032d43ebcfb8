import {
  CIRCUIT_CODESPACE,
  CircuitErrorCodes,
  cleanErrorText,
  CLEARING_CODESPACE,
  ClearchainTxError,
  ClearingErrorCodes,
  isChainError,
  isClearchainTxError,
  isSequenceMismatch,
  parseErrorLog,
  parseExpectedSequence,
  resultError,
  SDK_CODESPACE,
  SdkErrorCodes,
  simulationError,
} from "../src/errors.js";

const simulateFailure = (inner: string): string =>
  `Query failed with (6): rpc error: code = Unknown desc = ${inner} with gas used: '51234': unknown request`;

describe("error codes", () => {
  it("match CONTRACTS.md", () => {
    expect(ClearingErrorCodes).toEqual({
      InvalidSubaccountNumber: 2,
      InvalidAmount: 3,
      InvalidDenom: 4,
      InsufficientCollateral: 5,
      InvalidAuthority: 6,
      InvalidAddress: 7,
      TooManySubaccounts: 8,
      InvalidParams: 9,
      WithdrawalBlocked: 10,
      InvalidOrder: 11,
      InvalidSignature: 12,
      WrongChainId: 13,
      OrderExpired: 14,
      PriceOutsideLimit: 15,
      OffTick: 16,
      OffStep: 17,
      Overfill: 18,
      MarketNotFound: 19,
      MarketNotTradable: 20,
      ReduceOnly: 21,
      SelfTrade: 22,
      InsufficientMargin: 23,
      Isolation: 24,
      TooManyFills: 25,
      TooManyPositions: 26,
      InvalidMarket: 27,
      NotFlat: 28,
      OrderMismatch: 29,
      PriceUnavailable: 30,
      FillOutsideBand: 31,
      VenueMismatch: 32,
      OrderCancelled: 33,
      OrderLifetime: 34,
      PriceNotFresh: 35,
      CollateralDenomLocked: 36,
      InvalidCancel: 37,
      NotLiquidatable: 38,
      NoPosition: 39,
      BackstopLimit: 40,
      InsufficientInsurance: 41,
    });
    expect(CircuitErrorCodes).toEqual({ InvalidAuthority: 2, MsgDisabled: 3, InvalidTypeURL: 4, ProtectedMsg: 5 });
    expect(CLEARING_CODESPACE).toBe("clearing");
    expect(CIRCUIT_CODESPACE).toBe("circuit");
  });
});

describe("parseErrorLog", () => {
  it.each([
    [
      "insufficient collateral (simulate)",
      simulateFailure(
        "failed to execute message; message index: 0: subaccount clear1abc/0 holds 0uusdc, requested 100: insufficient collateral",
      ),
      { codespace: "clearing", code: 5 },
    ],
    [
      "explicit codespace/code with stack trace",
      "failed to execute message; message index: 0: insufficient collateral [cosmossdk.io/errors@v1.0.2/errors.go:151]: codespace: clearing, code: 5",
      { codespace: "clearing", code: 5 },
    ],
    ["explicit code first", "code: 10, codespace: clearing", { codespace: "clearing", code: 10 }],
    ["JSON", '{"codespace":"clearing","code":8,"log":"x"}', { codespace: "clearing", code: 8 }],
    [
      "CosmJS BroadcastTxError message",
      "Broadcasting transaction failed with code 3 (codespace: clearing). Log: amount 0: invalid amount",
      { codespace: "clearing", code: 3 },
    ],
    ["invalid amount", simulateFailure("failed to execute message; message index: 0: -5uusdc: invalid amount"), { codespace: "clearing", code: 3 }],
    [
      "invalid denom",
      simulateFailure("failed to execute message; message index: 0: got uatom, collateral denom is uusdc: invalid denom"),
      { codespace: "clearing", code: 4 },
    ],
    ["invalid subaccount number", "subaccount number 128 > 127: invalid subaccount number", { codespace: "clearing", code: 2 }],
    ["too many subaccounts", simulateFailure("owner clear1x already has 8 subaccounts: too many subaccounts"), { codespace: "clearing", code: 8 }],
    ["invalid params", "max_subaccounts_per_owner must be 1..128: invalid params", { codespace: "clearing", code: 9 }],
    [
      "withdrawal blocked",
      simulateFailure("failed to execute message; message index: 0: margin requirement 10 > 5: withdrawal blocked by margin check"),
      { codespace: "clearing", code: 10 },
    ],
    [
      "circuit breaker",
      simulateFailure("/clearchain.clearing.v1.MsgWithdraw: message type disabled by circuit breaker"),
      { codespace: "circuit", code: 3 },
    ],
    [
      "sequence mismatch",
      simulateFailure("account sequence mismatch, expected 5, got 7: incorrect account sequence"),
      { codespace: "sdk", code: 32 },
    ],
    [
      "bank insufficient funds",
      simulateFailure("failed to execute message; message index: 0: spendable balance 0uusdc is smaller than 100uusdc: insufficient funds"),
      { codespace: "sdk", code: 5 },
    ],
    ["insufficient fee", "insufficient fees; got: 1uclear required: 100uclear: insufficient fee", { codespace: "sdk", code: 13 }],
    ["out of gas", "out of gas in location: ReadFlat; gasWanted: 100, gasUsed: 1200: out of gas", { codespace: "sdk", code: 11 }],
    ["unknown address", simulateFailure("account clear1xyz not found: unknown address"), { codespace: "sdk", code: 9 }],
    ["only the query wrapper", "Query failed with (18): rpc error: code = InvalidArgument desc = bad: something", { codespace: "sdk", code: 18 }],
    ["only a generic sdk message", "foo: unknown request", { codespace: "sdk", code: 6 }],
  ])("recognises %s", (_name, text, expected) => {
    expect(parseErrorLog(text)).toEqual(expected);
  });

  it("returns undefined for unrecognised text", () => {
    expect(parseErrorLog("socket hang up")).toBeUndefined();
    expect(parseErrorLog("")).toBeUndefined();
  });

  it("does not match inside longer words", () => {
    expect(parseErrorLog("invalid amounts everywhere")).toBeUndefined();
  });

  it("uses the message type hint for ambiguous messages", () => {
    const text = "expected clear1gov, got clear1abc: invalid authority";
    expect(parseErrorLog(text)).toEqual({ codespace: "clearing", code: 6 });
    expect(parseErrorLog(text, { modules: ["clearing"] })).toEqual({ codespace: "clearing", code: 6 });
    expect(parseErrorLog(text, { modules: ["circuit"] })).toEqual({ codespace: "circuit", code: 2 });
    expect(parseErrorLog("decoding bech32 failed: invalid address", { modules: [] })).toEqual({
      codespace: "sdk",
      code: 7,
    });
    expect(parseErrorLog("recipient clear1x is not allowed to receive funds: invalid address", { modules: ["clearing"] })).toEqual({
      codespace: "clearing",
      code: 7,
    });
    // The circuit breaker applies to every message type.
    expect(parseErrorLog("/cosmos.bank.v1beta1.MsgSend: message type disabled by circuit breaker", { modules: [] })).toEqual({
      codespace: "circuit",
      code: 3,
    });
  });

  it("prefers the longest registered message at the same position", () => {
    expect(parseErrorLog("bad pubkey: invalid order signature")).toEqual({ codespace: "clearing", code: 12 });
    expect(parseErrorLog("size 0: invalid order")).toEqual({ codespace: "clearing", code: 11 });
    expect(parseErrorLog("im 10 > equity 5: insufficient margin")).toEqual({ codespace: "clearing", code: 23 });
  });

  it("prefers the innermost (last) module error", () => {
    expect(parseErrorLog("invalid amount: wrapped: insufficient collateral")).toEqual({ codespace: "clearing", code: 5 });
  });
});

describe("ClearchainTxError", () => {
  it("carries code, codespace, log, txHash and height", () => {
    const err = new ClearchainTxError({
      code: 5,
      codespace: "clearing",
      log: "boom: insufficient collateral",
      txHash: "ABC",
      height: 12,
      stage: "deliverTx",
    });
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(ClearchainTxError);
    expect(err.name).toBe("ClearchainTxError");
    expect(err.message).toBe("boom: insufficient collateral"); // the chain's text, no transport wrapper
    expect(err.registeredMessage).toBe("insufficient collateral");
    expect(err).toMatchObject({ code: 5, codespace: "clearing", txHash: "ABC", height: 12, stage: "deliverTx" });
    expect(new ClearchainTxError({ code: 5, codespace: "clearing", log: "", stage: "deliverTx" }).message).toBe("insufficient collateral");
    expect(err.is("clearing", ClearingErrorCodes.InsufficientCollateral)).toBe(true);
    expect(err.is("sdk", 5)).toBe(false);
    expect(isClearchainTxError(err)).toBe(true);
    expect(isClearchainTxError(new Error("x"))).toBe(false);
    expect(new ClearchainTxError({ code: 1, codespace: "x", log: "", stage: "simulate" }).txHash).toBe("");
  });

  it("is built from simulation errors", () => {
    const raw = new Error(simulateFailure("failed to execute message; message index: 0: x: insufficient collateral"));
    const err = simulationError(raw);
    expect(err.stage).toBe("simulate");
    expect(err.codespace).toBe(CLEARING_CODESPACE);
    expect(err.code).toBe(5);
    expect(err.txHash).toBe("");
    expect(err.log).toBe(raw.message);
    expect(simulationError(new Error("weird"))).toMatchObject({ codespace: "undefined", code: 1 });
  });

  it("is built from CheckTx/DeliverTx results", () => {
    expect(resultError({ code: 32, codespace: "sdk", log: "account sequence mismatch, expected 1, got 2: incorrect account sequence" }, "checkTx")).toMatchObject({
      code: 32,
      codespace: "sdk",
      stage: "checkTx",
    });
    // Missing codespace: recovered from the log.
    expect(resultError({ code: 5, log: "x: insufficient collateral", txHash: "H", height: 3 }, "deliverTx")).toMatchObject({
      code: 5,
      codespace: "clearing",
      txHash: "H",
      height: 3,
      stage: "deliverTx",
    });
  });
});

describe("sequence helpers", () => {
  it("detects sequence mismatches", () => {
    expect(isSequenceMismatch(new ClearchainTxError({ code: 32, codespace: "sdk", log: "", stage: "checkTx" }))).toBe(true);
    expect(isSequenceMismatch(new Error(simulateFailure("account sequence mismatch, expected 5, got 7: incorrect account sequence")))).toBe(
      true,
    );
    expect(isSequenceMismatch(new ClearchainTxError({ code: 5, codespace: "clearing", log: "", stage: "checkTx" }))).toBe(false);
    expect(SdkErrorCodes.WrongSequence).toBe(32);
    expect(SDK_CODESPACE).toBe("sdk");
  });

  it("extracts the expected sequence", () => {
    expect(parseExpectedSequence(new Error("account sequence mismatch, expected 17, got 15: incorrect account sequence"))).toBe(17);
    expect(parseExpectedSequence("nothing here")).toBeUndefined();
  });

  it("tells chain errors from transport errors", () => {
    expect(isChainError(new Error("Query failed with (6): rpc error: code = Unknown desc = x"))).toBe(true);
    expect(isChainError(new ClearchainTxError({ code: 1, codespace: "sdk", log: "", stage: "checkTx" }))).toBe(true);
    expect(isChainError(Object.assign(new Error("b"), { code: 5, codespace: "clearing" }))).toBe(true);
    expect(isChainError(new TypeError("fetch failed"))).toBe(false);
    expect(isChainError("string")).toBe(false);
  });
});

describe("ClearchainTxError message has no build paths", () => {
  const GO_PATH = /\.go:\d+/;

  it("strips cosmossdk.io/errors [file:line] frames with absolute paths, keeping the raw text in .log", () => {
    const log =
      "failed to execute message; message index: 0: subaccount clear1abc/0 holds 0uusdc " +
      "[/home/alice/src/clearchain/chain/x/clearing/keeper/collateral.go:88]: insufficient collateral";
    const err = new ClearchainTxError({ code: 5, codespace: "clearing", log, txHash: "ABC", stage: "deliverTx" });
    expect(err.message).not.toMatch(GO_PATH);
    expect(err.message).not.toContain("/home/alice");
    expect(err.message).toBe("subaccount clear1abc/0 holds 0uusdc: insufficient collateral");
    expect(err.txHash).toBe("ABC");
    expect(err.log).toBe(log);
  });

  it("strips module-path frames (-trimpath builds, SDK internals) and %+v stack traces", () => {
    const log =
      "x [cosmossdk.io/errors@v1.0.2/errors.go:151]: at github.com/clearchain/clearchain/chain/x/clearing/keeper/settle.go:185 " +
      "insufficient margin\ngithub.com/cosmos/cosmos-sdk/baseapp.(*BaseApp).runTx\n\t/root/go/pkg/mod/github.com/cosmos/cosmos-sdk@v0.54.4/baseapp/baseapp.go:912";
    const err = new ClearchainTxError({ code: 23, codespace: "clearing", log, stage: "deliverTx" });
    expect(err.message).not.toMatch(GO_PATH);
    expect(err.message).not.toContain("/root/go");
    expect(err.message).not.toContain("settle.go");
    expect(err.message).toContain("insufficient margin");
    expect(err.log).toBe(log);
  });

  it("strips the transport prefixes of a failed simulation", () => {
    const raw = new Error(
      simulateFailure("failed to execute message; message index: 0: x [/build/dir/chain/x/clearing/keeper/collateral.go:12]: insufficient collateral"),
    );
    const err = simulationError(raw);
    expect(err.message).not.toContain("Query failed with");
    expect(err.message).not.toContain("rpc error: code =");
    expect(err.message).not.toMatch(GO_PATH);
    expect(err.message).toBe("x: insufficient collateral"); // no "failed to execute message" or gas-used wrappers
    expect(err.log).toBe(raw.message);
    expect(err).toMatchObject({ codespace: "clearing", code: 5, stage: "simulate" });
  });

  it("applies to CheckTx/DeliverTx results and to explicit messages", () => {
    const log = "y [/srv/ci/chain/x/circuit/keeper/keeper.go:60]: message type disabled by circuit breaker";
    const err = resultError({ code: 3, codespace: "circuit", log }, "checkTx");
    expect(err.message).not.toMatch(GO_PATH);
    expect(err.log).toBe(log);
    const explicit = new ClearchainTxError({ code: 1, codespace: "x", log, stage: "timeout", message: `custom: ${log}` });
    expect(explicit.message).toBe("custom: y: message type disabled by circuit breaker");
  });
});

describe("cleanErrorText", () => {
  it.each([
    ["bracketed absolute path", "a [/home/u/chain/x/clearing/keeper/settle.go:185]: b", "a: b"],
    ["bracketed module path", "a [cosmossdk.io/errors@v1.0.2/errors.go:151]: b", "a: b"],
    ["bare module path", "a github.com/clearchain/clearchain/chain/x/oracle/keeper/keeper.go:44 b", "a b"],
    ["line and column", "a (/tmp/x.go:1:2) b", "a () b"],
    ["windows path", "a [C:\\src\\chain\\app\\app.go:9]: b", "a: b"],
    ["transport prefixes", "Query failed with (6): rpc error: code = Unknown desc = boom: unknown request", "boom: unknown request"],
    ["nothing to strip", "account sequence mismatch, expected 1, got 2: incorrect account sequence", "account sequence mismatch, expected 1, got 2: incorrect account sequence"],
    ["not a Go frame", "order [tx ABC] in go:12 cargo.gox:3", "order [tx ABC] in go:12 cargo.gox:3"],
  ])("%s", (_name, input, want) => {
    expect(cleanErrorText(input)).toBe(want);
    expect(cleanErrorText(want)).toBe(want);
  });

  it("parses the new circuit code from a protected trip", () => {
    expect(parseErrorLog("/cosmos.gov.v1.MsgVote cannot be disabled: message type is protected and cannot be disabled")).toEqual({
      codespace: "circuit",
      code: CircuitErrorCodes.ProtectedMsg,
    });
  });
});
