/** Codespace of the clearing module's registered errors. */
export const CLEARING_CODESPACE = "clearing";

/** Codespace of the circuit module's registered errors. */
export const CIRCUIT_CODESPACE = "circuit";

/** Codespace of the oracle module's registered errors. */
export const ORACLE_CODESPACE = "oracle";

/** Codespace of the Cosmos SDK's root errors (e.g. 32 = incorrect account sequence). */
export const SDK_CODESPACE = "sdk";

/** Codespace used for errors raised by this client itself (e.g. inclusion timeouts). */
export const CLIENT_CODESPACE = "client";

/** ABCI codes of the clearing module (codespace "clearing"). */
export const ClearingErrorCodes = {
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
} as const;

/** ABCI codes of the circuit module (codespace "circuit"). */
export const CircuitErrorCodes = {
  InvalidAuthority: 2,
  MsgDisabled: 3,
  InvalidTypeURL: 4,
  ProtectedMsg: 5,
} as const;

/** ABCI codes of the oracle module (codespace "oracle"). */
export const OracleErrorCodes = {
  InvalidAuthority: 2,
  InvalidParams: 3,
  InvalidPair: 4,
  PairNotFound: 5,
  TooManyPairs: 6,
  InvalidVoteExtension: 7,
  InvalidProposal: 8,
  PriceUnavailable: 9,
  PairInUse: 10,
  InjectedTxRefused: 11,
} as const;

/** Frequently seen Cosmos SDK root error codes (codespace "sdk"). */
export const SdkErrorCodes = {
  TxDecode: 2,
  InvalidSequence: 3,
  Unauthorized: 4,
  InsufficientFunds: 5,
  UnknownRequest: 6,
  InvalidAddress: 7,
  InvalidPubKey: 8,
  UnknownAddress: 9,
  InvalidCoins: 10,
  OutOfGas: 11,
  MemoTooLarge: 12,
  InsufficientFee: 13,
  TooManySignatures: 14,
  NoSignatures: 15,
  InvalidRequest: 18,
  TxInMempoolCache: 19,
  MempoolIsFull: 20,
  TxTooLarge: 21,
  KeyNotFound: 22,
  InvalidChainID: 28,
  TxTimeoutHeight: 30,
  WrongSequence: 32,
  InvalidGasLimit: 41,
} as const;

/** Codes of errors raised by the client itself (codespace "client"). */
export const ClientErrorCodes = {
  Timeout: 1,
} as const;

/** One registered chain error: its codespace, ABCI code and registered message. */
export interface RegisteredError {
  readonly codespace: string;
  readonly code: number;
  readonly message: string;
}

/** Registered messages of the clearing module (codes 2..10 are `ClearingErrorCodes`), as in chain/x/clearing/types/errors.go. */
export const CLEARING_ERRORS: readonly RegisteredError[] = [
  { codespace: CLEARING_CODESPACE, code: 2, message: "invalid subaccount number" },
  { codespace: CLEARING_CODESPACE, code: 3, message: "invalid amount" },
  { codespace: CLEARING_CODESPACE, code: 4, message: "invalid denom" },
  { codespace: CLEARING_CODESPACE, code: 5, message: "insufficient collateral" },
  { codespace: CLEARING_CODESPACE, code: 6, message: "invalid authority" },
  { codespace: CLEARING_CODESPACE, code: 7, message: "invalid address" },
  { codespace: CLEARING_CODESPACE, code: 8, message: "too many subaccounts" },
  { codespace: CLEARING_CODESPACE, code: 9, message: "invalid params" },
  { codespace: CLEARING_CODESPACE, code: 10, message: "withdrawal blocked by margin check" },
  // Trade settlement, market and margin errors.
  { codespace: CLEARING_CODESPACE, code: 11, message: "invalid order" },
  { codespace: CLEARING_CODESPACE, code: 12, message: "invalid order signature" },
  { codespace: CLEARING_CODESPACE, code: 13, message: "order chain id mismatch" },
  { codespace: CLEARING_CODESPACE, code: 14, message: "order expired" },
  { codespace: CLEARING_CODESPACE, code: 15, message: "fill price outside order limit" },
  { codespace: CLEARING_CODESPACE, code: 16, message: "price not on tick" },
  { codespace: CLEARING_CODESPACE, code: 17, message: "size not on step" },
  { codespace: CLEARING_CODESPACE, code: 18, message: "order over-filled" },
  { codespace: CLEARING_CODESPACE, code: 19, message: "market not found" },
  { codespace: CLEARING_CODESPACE, code: 20, message: "market not tradable" },
  { codespace: CLEARING_CODESPACE, code: 21, message: "fill would increase a position under reduce-only" },
  { codespace: CLEARING_CODESPACE, code: 22, message: "self-trade within one subaccount" },
  { codespace: CLEARING_CODESPACE, code: 23, message: "insufficient margin" },
  { codespace: CLEARING_CODESPACE, code: 24, message: "subaccount is isolated to another market" },
  { codespace: CLEARING_CODESPACE, code: 25, message: "too many fills" },
  { codespace: CLEARING_CODESPACE, code: 26, message: "too many positions" },
  { codespace: CLEARING_CODESPACE, code: 27, message: "invalid market" },
  { codespace: CLEARING_CODESPACE, code: 28, message: "subaccount has open positions" },
  { codespace: CLEARING_CODESPACE, code: 29, message: "orders do not match" },
  { codespace: CLEARING_CODESPACE, code: 30, message: "oracle price unavailable" },
  { codespace: CLEARING_CODESPACE, code: 31, message: "fill price outside the oracle band" },
  { codespace: CLEARING_CODESPACE, code: 32, message: "submitter is not the order's venue" },
  { codespace: CLEARING_CODESPACE, code: 33, message: "order cancelled" },
  { codespace: CLEARING_CODESPACE, code: 34, message: "order good_til_block beyond the maximum lifetime" },
  { codespace: CLEARING_CODESPACE, code: 35, message: "oracle price stale or halted" },
  { codespace: CLEARING_CODESPACE, code: 36, message: "collateral denom cannot change while collateral exists" },
  { codespace: CLEARING_CODESPACE, code: 37, message: "invalid order cancellation" },
  // Liquidation engine.
  { codespace: CLEARING_CODESPACE, code: 38, message: "subaccount is not liquidatable" },
  { codespace: CLEARING_CODESPACE, code: 39, message: "no position in market" },
  { codespace: CLEARING_CODESPACE, code: 40, message: "backstop risk limit reached" },
  { codespace: CLEARING_CODESPACE, code: 41, message: "insurance fund cannot cover the deficit" },
];

/** Registered messages of the circuit module, as in chain/x/circuit/types/errors.go. */
export const CIRCUIT_ERRORS: readonly RegisteredError[] = [
  { codespace: CIRCUIT_CODESPACE, code: 2, message: "invalid authority" },
  { codespace: CIRCUIT_CODESPACE, code: 3, message: "message type disabled by circuit breaker" },
  { codespace: CIRCUIT_CODESPACE, code: 4, message: "invalid message type url" },
  { codespace: CIRCUIT_CODESPACE, code: 5, message: "message type is protected and cannot be disabled" },
];

/** Registered messages of the oracle module, as in chain/x/oracle/types/errors.go (held to test/vectors/errors.json). */
export const ORACLE_ERRORS: readonly RegisteredError[] = [
  { codespace: ORACLE_CODESPACE, code: 2, message: "invalid authority" },
  { codespace: ORACLE_CODESPACE, code: 3, message: "invalid params" },
  { codespace: ORACLE_CODESPACE, code: 4, message: "invalid currency pair" },
  { codespace: ORACLE_CODESPACE, code: 5, message: "currency pair not found" },
  { codespace: ORACLE_CODESPACE, code: 6, message: "too many currency pairs" },
  { codespace: ORACLE_CODESPACE, code: 7, message: "invalid oracle vote extension" },
  { codespace: ORACLE_CODESPACE, code: 8, message: "invalid oracle data in proposal" },
  { codespace: ORACLE_CODESPACE, code: 9, message: "price unavailable" },
  { codespace: ORACLE_CODESPACE, code: 10, message: "currency pair is used by a market" },
  { codespace: ORACLE_CODESPACE, code: 11, message: "oracle injected transaction refused: only a block proposer places it" },
];

/** Registered messages of the SDK root errors recognised by the parser. */
export const SDK_ERRORS: readonly RegisteredError[] = [
  { codespace: SDK_CODESPACE, code: 2, message: "tx parse error" },
  { codespace: SDK_CODESPACE, code: 3, message: "invalid sequence" },
  { codespace: SDK_CODESPACE, code: 4, message: "unauthorized" },
  { codespace: SDK_CODESPACE, code: 5, message: "insufficient funds" },
  { codespace: SDK_CODESPACE, code: 6, message: "unknown request" },
  { codespace: SDK_CODESPACE, code: 7, message: "invalid address" },
  { codespace: SDK_CODESPACE, code: 8, message: "invalid pubkey" },
  { codespace: SDK_CODESPACE, code: 9, message: "unknown address" },
  { codespace: SDK_CODESPACE, code: 10, message: "invalid coins" },
  { codespace: SDK_CODESPACE, code: 11, message: "out of gas" },
  { codespace: SDK_CODESPACE, code: 12, message: "memo too large" },
  { codespace: SDK_CODESPACE, code: 13, message: "insufficient fee" },
  { codespace: SDK_CODESPACE, code: 14, message: "maximum number of signatures exceeded" },
  { codespace: SDK_CODESPACE, code: 15, message: "no signatures supplied" },
  { codespace: SDK_CODESPACE, code: 18, message: "invalid request" },
  { codespace: SDK_CODESPACE, code: 19, message: "tx already in mempool" },
  { codespace: SDK_CODESPACE, code: 20, message: "mempool is full" },
  { codespace: SDK_CODESPACE, code: 21, message: "tx too large" },
  { codespace: SDK_CODESPACE, code: 22, message: "key not found" },
  { codespace: SDK_CODESPACE, code: 28, message: "invalid chain-id" },
  { codespace: SDK_CODESPACE, code: 30, message: "tx timeout height" },
  { codespace: SDK_CODESPACE, code: 32, message: "incorrect account sequence" },
  { codespace: SDK_CODESPACE, code: 41, message: "invalid gas limit" },
];

// Wrappers the SDK adds around a failed simulation/query; they are only used when nothing more specific matches.
const GENERIC_SDK_CODES: ReadonlySet<number> = new Set([SdkErrorCodes.UnknownRequest, SdkErrorCodes.InvalidRequest]);

/** Where a transaction failed: gas simulation, CheckTx (mempool admission), DeliverTx (block execution), or waiting for inclusion. */
export type TxErrorStage = "simulate" | "checkTx" | "deliverTx" | "timeout";

/** Fields of a `ClearchainTxError`. */
export interface ClearchainTxErrorInit {
  readonly code: number;
  readonly codespace: string;
  readonly log: string;
  readonly txHash?: string;
  readonly height?: number;
  readonly stage: TxErrorStage;
  readonly message?: string;
}

// Source locations in Go error texts: cosmossdk.io/errors formats `%v` of a wrapped error with a
// " [<file>.go:<line>]" suffix (an absolute build path unless built with -trimpath), `%+v` with a stack trace of
// "<func>\n\t<file>.go:<line>" frames, and module paths such as "cosmossdk.io/errors@v1.0.2/errors.go:151" or
// "github.com/org/repo/x/file.go:12" appear bare.
const GO_FRAME_BRACKETED = /[ \t]*\[[^[\]\s]*\.go:\d+(?::\d+)?\]/g;
const GO_FRAME_TOKEN = /[^\s[\]()"'`,;]*\.go:\d+(?::\d+)?/g;
// Transport wrappers CosmJS and gRPC put around a failed ABCI query (e.g. a simulation).
const TRANSPORT_PREFIXES = [/Query failed with \(\d+\):\s*/g, /rpc error: code = \w+ desc = /g];

/** cleanErrorText removes Go source locations (" [/path/file.go:12]", "github.com/...go:12") and transport prefixes from a node's error text. */
export function cleanErrorText(text: string): string {
  let out = text.replace(GO_FRAME_BRACKETED, "");
  out = out.replace(GO_FRAME_TOKEN, "");
  for (const re of TRANSPORT_PREFIXES) out = out.replace(re, "");
  return out
    .replace(/[ \t]*\n\s*/g, " ") // stack trace frames left empty lines
    .replace(/[ \t]{2,}/g, " ")
    .replace(/ +([:,;])/g, "$1")
    .trim();
}

/** A failed Clearchain transaction (simulation, CheckTx, DeliverTx or inclusion timeout) with its ABCI code and codespace. */
export class ClearchainTxError extends Error {
  /** ABCI error code (0 never occurs here). */
  public readonly code: number;
  /** Codespace of the error, e.g. "clearing", "circuit", "sdk". */
  public readonly codespace: string;
  /** Raw log / error text from the node, unchanged (may contain Go source paths; `message` has them removed). */
  public readonly log: string;
  /** Upper-case hex transaction hash; empty if the transaction was never broadcast. */
  public readonly txHash: string;
  /** Block height for DeliverTx failures. */
  public readonly height?: number;
  /** Stage at which the transaction failed. */
  public readonly stage: TxErrorStage;

  /** The registered error's registered message (a wrapped error keeps its context before it); `log` keeps the node's raw text. */
  public readonly registeredMessage: string;

  /**
   * `message` is the chain's error text without Go source paths, transport prefixes or the SDK's message-index
   * wrapper (chainErrorMessage): it ends with the registered message, e.g. "amount 0: invalid amount". Stage, code,
   * codespace and hash are fields; `log` keeps the node's raw text.
   */
  public constructor(init: ClearchainTxErrorInit) {
    super(init.message !== undefined ? cleanErrorText(init.message) : chainErrorMessage(init.codespace, init.code, init.log));
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = "ClearchainTxError";
    this.code = init.code;
    this.codespace = init.codespace;
    this.log = init.log;
    this.txHash = init.txHash ?? "";
    this.height = init.height;
    this.stage = init.stage;
    this.registeredMessage = registeredError(init.codespace, init.code)?.message ?? "";
  }

  /** True if this error has the given codespace and code, e.g. `err.is("clearing", ClearingErrorCodes.InsufficientCollateral)`. */
  public is(codespace: string, code: number): boolean {
    return this.codespace === codespace && this.code === code;
  }
}

/** Type guard for `ClearchainTxError` (also works across duplicated package copies). */
export function isClearchainTxError(err: unknown): err is ClearchainTxError {
  return (
    err instanceof ClearchainTxError ||
    (err instanceof Error &&
      err.name === "ClearchainTxError" &&
      typeof (err as Partial<ClearchainTxError>).code === "number" &&
      typeof (err as Partial<ClearchainTxError>).codespace === "string")
  );
}

/** Options for `parseErrorLog`. */
export interface ParseErrorOptions {
  /** Module codespaces whose registered messages may match, in order of preference (default ["clearing", "circuit"]). */
  readonly modules?: readonly string[];
}

/** A codespace/code pair extracted from an error text. */
export interface ParsedChainError {
  readonly codespace: string;
  readonly code: number;
}

const MODULE_ERRORS: Readonly<Record<string, readonly RegisteredError[]>> = {
  [CLEARING_CODESPACE]: CLEARING_ERRORS,
  [CIRCUIT_CODESPACE]: CIRCUIT_ERRORS,
  [ORACLE_CODESPACE]: ORACLE_ERRORS,
};

/** registeredError returns the registered error of a codespace and code (clearing, oracle, circuit, sdk), or undefined. */
export function registeredError(codespace: string, code: number): RegisteredError | undefined {
  const table = codespace === SDK_CODESPACE ? SDK_ERRORS : MODULE_ERRORS[codespace];
  return table?.find((e) => e.code === code);
}

// The SDK's wrapper around a failed message of a transaction.
const MSG_INDEX_PREFIX = /^failed to execute message; message index: \d+:\s*/;

/**
 * chainErrorMessage is the text a ClearchainTxError carries as `message`: the node's error text without Go source
 * paths, transport prefixes ("Query failed with (6): rpc error: code = Unknown desc = ") and the SDK's
 * "failed to execute message; message index: N:" wrapper — e.g. "equity 5 < IM 10: insufficient margin" — or the
 * registered message alone ("insufficient margin") when the node sent no text.
 */
export function chainErrorMessage(codespace: string, code: number, log: string): string {
  const registered = registeredError(codespace, code)?.message;
  let cleaned = cleanErrorText(log).replace(MSG_INDEX_PREFIX, "").trim();
  // Wrappers after the root cause (" with gas used: …: unknown request") are transport noise: end at the registered message.
  const at = registered ? cleaned.toLowerCase().lastIndexOf(registered) : -1;
  if (registered && at >= 0) cleaned = cleaned.slice(0, at + registered.length);
  if (cleaned) return cleaned;
  return registered ?? `code ${code} (codespace ${codespace || "unknown"})`;
}

// Explicit "codespace: X, code: N" in various spellings (text, JSON, CosmJS BroadcastTxError messages).
const EXPLICIT_PATTERNS: ReadonlyArray<{ re: RegExp; codespace: number; code: number }> = [
  { re: /codespace["']?\s*[:=]\s*["']?([A-Za-z][\w-]*)["']?\s*[,;]?\s*["']?code["']?\s*[:=]\s*(\d+)/i, codespace: 1, code: 2 },
  { re: /\bcode["']?\s*[:=]\s*(\d+)\s*[,;]?\s*["']?codespace["']?\s*[:=]\s*["']?([A-Za-z][\w-]*)/i, codespace: 2, code: 1 },
  { re: /\bcode (\d+) \(codespace: ([A-Za-z][\w-]*)\)/i, codespace: 2, code: 1 },
];

/** Extracts codespace and code from a chain error text (simulate/CheckTx/DeliverTx log); undefined when nothing is recognised. */
export function parseErrorLog(text: string, options: ParseErrorOptions = {}): ParsedChainError | undefined {
  for (const { re, codespace, code } of EXPLICIT_PATTERNS) {
    const m = re.exec(text);
    if (m) {
      const n = Number(m[code]);
      if (Number.isSafeInteger(n) && n > 0) return { codespace: m[codespace], code: n };
    }
  }

  const modules = options.modules ?? [CLEARING_CODESPACE, CIRCUIT_CODESPACE];
  const moduleEntries: RegisteredError[] = [];
  for (const m of modules) moduleEntries.push(...(MODULE_ERRORS[m] ?? []));
  // The circuit breaker rejects any message type in the ante handler, whatever the module.
  if (!modules.includes(CIRCUIT_CODESPACE)) moduleEntries.push(CIRCUIT_ERRORS[1]);

  const moduleHit = lastMatch(text, moduleEntries);
  if (moduleHit) return moduleHit;

  const sdkHit = lastMatch(
    text,
    SDK_ERRORS.filter((e) => !GENERIC_SDK_CODES.has(e.code)),
  );
  if (sdkHit) return sdkHit;

  // CosmJS wraps failed ABCI queries (e.g. simulation) as "Query failed with (N): ..."; N is an sdk code.
  const queryFailed = /Query failed with \((\d+)\)/.exec(text);
  if (queryFailed) return { codespace: SDK_CODESPACE, code: Number(queryFailed[1]) };

  return lastMatch(
    text,
    SDK_ERRORS.filter((e) => GENERIC_SDK_CODES.has(e.code)),
  );
}

// The root cause of a wrapped SDK error is the last registered message in the text ("wrap: wrap: root").
function lastMatch(text: string, entries: readonly RegisteredError[]): ParsedChainError | undefined {
  const lower = text.toLowerCase();
  let best: { entry: RegisteredError; end: number } | undefined;
  for (const entry of entries) {
    const end = lastBoundedIndexEnd(lower, entry.message);
    if (end < 0) continue;
    if (!best || end > best.end || (end === best.end && entry.message.length > best.entry.message.length)) {
      best = { entry, end };
    }
  }
  return best ? { codespace: best.entry.codespace, code: best.entry.code } : undefined;
}

function lastBoundedIndexEnd(haystack: string, needle: string): number {
  let from = haystack.length;
  while (from >= 0) {
    const i = haystack.lastIndexOf(needle, from);
    if (i < 0) return -1;
    const before = i === 0 ? "" : haystack[i - 1];
    const after = haystack[i + needle.length] ?? "";
    if (!/[a-z0-9_-]/.test(before) && !/[a-z0-9_-]/.test(after)) return i + needle.length;
    from = i - 1;
  }
  return -1;
}

/** True if the error (or text) reports an account sequence mismatch (sdk code 32). */
export function isSequenceMismatch(err: unknown): boolean {
  if (isClearchainTxError(err) && err.codespace === SDK_CODESPACE && err.code === SdkErrorCodes.WrongSequence) {
    return true;
  }
  const text = errorText(err);
  return /account sequence mismatch|incorrect account sequence/i.test(text);
}

/** Extracts N from "account sequence mismatch, expected N, got M"; undefined if absent. */
export function parseExpectedSequence(err: unknown): number | undefined {
  const m = /expected\s+(\d+),?\s+got\s+(\d+)/i.exec(errorText(err));
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The message/log text of any thrown value. */
export function errorText(err: unknown): string {
  if (isClearchainTxError(err)) return err.log || err.message;
  if (err instanceof Error) {
    const log = (err as { log?: unknown }).log;
    return typeof log === "string" && log.length > 0 ? `${err.message} ${log}` : err.message;
  }
  return String(err);
}

/** True if a thrown error is an ABCI error reported by the node (rather than a network/signer failure). */
export function isChainError(err: unknown): boolean {
  if (isClearchainTxError(err)) return true;
  if (err instanceof Error) {
    const e = err as { code?: unknown; codespace?: unknown };
    if (typeof e.code === "number" && typeof e.codespace === "string") return true; // CosmJS BroadcastTxError
    return /Query failed with \(\d+\)|rpc error: code =/.test(err.message);
  }
  return false;
}

/** Builds a `ClearchainTxError` from a failed simulation (CosmJS "Query failed with (N): ..." errors). */
export function simulationError(err: unknown, options: ParseErrorOptions = {}): ClearchainTxError {
  if (isClearchainTxError(err)) return err;
  const log = errorText(err);
  const parsed = parseErrorLog(log, options) ?? { codespace: "undefined", code: 1 };
  return new ClearchainTxError({ ...parsed, log, stage: "simulate" });
}

/** Builds a `ClearchainTxError` from a CheckTx or DeliverTx result, parsing the log when the codespace is missing. */
export function resultError(
  result: { code: number; codespace?: string; log?: string; txHash?: string; height?: number },
  stage: "checkTx" | "deliverTx",
  options: ParseErrorOptions = {},
): ClearchainTxError {
  const log = result.log ?? "";
  let codespace = result.codespace ?? "";
  let code = result.code;
  if (!codespace) {
    const parsed = parseErrorLog(log, options);
    if (parsed) ({ codespace, code } = parsed);
  }
  return new ClearchainTxError({ code, codespace, log, txHash: result.txHash, height: result.height, stage });
}
