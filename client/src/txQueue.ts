import type { StdFee } from "@cosmjs/amino";
import type { EncodeObject } from "@cosmjs/proto-signing";

import { DEFAULT_GAS_MULTIPLIER, DEFAULT_MAX_SEQUENCE_RETRIES } from "./constants.js";
import {
  ClearchainTxError,
  isChainError,
  isClearchainTxError,
  isSequenceMismatch,
  parseExpectedSequence,
  resultError,
  SDK_CODESPACE,
  SdkErrorCodes,
  simulationError,
} from "./errors.js";
import { modulesOfMsgs } from "./typeUrls.js";

/** Account number and next sequence of a signer. */
export interface SignerAccountState {
  readonly accountNumber: bigint;
  readonly sequence: number;
  /** False when the chain does not know the account yet: the state is then not cached. */
  readonly exists?: boolean;
}

/** Signing data passed to `TxQueueDeps.sign` (same shape as CosmJS `SignerData`). */
export interface QueueSignerData {
  readonly accountNumber: bigint;
  readonly sequence: number;
  readonly chainId: string;
}

/** One transaction to sign and broadcast through the queue. */
export interface QueuedTx {
  readonly msgs: readonly EncodeObject[];
  /** "auto" = simulate × default multiplier; a number = simulate × that multiplier; a StdFee is used as is. */
  readonly fee: StdFee | "auto" | number;
  readonly memo: string;
  readonly timeoutHeight?: bigint;
}

/** What the queue needs from a node and a signer; injected so the queue is testable without a node. */
export interface TxQueueDeps {
  /** Committed account number and sequence ({0n, 0} for an account the chain does not know yet). */
  readonly fetchAccount: (address: string) => Promise<SignerAccountState>;
  /** Chain ID to sign for. */
  readonly getChainId: () => Promise<string>;
  /** Gas used when simulating `msgs` signed by `address` at `sequence`; throws the node's error on failure. */
  readonly simulate: (address: string, msgs: readonly EncodeObject[], memo: string, sequence: number) => Promise<number>;
  /** Fee paying for `gasLimit` at the client's gas price. */
  readonly feeForGas: (gasLimit: number) => StdFee;
  /** Signs and serialises a transaction (TxRaw bytes). */
  readonly sign: (
    address: string,
    msgs: readonly EncodeObject[],
    fee: StdFee,
    memo: string,
    signerData: QueueSignerData,
    timeoutHeight?: bigint,
  ) => Promise<Uint8Array>;
  /** Broadcasts and waits for CheckTx only; resolves the upper-case hex hash, throws (ClearchainTxError) when CheckTx fails. */
  readonly broadcastSync: (txBytes: Uint8Array) => Promise<string>;
  /** Sleep used between retries (injectable for tests). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Tuning of the transaction queue. */
export interface TxQueueOptions {
  /** Multiplier applied to simulated gas for fee "auto" (default 1.5). */
  readonly gasMultiplier?: number;
  /** How many times a transaction is retried after an account sequence mismatch (default 3). */
  readonly maxSequenceRetries?: number;
  /** Base delay before refetching the sequence from the chain (default 250 ms, grows linearly per retry). */
  readonly retryDelayMs?: number;
}

/** Result of a transaction that passed CheckTx. */
export interface QueuedTxResult {
  /** Upper-case hex transaction hash. */
  readonly transactionHash: string;
  /** Sequence the transaction was signed with. */
  readonly sequence: number;
  /** Fee the transaction was signed with. */
  readonly fee: StdFee;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Per-signer serial queue: tracks account sequences locally so many concurrent transactions from one key never collide. */
export class TxQueue {
  private readonly deps: TxQueueDeps;
  private readonly gasMultiplier: number;
  private readonly maxSequenceRetries: number;
  private readonly retryDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly tails = new Map<string, Promise<void>>();
  private readonly accounts = new Map<string, { accountNumber: bigint; sequence: number }>();

  public constructor(deps: TxQueueDeps, options: TxQueueOptions = {}) {
    this.deps = deps;
    this.gasMultiplier = options.gasMultiplier ?? DEFAULT_GAS_MULTIPLIER;
    this.maxSequenceRetries = options.maxSequenceRetries ?? DEFAULT_MAX_SEQUENCE_RETRIES;
    this.retryDelayMs = options.retryDelayMs ?? 250;
    this.sleep = deps.sleep ?? defaultSleep;
  }

  /** Enqueues a transaction for `address`; resolves once it passed CheckTx, rejects with ClearchainTxError on chain errors. */
  public submit(address: string, tx: QueuedTx): Promise<QueuedTxResult> {
    const prev = this.tails.get(address) ?? Promise.resolve();
    const run = prev.then(() => this.process(address, tx));
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(address, tail);
    void tail.then(() => {
      if (this.tails.get(address) === tail) this.tails.delete(address);
    });
    return run;
  }

  /** The next sequence the queue will sign with for `address`, if it is tracking it. */
  public localSequence(address: string): number | undefined {
    return this.accounts.get(address)?.sequence;
  }

  /** Forgets the tracked sequence of `address` (it is refetched before the next transaction). */
  public reset(address?: string): void {
    if (address === undefined) this.accounts.clear();
    else this.accounts.delete(address);
  }

  /** Number of signers with queued or in-flight transactions. */
  public get activeSigners(): number {
    return this.tails.size;
  }

  private async account(address: string): Promise<{ accountNumber: bigint; sequence: number }> {
    let state = this.accounts.get(address);
    if (!state) {
      const fetched = await this.deps.fetchAccount(address);
      state = { accountNumber: fetched.accountNumber, sequence: fetched.sequence };
      // An unknown account gets its account number when first funded: refetch next time.
      if (fetched.exists !== false) this.accounts.set(address, state);
    }
    return state;
  }

  private async process(address: string, tx: QueuedTx): Promise<QueuedTxResult> {
    const modules = modulesOfMsgs(tx.msgs);
    const chainId = await this.deps.getChainId();
    let retries = 0;
    // Sequence used only to estimate gas when the node's check state briefly lags our local sequence.
    let simulateSequence: number | undefined;

    for (;;) {
      const state = await this.account(address);
      const sequence = state.sequence;
      let stage: "simulate" | "checkTx" = "simulate";
      try {
        let fee: StdFee;
        if (typeof tx.fee === "object") {
          fee = tx.fee;
        } else {
          const multiplier = typeof tx.fee === "number" ? tx.fee : this.gasMultiplier;
          const gas = await this.deps.simulate(address, tx.msgs, tx.memo, simulateSequence ?? sequence);
          fee = this.deps.feeForGas(Math.ceil(gas * multiplier));
        }
        stage = "checkTx";
        const txBytes = await this.deps.sign(
          address,
          tx.msgs,
          fee,
          tx.memo,
          { accountNumber: state.accountNumber, sequence, chainId },
          tx.timeoutHeight,
        );
        const transactionHash = await this.deps.broadcastSync(txBytes);
        // Only a CheckTx success consumes the sequence.
        if (this.accounts.get(address) === state) state.sequence = sequence + 1;
        return { transactionHash, sequence, fee };
      } catch (err) {
        if (stage === "checkTx" && isTxInCache(err) && retries < this.maxSequenceRetries) {
          // The node already holds a byte-identical tx: another client signed the same msgs with this sequence.
          retries++;
          simulateSequence = undefined;
          if (this.accounts.get(address) === state) state.sequence = sequence + 1;
          // Random back-off so two clients sending identical txs stop colliding.
          await this.sleep(Math.random() * this.retryDelayMs);
          continue;
        }
        if (!isChainError(err)) throw err;
        const txErr = toTxError(err, stage, modules);
        if (stage === "checkTx" && txErr.codespace === SDK_CODESPACE && txErr.code === SdkErrorCodes.Unauthorized) {
          // Signature verification failed: the cached account number may be stale; refetch for the next tx.
          if (this.accounts.get(address) === state) this.accounts.delete(address);
        }
        if (!isSequenceMismatch(txErr) || retries >= this.maxSequenceRetries) throw txErr;
        retries++;
        const expected = parseExpectedSequence(txErr);
        if (stage === "simulate" && expected !== undefined && expected < sequence) {
          // The node's check state is behind our local sequence (e.g. mid-recheck after a block):
          // estimate gas at its sequence, keep signing with ours.
          simulateSequence = expected;
          await this.sleep(Math.min(50 * retries, this.retryDelayMs));
          continue;
        }
        simulateSequence = undefined;
        if (expected !== undefined) {
          this.accounts.set(address, { accountNumber: state.accountNumber, sequence: expected });
        } else {
          this.accounts.delete(address);
          await this.sleep(this.retryDelayMs * retries);
        }
      }
    }
  }
}

// CometBFT rejects a byte-identical tx still in its cache with a JSON-RPC error (not an ABCI code).
function isTxInCache(err: unknown): boolean {
  return err instanceof Error && /tx already exists in cache/i.test(err.message);
}

function toTxError(err: unknown, stage: "simulate" | "checkTx", modules: string[]): ClearchainTxError {
  if (isClearchainTxError(err)) return err;
  if (stage === "simulate") return simulationError(err, { modules });
  const e = err as { code?: unknown; codespace?: unknown; log?: unknown; message?: string };
  if (typeof e.code === "number") {
    return resultError(
      {
        code: e.code,
        codespace: typeof e.codespace === "string" ? e.codespace : "",
        log: typeof e.log === "string" ? e.log : (e.message ?? ""),
      },
      "checkTx",
      { modules },
    );
  }
  const parsed = simulationError(err, { modules });
  return new ClearchainTxError({ code: parsed.code, codespace: parsed.codespace, log: parsed.log, stage: "checkTx" });
}
