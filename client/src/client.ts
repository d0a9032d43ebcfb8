import { QueryClient, StargateClient, type StargateClientOptions } from "@cosmjs/stargate";
import { Comet38Client, type CometClient, type HttpEndpoint } from "@cosmjs/tendermint-rpc";

import type { Params } from "./generated/clearchain/clearing/v1/params.js";
import {
  type ClearchainQueryClient,
  setupCircuitExtension,
  setupClearingExtension,
} from "./queries.js";
import { fetchAllSubaccounts, fetchSubaccount, type SubaccountInfo } from "./subaccounts.js";
import { setupOracleExtension, type PriceHistoryInfo, type PriceInfo } from "./oracle.js";
import { setupTradingExtension } from "./tradingQueries.js";
import type { CurrencyPair } from "./generated/clearchain/oracle/v1/pair.js";
import { fetchMarginInputs } from "./clientQueries.js";
import type { MarginInputs } from "./marginInputs.js";
import type { OrderRef, WhatIfFill } from "./tradingQueries.js";
import type { MarketInfo, OrderFillInfo, SubaccountHealthInfo, WhatIfResult } from "./tradingViews.js";
import {
  type AdlRankInfo, fetchAllPages, type InsuranceFundInfo, type LiquidatableInfo, setupLiquidationExtension,
} from "./liquidation.js";
import {
  type LiquidationStreamEvent, subscribeLiquidations, type SubscribeLiquidationsOptions, type Unsubscribe,
} from "./liquidationEvents.js";

/** Options of the clients' subscribeLiquidations: the function's options plus the RPC URL when the client was created from a Comet client. */
export interface ClientSubscribeOptions extends SubscribeLiquidationsOptions {
  /** CometBFT RPC URL (http(s) or ws(s)); default: the endpoint given to connect(). */
  readonly rpcUrl?: string;
}

/** endpointUrl returns the URL of a connect() endpoint. */
export function endpointUrl(endpoint: string | HttpEndpoint): string {
  return typeof endpoint === "string" ? endpoint : endpoint.url;
}

/** Options of `ClearchainClient` (same as CosmJS `StargateClientOptions`). */
export type ClearchainClientOptions = StargateClientOptions;

/** Builds the clearing+circuit QueryClient for a connected Comet client. */
export function createClearchainQueryClient(cometClient: CometClient): ClearchainQueryClient {
  return QueryClient.withExtensions(
    cometClient, setupClearingExtension, setupCircuitExtension, setupOracleExtension, setupTradingExtension, setupLiquidationExtension,
  );
}

/** Read-only Clearchain client: CosmJS `StargateClient` plus clearing queries. */
export class ClearchainClient extends StargateClient {
  private readonly clearchainQuery: ClearchainQueryClient | undefined;
  /** The RPC URL given to connect() (used by subscribeLiquidations). */
  public rpcUrl: string | undefined;

  /** Connects over CometBFT 0.38/0.39 RPC (`Comet38Client`; CosmJS auto-detection misreads 0.39). */
  public static override async connect(
    endpoint: string | HttpEndpoint,
    options: ClearchainClientOptions = {},
  ): Promise<ClearchainClient> {
    const cometClient = await Comet38Client.connect(endpoint);
    const client = new ClearchainClient(cometClient, options);
    client.rpcUrl = endpointUrl(endpoint);
    return client;
  }

  /** Creates a client from an already connected Comet client. */
  public static override create(cometClient: CometClient, options: ClearchainClientOptions = {}): ClearchainClient {
    return new ClearchainClient(cometClient, options);
  }

  protected constructor(cometClient: CometClient | undefined, options: ClearchainClientOptions) {
    super(cometClient, options);
    this.clearchainQuery = cometClient ? createClearchainQueryClient(cometClient) : undefined;
  }

  /** CosmJS QueryClient with the `clearing` and `circuit` extensions (throws when not connected). */
  public get clearingQueryClient(): ClearchainQueryClient {
    if (!this.clearchainQuery) throw new Error("ClearchainClient is not connected");
    return this.clearchainQuery;
  }

  /** One subaccount of `owner`; collateral is "0" for an unknown subaccount. */
  public async getSubaccount(owner: string, number: number): Promise<SubaccountInfo> {
    return fetchSubaccount(this.clearingQueryClient, owner, number);
  }

  /** All subaccounts of `owner`, ordered by number (follows pagination to the end). */
  public async getSubaccounts(owner: string): Promise<SubaccountInfo[]> {
    return fetchAllSubaccounts(this.clearingQueryClient, owner);
  }

  /** Every oracle pair's current price (validators' stake-weighted median). */
  public async getPrices(): Promise<PriceInfo[]> {
    return this.clearingQueryClient.oracle.prices();
  }

  /** One pair's current price, e.g. getPrice("BTC/USD"). */
  public async getPrice(pair: string): Promise<PriceInfo> {
    return this.clearingQueryClient.oracle.price(pair);
  }

  /** One pair's stored price history, newest first. */
  public async getPriceHistory(pair: string): Promise<PriceHistoryInfo> {
    return this.clearingQueryClient.oracle.history(pair);
  }

  /** Every registered oracle currency pair (id, decimals, …). */
  public async getOraclePairs(): Promise<CurrencyPair[]> {
    return this.clearingQueryClient.oracle.pairs();
  }

  /** Every market with its state, effective status and oracle price. */
  public async getMarkets(): Promise<MarketInfo[]> {
    return this.clearingQueryClient.trading.markets();
  }

  /** One market by id. */
  public async getMarket(id: number): Promise<MarketInfo> {
    return this.clearingQueryClient.trading.market(id);
  }

  /** The chain margin engine's view of a subaccount (equity, IM, MM, free collateral, positions, liquidation prices). */
  public async getSubaccountHealth(owner: string, number: number): Promise<SubaccountHealthInfo> {
    return this.clearingQueryClient.trading.health(owner, number);
  }

  /** How much of an order has filled, by hex hash (see orderHash), hash bytes or the Order itself. */
  public async getOrderFill(order: OrderRef): Promise<OrderFillInfo> {
    return this.clearingQueryClient.trading.orderFill(order);
  }

  /** Health before and after hypothetical fills, computed by the chain without changing state. */
  public async whatIf(owner: string, number: number, fills: readonly WhatIfFill[]): Promise<WhatIfResult> {
    return this.clearingQueryClient.trading.whatIf(owner, number, fills);
  }

  /** computeHealth inputs for a subaccount, built like the keeper builds the Go engine's (same answer as getSubaccountHealth). */
  public async getMarginInputs(owner: string, number: number): Promise<MarginInputs> {
    return fetchMarginInputs(this.clearingQueryClient, owner, number);
  }

  /** Current clearing module parameters. */
  public async getParams(): Promise<Params> {
    return this.clearingQueryClient.clearing.params();
  }

  /** Every subaccount the sweep found liquidatable at current prices (all pages). */
  public async getLiquidatable(): Promise<LiquidatableInfo[]> {
    return fetchAllPages(this.clearingQueryClient.liquidation.liquidatable, "liquidatable");
  }

  /** Every liquidatable subaccount found by a full scan of all subaccounts (the sweep's debug reference; all pages). */
  public async getLiquidatableFullScan(): Promise<LiquidatableInfo[]> {
    return fetchAllPages(this.clearingQueryClient.liquidation.liquidatableFullScan, "liquidatable full scan");
  }

  /** Liquidatable subaccounts the per-block caps deferred, in processing order (all pages). */
  public async getLiquidationQueue(): Promise<LiquidatableInfo[]> {
    return fetchAllPages(this.clearingQueryClient.liquidation.liquidationQueue, "liquidation queue");
  }

  /** The insurance fund: balance, its backstop subaccount's health and recent flows (newest first). */
  public async getInsuranceFund(): Promise<InsuranceFundInfo> {
    return this.clearingQueryClient.liquidation.insuranceFund();
  }

  /** A position's auto-deleveraging standing (score, rank among its side, how many were ranked). */
  public async getAdlRank(owner: string, subaccountNumber: number, marketId: number): Promise<AdlRankInfo> {
    return this.clearingQueryClient.liquidation.adlRank(owner, subaccountNumber, marketId);
  }

  /**
   * Delivers every liquidation, bad-debt, deleverage and sweep event to callback over the CometBFT websocket of the
   * endpoint given to connect() (or options.rpcUrl), reconnecting with bounded backoff; returns the unsubscribe function.
   */
  public subscribeLiquidations(callback: (event: LiquidationStreamEvent) => void, options: ClientSubscribeOptions = {}): Unsubscribe {
    const url = options.rpcUrl ?? this.rpcUrl;
    if (!url) throw new Error("subscribeLiquidations needs the RPC URL: pass options.rpcUrl (the client was not created by connect())");
    return subscribeLiquidations(url, callback, options);
  }

  /** Message type URLs currently disabled by the circuit breaker. */
  public async getDisabledMsgTypeUrls(): Promise<string[]> {
    return this.clearingQueryClient.circuit.disabledList();
  }
}
