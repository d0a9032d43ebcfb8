import { getAminoPubkey, type StdFee } from "@cosmjs/amino";
import { toHex } from "@cosmjs/encoding";
import type { EncodeObject, OfflineSigner } from "@cosmjs/proto-signing";
import {
  calculateFee,
  type DeliverTxResponse,
  GasPrice,
  isDynamicGasPriceConfig,
  type SignerData,
  SigningStargateClient,
  type SigningStargateClientOptions,
} from "@cosmjs/stargate";
import { Comet38Client, type CometClient, type HttpEndpoint } from "@cosmjs/tendermint-rpc";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";

import { clearchainAminoTypes } from "./amino.js";
import { type AmountInput, isBareAmount, parseAmount } from "./amount.js";
import { createClearchainQueryClient, endpointUrl } from "./client.js";
import { ClearchainQueries, installClearchainQueries } from "./clientGetters.js";
import {
  COLLATERAL_DENOM,
  DEFAULT_GAS_MULTIPLIER,
  DEFAULT_GAS_PRICE,
  DEFAULT_MAX_SEQUENCE_RETRIES,
  DEFAULT_TX_POLL_INTERVAL_MS,
  DEFAULT_TX_TIMEOUT_MS,
} from "./constants.js";
import { resultError } from "./errors.js";
import { DEFAULT_MAX_SIMULATE_BYTES, simulateChunked } from "./gasEstimate.js";
import type { Params } from "./generated/clearchain/clearing/v1/params.js";
import type { Fill, FillResult } from "./generated/clearchain/clearing/v1/order.js";
import { type ClearchainDeliverTxResponse, cometTxLookup, waitForTx } from "./inclusion.js";
import type { IntegerInput } from "./integer.js";
import { composeMsgResetCircuitBreaker, composeMsgTripCircuitBreaker } from "./modules/circuit/messages.js";
import { composeMsgLiquidate, liquidateResponse, type SubaccountRef } from "./modules/clearing/liquidation.js";
import {
  cancelOrdersResponse, composeMsgCancelOrders, composeMsgDeposit, composeMsgSetIsolated, composeMsgSubmitTrades, composeMsgTransfer,
  composeMsgUpdateParams, composeMsgWithdraw, submitTradesResponse,
} from "./modules/clearing/messages.js";
import type { ClearchainQueryClient } from "./modules/clearing/queries.js";
import { clearchainRegistry } from "./registry.js";
import { type QueuedTxResult, TxQueue, type TxQueueDeps } from "./txQueue.js";
import { modulesOfMsgs } from "./typeUrls.js";

/** Fee argument of Clearchain transactions: "auto" (simulate × multiplier), a multiplier, or an explicit StdFee. */
export type ClearchainFee = StdFee | "auto" | number;

/** Options of `SigningClearchainClient`; defaults: Clearchain registry and amino types, gas price 0.025uclear, multiplier 1.5. */
export interface SigningClearchainClientOptions extends SigningStargateClientOptions {
  /** Multiplier applied to simulated gas when the fee is "auto" (default 1.5). */
  readonly gasMultiplier?: number;
  /** How long to wait for a broadcast transaction to be included (default `broadcastTimeoutMs` or 60 000 ms). */
  readonly txTimeoutMs?: number;
  /** Poll interval while waiting for inclusion (default `broadcastPollIntervalMs` or 300 ms). */
  readonly txPollIntervalMs?: number;
  /** Retries after an account sequence mismatch (default 3). */
  readonly maxSequenceRetries?: number;
  /** Collateral denom for bare amounts; when absent it is read once from chain params (fallback "uusdc"). */
  readonly collateralDenom?: string;
  /** Encoded message bytes per simulation request; larger trade batches are simulated in chunks (default 400 000). */
  readonly maxSimulateBytes?: number;
}

/** Result of submitTrades: the DeliverTx response and the per-fill results of its MsgSubmitTradesResponse. */
export interface SubmitTradesResult {
  readonly response: DeliverTxResponse;
  /** One entry per fill, in order: success, or the codespace/code/log of its rejection. */
  readonly results: FillResult[];
  /** How many fills settled. */
  readonly settled: number;
}

/** Result of cancelOrders: the DeliverTx response and how many hashes were newly cancelled. */
export interface CancelOrdersResult {
  readonly response: DeliverTxResponse;
  /** Distinct hashes cancelled by this transaction (a repeated or already-cancelled hash counts once / not at all). */
  readonly cancelled: number;
}

/** Result of liquidate: the DeliverTx response and the takeover its MsgLiquidateResponse reports. */
export interface LiquidateResult {
  readonly response: DeliverTxResponse;
  /** Size taken over (base quantums). */
  readonly size: bigint;
  /** Fillable price it closed at (price quantums). */
  readonly price: bigint;
  /** Liquidation fee the liquidated subaccount paid to the insurance fund. */
  readonly fee: bigint;
}

/** Signing Clearchain client: CosmJS `SigningStargateClient` with clearing messages and a per-signer transaction queue. */
export class SigningClearchainClient extends SigningStargateClient {
  /** Gas multiplier used for fee "auto". */
  public readonly gasMultiplier: number;
  /** The per-signer queue every transaction of this client goes through. */
  public readonly txQueue: TxQueue;
  private readonly clearchainSigner: OfflineSigner;
  private readonly clearchainGasPrice: GasPrice;
  private readonly clearchainQuery: ClearchainQueryClient | undefined;
  private readonly txTimeoutMs: number;
  private readonly txPollIntervalMs: number;
  private readonly fixedCollateralDenom: string | undefined;
  private readonly maxSimulateBytes: number;
  private collateralDenomPromise: Promise<string> | undefined;
  /** The RPC URL given to connectWithSigner() (used by subscribeLiquidations). */
  public rpcUrl: string | undefined;

  /** Connects over CometBFT 0.38/0.39 RPC (`Comet38Client`; CosmJS auto-detection misreads 0.39) with a signer. */
  public static override async connectWithSigner(
    endpoint: string | HttpEndpoint,
    signer: OfflineSigner,
    options: SigningClearchainClientOptions = {},
  ): Promise<SigningClearchainClient> {
    const cometClient = await Comet38Client.connect(endpoint);
    const client = new SigningClearchainClient(cometClient, signer, options);
    client.rpcUrl = endpointUrl(endpoint);
    return client;
  }

  /** Creates a signing client from an already connected Comet client. */
  public static override createWithSigner(
    cometClient: CometClient,
    signer: OfflineSigner,
    options: SigningClearchainClientOptions = {},
  ): SigningClearchainClient {
    return new SigningClearchainClient(cometClient, signer, options);
  }

  /** Creates an offline client (signing only; every network method throws). */
  public static override async offline(
    signer: OfflineSigner,
    options: SigningClearchainClientOptions = {},
  ): Promise<SigningClearchainClient> {
    return new SigningClearchainClient(undefined, signer, options);
  }

  protected constructor(
    cometClient: CometClient | undefined,
    signer: OfflineSigner,
    options: SigningClearchainClientOptions,
  ) {
    const gasPrice = options.gasPrice ?? GasPrice.fromString(DEFAULT_GAS_PRICE);
    super(cometClient, signer, {
      ...options,
      registry: options.registry ?? clearchainRegistry(),
      aminoTypes: options.aminoTypes ?? clearchainAminoTypes(),
      gasPrice,
    });
    this.clearchainSigner = signer;
    this.clearchainGasPrice = isDynamicGasPriceConfig(gasPrice) ? gasPrice.minGasPrice : gasPrice;
    this.gasMultiplier = options.gasMultiplier ?? DEFAULT_GAS_MULTIPLIER;
    this.txTimeoutMs = options.txTimeoutMs ?? options.broadcastTimeoutMs ?? DEFAULT_TX_TIMEOUT_MS;
    this.txPollIntervalMs = options.txPollIntervalMs ?? options.broadcastPollIntervalMs ?? DEFAULT_TX_POLL_INTERVAL_MS;
    this.fixedCollateralDenom = options.collateralDenom;
    this.maxSimulateBytes = options.maxSimulateBytes ?? DEFAULT_MAX_SIMULATE_BYTES;
    this.clearchainQuery = cometClient ? createClearchainQueryClient(cometClient) : undefined;
    this.txQueue = new TxQueue(this.queueDeps(), {
      gasMultiplier: this.gasMultiplier,
      maxSequenceRetries: options.maxSequenceRetries ?? DEFAULT_MAX_SEQUENCE_RETRIES,
    });
  }

  /** CosmJS QueryClient with the `clearing` and `circuit` extensions (throws when offline). */
  public get clearingQueryClient(): ClearchainQueryClient {
    if (!this.clearchainQuery) throw new Error("SigningClearchainClient is offline");
    return this.clearchainQuery;
  }

  /** Collateral denom used for bare amounts: read once from chain params and cached (fallback "uusdc"). */
  public async getCollateralDenom(): Promise<string> {
    if (this.fixedCollateralDenom) return this.fixedCollateralDenom;
    if (!this.collateralDenomPromise) {
      const p = this.getParams().then((params) => params.collateralDenom || COLLATERAL_DENOM);
      this.collateralDenomPromise = p;
      // Do not cache a failed lookup: fall back now, retry next time.
      p.catch(() => {
        if (this.collateralDenomPromise === p) this.collateralDenomPromise = undefined;
      });
    }
    try {
      return await this.collateralDenomPromise;
    } catch {
      return COLLATERAL_DENOM;
    }
  }

  /** Turns an `AmountInput` into a Coin, using the (cached) chain collateral denom for bare amounts. */
  public async resolveAmount(amount: AmountInput): Promise<{ denom: string; amount: string }> {
    const denom = isBareAmount(amount) ? await this.getCollateralDenom() : COLLATERAL_DENOM;
    return parseAmount(amount, denom);
  }

  /** Deposits `amount` from `owner`'s bank balance into subaccount `subaccountNumber`; throws ClearchainTxError on failure. */
  public async deposit(
    owner: string,
    subaccountNumber: number,
    amount: AmountInput,
    fee: ClearchainFee = "auto",
    memo = "",
  ): Promise<DeliverTxResponse> {
    const coin = await this.resolveAmount(amount);
    const msg = composeMsgDeposit({ sender: owner, subaccountNumber, amount: coin });
    return this.signAndBroadcastQueued(owner, [msg], fee, memo);
  }

  /** Withdraws `amount` from subaccount `subaccountNumber` to `recipient` (default `owner`); throws ClearchainTxError on failure. */
  public async withdraw(
    owner: string,
    subaccountNumber: number,
    amount: AmountInput,
    fee: ClearchainFee = "auto",
    memo = "",
    recipient = "",
  ): Promise<DeliverTxResponse> {
    const coin = await this.resolveAmount(amount);
    const msg = composeMsgWithdraw({ sender: owner, subaccountNumber, amount: coin, recipient });
    return this.signAndBroadcastQueued(owner, [msg], fee, memo);
  }

  /** Submits fills matched by a venue, signed by `submitter` (any account): per-fill results from the tx's
   * MsgSubmitTradesResponse. A rejected fill does not fail the tx; ClearchainTxError when the whole tx fails. */
  public async submitTrades(
    submitter: string,
    fills: readonly Fill[],
    fee: ClearchainFee = "auto",
    memo = "",
  ): Promise<SubmitTradesResult> {
    const response = await this.signAndBroadcastQueued(submitter, [composeMsgSubmitTrades({ submitter, fills })], fee, memo);
    const decoded = submitTradesResponse(response);
    return { response, results: decoded.results, settled: decoded.settled };
  }

  /**
   * Cancels orders `owner` signed, by the hex hashes orderHash() returns (or the 32 hash bytes); a later fill of a
   * cancelled order is rejected with OrderCancelled (33). Only the orders' own signer's cancellation counts: cancelling
   * someone else's hash has no effect on that order. goodTilBlock (default 0: chosen by the chain) is how long the
   * cancellations are kept. Throws TypeError for a malformed hash, ClearchainTxError when the transaction fails.
   */
  public async cancelOrders(
    owner: string,
    subaccountNumber: number,
    orderHashes: readonly (string | Uint8Array)[],
    goodTilBlock: IntegerInput = 0n,
    fee: ClearchainFee = "auto",
    memo = "",
  ): Promise<CancelOrdersResult> {
    const msg = composeMsgCancelOrders({ sender: owner, subaccountNumber, orderHashes, goodTilBlock });
    const response = await this.signAndBroadcastQueued(owner, [msg], fee, memo);
    return { response, cancelled: cancelOrdersResponse(response).cancelled };
  }

  /**
   * Takes over (part of) a liquidatable subaccount's position in marketId into the liquidator's subaccount at the
   * fillable price: at most size base quantums (the chain closes at most what restores the target). The liquidator's
   * subaccount must meet initial margin afterwards. Throws ClearchainTxError: NotLiquidatable (38) on a healthy target,
   * NoPosition (39) without a position in the market, InsufficientMargin (23) when the liquidator cannot carry it.
   */
  public async liquidate(
    liquidator: string,
    liquidatorSubaccountNumber: number,
    target: SubaccountRef,
    marketId: number,
    size: IntegerInput,
    fee: ClearchainFee = "auto",
    memo = "",
  ): Promise<LiquidateResult> {
    const msg = composeMsgLiquidate({
      liquidator, liquidatorSubaccountNumber, owner: target.owner, subaccountNumber: target.subaccountNumber, marketId, size,
    });
    const response = await this.signAndBroadcastQueued(liquidator, [msg], fee, memo);
    return { response, ...liquidateResponse(response) };
  }

  /** Moves free collateral between two subaccounts of `owner`; throws ClearchainTxError on failure. */
  public async transfer(
    owner: string,
    fromNumber: number,
    toNumber: number,
    amount: AmountInput,
    fee: ClearchainFee = "auto",
    memo = "",
  ): Promise<DeliverTxResponse> {
    const coin = await this.resolveAmount(amount);
    return this.signAndBroadcastQueued(owner, [composeMsgTransfer({ sender: owner, fromNumber, toNumber, amount: coin })], fee, memo);
  }

  /** Isolates a flat subaccount to one market (marketId 0 returns it to cross margin); throws on failure. */
  public async setIsolated(
    owner: string,
    subaccountNumber: number,
    marketId: number,
    fee: ClearchainFee = "auto",
    memo = "",
  ): Promise<DeliverTxResponse> {
    return this.signAndBroadcastQueued(owner, [composeMsgSetIsolated({ sender: owner, subaccountNumber, marketId })], fee, memo);
  }

  /** Sends MsgUpdateParams signed by `authority` (only the gov authority succeeds); throws ClearchainTxError on failure. */
  public async updateParams(
    authority: string,
    params: Params,
    fee: ClearchainFee = "auto",
    memo = "",
  ): Promise<DeliverTxResponse> {
    return this.signAndBroadcastQueued(authority, [composeMsgUpdateParams({ authority, params })], fee, memo);
  }

  /** Disables message types via the circuit breaker (authority only); throws ClearchainTxError on failure. */
  public async tripCircuitBreaker(
    authority: string,
    msgTypeUrls: readonly string[],
    fee: ClearchainFee = "auto",
    memo = "",
  ): Promise<DeliverTxResponse> {
    return this.signAndBroadcastQueued(authority, [composeMsgTripCircuitBreaker({ authority, msgTypeUrls })], fee, memo);
  }

  /** Re-enables message types via the circuit breaker (authority only); throws ClearchainTxError on failure. */
  public async resetCircuitBreaker(
    authority: string,
    msgTypeUrls: readonly string[],
    fee: ClearchainFee = "auto",
    memo = "",
  ): Promise<DeliverTxResponse> {
    return this.signAndBroadcastQueued(authority, [composeMsgResetCircuitBreaker({ authority, msgTypeUrls })], fee, memo);
  }

  /** Signs and broadcasts through the per-signer queue, waits for inclusion, throws ClearchainTxError on any failure. */
  public async signAndBroadcastQueued(
    signerAddress: string,
    messages: readonly EncodeObject[],
    fee: ClearchainFee = "auto",
    memo = "",
    timeoutHeight?: bigint,
  ): Promise<ClearchainDeliverTxResponse> {
    const { transactionHash } = await this.submitQueued(signerAddress, messages, fee, memo, timeoutHeight);
    const result = await this.waitForTx(transactionHash);
    if (result.code !== 0) {
      throw resultError(
        {
          code: result.code,
          codespace: result.codespace,
          log: result.rawLog ?? "",
          txHash: transactionHash,
          height: result.height,
        },
        "deliverTx",
        { modules: modulesOfMsgs(messages) },
      );
    }
    return result;
  }

  /** Queue-backed CosmJS `signAndBroadcast`: returns the DeliverTx result whatever its code; throws ClearchainTxError if simulation or CheckTx fails. */
  public override async signAndBroadcast(
    signerAddress: string,
    messages: readonly EncodeObject[],
    fee: ClearchainFee,
    memo = "",
    timeoutHeight?: bigint,
  ): Promise<DeliverTxResponse> {
    const { transactionHash } = await this.submitQueued(signerAddress, messages, fee, memo, timeoutHeight);
    return this.waitForTx(transactionHash);
  }

  /** Queue-backed CosmJS `signAndBroadcastSync`: resolves the hash once CheckTx passed. */
  public override async signAndBroadcastSync(
    signerAddress: string,
    messages: readonly EncodeObject[],
    fee: ClearchainFee,
    memo = "",
    timeoutHeight?: bigint,
  ): Promise<string> {
    return (await this.submitQueued(signerAddress, messages, fee, memo, timeoutHeight)).transactionHash;
  }

  /** Enqueues a transaction; resolves with its hash, sequence and fee once it passed CheckTx. */
  public async submitQueued(
    signerAddress: string,
    messages: readonly EncodeObject[],
    fee: ClearchainFee = "auto",
    memo = "",
    timeoutHeight?: bigint,
  ): Promise<QueuedTxResult> {
    return this.txQueue.submit(signerAddress, { msgs: messages, fee, memo, timeoutHeight });
  }

  /** Waits until `hash` is included in a block (any result code); throws ClearchainTxError (stage "timeout") after `txTimeoutMs`. */
  public async waitForTx(hash: string, timeoutMs = this.txTimeoutMs): Promise<ClearchainDeliverTxResponse> {
    return waitForTx(cometTxLookup(this.forceGetCometClient()), hash, {
      timeoutMs,
      pollIntervalMs: this.txPollIntervalMs,
    });
  }

  private queueDeps(): TxQueueDeps {
    return {
      fetchAccount: async (address) => {
        const account = await this.getAccount(address);
        return account
          ? { accountNumber: account.accountNumber, sequence: account.sequence }
          : { accountNumber: 0n, sequence: 0, exists: false };
      },
      getChainId: async () => this.getChainId(),
      simulate: async (address, msgs, memo, sequence) => {
        const accounts = await this.clearchainSigner.getAccounts();
        const account = accounts.find((a) => a.address === address);
        if (!account) throw new Error(`Signer has no account ${address}`);
        // Large trade batches are simulated in chunks (see gasEstimate.ts).
        return simulateChunked(msgs, async (group) => {
          const anyMsgs = group.map((m) => this.registry.encodeAsAny(m));
          const { gasInfo } = await this.forceGetQueryClient().tx.simulate(anyMsgs, memo, getAminoPubkey(account), sequence);
          if (!gasInfo) throw new Error("simulation returned no gas info");
          return Number(gasInfo.gasUsed);
        }, this.maxSimulateBytes);
      },
      feeForGas: (gasLimit) => calculateFee(gasLimit, this.clearchainGasPrice),
      sign: async (address, msgs, fee, memo, signerData: SignerData, timeoutHeight) => {
        const txRaw = await this.sign(address, msgs, fee, memo, signerData, timeoutHeight);
        return TxRaw.encode(txRaw).finish();
      },
      broadcastSync: async (txBytes) => {
        const res = await this.forceGetCometClient().broadcastTxSync({ tx: txBytes });
        const hash = toHex(res.hash).toUpperCase();
        if (res.code !== 0) {
          throw resultError({ code: res.code, codespace: res.codespace ?? "", log: res.log ?? "", txHash: hash }, "checkTx");
        }
        return hash;
      },
    };
  }
}

/** SigningClearchainClient has every getter and subscribe method of ClearchainQueries (one implementation, shared with ClearchainClient). */
export interface SigningClearchainClient extends ClearchainQueries {}
installClearchainQueries(SigningClearchainClient);
