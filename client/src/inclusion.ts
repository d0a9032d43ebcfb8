import { fromTendermintEvent, type DeliverTxResponse } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";

import { DEFAULT_TX_POLL_INTERVAL_MS, DEFAULT_TX_TIMEOUT_MS } from "./constants.js";
import { CLIENT_CODESPACE, ClearchainTxError, ClientErrorCodes } from "./errors.js";

/** A CosmJS `DeliverTxResponse` that also carries the ABCI codespace of a failed transaction. */
export interface ClearchainDeliverTxResponse extends DeliverTxResponse {
  /** Codespace of the DeliverTx result ("" on success). */
  readonly codespace: string;
}

/** An ABCI event as returned by the Comet clients. */
export type CometEvent = Parameters<typeof fromTendermintEvent>[0];

/** Minimal view of an indexed transaction, as returned by CometBFT `tx_search`. */
export interface IndexedTxResult {
  readonly height: number;
  readonly index: number;
  readonly result: {
    readonly code: number;
    readonly codespace?: string;
    readonly log?: string;
    readonly data?: Uint8Array;
    readonly events: readonly CometEvent[];
    readonly gasWanted: bigint;
    readonly gasUsed: bigint;
  };
}

/** Options of `waitForTx`. */
export interface WaitForTxOptions {
  /** Give up after this many ms (default 60 000). */
  readonly timeoutMs?: number;
  /** Delay between polls (default 300 ms). */
  readonly pollIntervalMs?: number;
  /** Injectable sleep (tests). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Injectable clock (tests). */
  readonly now?: () => number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Looks a transaction up by hash with CometBFT `tx_search`; undefined while it is not in a block. */
export function cometTxLookup(cometClient: CometClient): (hash: string) => Promise<IndexedTxResult | undefined> {
  return async (hash: string) => {
    const res = await cometClient.txSearch({ query: `tx.hash='${hash}'` });
    return res.txs[0];
  };
}

/** Converts an indexed transaction into a `ClearchainDeliverTxResponse`. */
export function toDeliverTxResponse(hash: string, tx: IndexedTxResult): ClearchainDeliverTxResponse {
  const txMsgData = TxMsgData.decode(tx.result.data ?? new Uint8Array());
  return {
    code: tx.result.code,
    codespace: tx.result.codespace ?? "",
    height: tx.height,
    txIndex: tx.index,
    events: tx.result.events.map(fromTendermintEvent),
    rawLog: tx.result.log ?? "",
    transactionHash: hash,
    msgResponses: txMsgData.msgResponses.map((r) => ({ typeUrl: r.typeUrl, value: new Uint8Array(r.value) })),
    gasUsed: tx.result.gasUsed,
    gasWanted: tx.result.gasWanted,
  };
}

/** Polls until `hash` is in a block (any DeliverTx code); throws ClearchainTxError (codespace "client", stage "timeout") on timeout. */
export async function waitForTx(
  lookup: (hash: string) => Promise<IndexedTxResult | undefined>,
  hash: string,
  options: WaitForTxOptions = {},
): Promise<ClearchainDeliverTxResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TX_TIMEOUT_MS;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_TX_POLL_INTERVAL_MS;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const deadline = now() + timeoutMs;
  for (;;) {
    await sleep(pollIntervalMs);
    let found: IndexedTxResult | undefined;
    try {
      found = await lookup(hash);
    } catch (err) {
      // Transient RPC errors while polling are retried until the deadline.
      if (now() >= deadline) throw err;
      continue;
    }
    if (found) return toDeliverTxResponse(hash, found);
    if (now() >= deadline) {
      throw new ClearchainTxError({
        code: ClientErrorCodes.Timeout,
        codespace: CLIENT_CODESPACE,
        log: `transaction ${hash} passed CheckTx but was not found in a block after ${timeoutMs / 1000} s`,
        txHash: hash,
        stage: "timeout",
      });
    }
  }
}
