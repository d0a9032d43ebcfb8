// The query getters both Clearchain clients share, written once and installed on each client's prototype.
import type { Params } from "./generated/clearchain/clearing/v1/params.js";
import type { CurrencyPair } from "./generated/clearchain/oracle/v1/pair.js";
import { fetchMarginInputs } from "./clientQueries.js";
import type { MarginInputs } from "./marginInputs.js";
import {
  type AdlRankInfo, fetchAllPages, type InsuranceFundInfo, type LiquidatableInfo,
} from "./modules/clearing/liquidation.js";
import { type LiquidationStreamEvent, subscribeLiquidations } from "./modules/clearing/liquidationEvents.js";
import type { ClearchainQueryClient, OrderRef, WhatIfFill } from "./modules/clearing/queries.js";
import { fetchAllSubaccounts, fetchSubaccount, type SubaccountInfo } from "./modules/clearing/subaccounts.js";
import type { MarketInfo, OrderFillInfo, SubaccountHealthInfo, WhatIfResult } from "./modules/clearing/views.js";
import type { PriceHistoryInfo, PriceInfo } from "./modules/oracle/views.js";
import type { StreamEvent, SubscribeOptions, Unsubscribe } from "./streaming.js";
import {
  type ClearchainEvent, type FillFilter, type FillStreamEvent, type PriceStreamEvent, subscribeChainEvents, subscribeFills, subscribePrices,
} from "./subscriptions.js";
import { type MarketUnits, marketUnitsOf } from "./units.js";

/** Options of the clients' subscribe methods: the functions' options plus the RPC URL when the client was created from a Comet client. */
export interface ClientSubscribeOptions extends SubscribeOptions {
  /** CometBFT RPC URL (http(s) or ws(s)); default: the endpoint given to connect(). */
  readonly rpcUrl?: string;
}

/** A market with what human-unit conversion needs (its oracle pair's price decimals); see priceToQuantums. */
export type TradingMarket = MarketInfo & MarketUnits;

/** normalizeTicker makes "btc-usd", "BTC/USD" and "BTC-USD" the same ticker ("BTC-USD"). */
export function normalizeTicker(ticker: string): string {
  return ticker.trim().toUpperCase().replace("/", "-");
}

/**
 * ClearchainQueries holds every query getter of ClearchainClient and SigningClearchainClient once; both classes get
 * these methods through installClearchainQueries and declare them through interface merging. A subclass provides
 * clearingQueryClient and rpcUrl.
 */
export abstract class ClearchainQueries {
  /** CosmJS QueryClient with the clearing, trading, liquidation, oracle and circuit extensions. */
  public abstract get clearingQueryClient(): ClearchainQueryClient;
  /** The RPC URL given to connect() (used by the subscribe methods). */
  public abstract rpcUrl: string | undefined;

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

  /** One market by id, or by ticker ("BTC-USD"; case and "/" vs "-" do not matter). */
  public async getMarket(idOrTicker: number | string): Promise<MarketInfo> {
    if (typeof idOrTicker === "number") return this.clearingQueryClient.trading.market(idOrTicker);
    const want = normalizeTicker(idOrTicker);
    const found = (await this.getMarkets()).find((m) => normalizeTicker(m.ticker) === want);
    if (!found) throw new Error(`no market with ticker ${JSON.stringify(idOrTicker)}`);
    return found;
  }

  /** A market by id or ticker with its price decimals, tick and step: the argument of priceToQuantums / sizeToQuantums. */
  public async getTradingMarket(idOrTicker: number | string): Promise<TradingMarket> {
    const market = await this.getMarket(idOrTicker);
    const pair = (await this.getOraclePairs()).find((p) => p.id === market.market.pairId);
    if (!pair) throw new Error(`market ${market.ticker}: oracle pair ${market.market.pairId} not found`);
    return { ...market, ...marketUnitsOf(market.market, pair.decimals), ticker: market.ticker };
  }

  /** Every market with its units, keyed by ticker ("BTC-USD"). */
  public async getTradingMarkets(): Promise<Record<string, TradingMarket>> {
    const [markets, pairs] = await Promise.all([this.getMarkets(), this.getOraclePairs()]);
    const decimals = new Map(pairs.map((p) => [p.id, p.decimals]));
    const out: Record<string, TradingMarket> = {};
    for (const m of markets) {
      const d = decimals.get(m.market.pairId);
      if (d !== undefined) out[m.ticker] = { ...m, ...marketUnitsOf(m.market, d), ticker: m.ticker };
    }
    return out;
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

  /** Message type URLs currently disabled by the circuit breaker. */
  public async getDisabledMsgTypeUrls(): Promise<string[]> {
    return this.clearingQueryClient.circuit.disabledList();
  }

  /**
   * Delivers every liquidation, bad-debt, deleverage and sweep event to callback over the CometBFT websocket of the
   * endpoint given to connect() (or options.rpcUrl), reconnecting with bounded backoff; returns the unsubscribe function.
   */
  public subscribeLiquidations(callback: (event: LiquidationStreamEvent) => void, options: ClientSubscribeOptions = {}): Unsubscribe {
    return subscribeLiquidations(streamUrl(this, options, "subscribeLiquidations"), callback, options);
  }

  /** Delivers every settled fill matching filter ({ marketId?, owner? }) as it is committed (see subscribeFills). */
  public subscribeFills(filter: FillFilter, callback: (fill: FillStreamEvent) => void, options: ClientSubscribeOptions = {}): Unsubscribe {
    return subscribeFills(streamUrl(this, options, "subscribeFills"), filter, callback, options);
  }

  /** Delivers every oracle price update (optionally of options.pairs only) as blocks commit (see subscribePrices). */
  public subscribePrices(
    callback: (price: PriceStreamEvent) => void, options: ClientSubscribeOptions & { readonly pairs?: readonly string[] } = {},
  ): Unsubscribe {
    return subscribePrices(streamUrl(this, options, "subscribePrices"), callback, options);
  }

  /** Delivers every typed Clearchain event (clearing, liquidation, oracle, circuit) of blocks and transactions. */
  public subscribeChainEvents(callback: (event: StreamEvent<ClearchainEvent>) => void, options: ClientSubscribeOptions = {}): Unsubscribe {
    return subscribeChainEvents(streamUrl(this, options, "subscribeChainEvents"), callback, options);
  }

}

/** streamUrl is options.rpcUrl or the client's connect() endpoint. */
function streamUrl(client: ClearchainQueries, options: ClientSubscribeOptions, what: string): string {
  const url = options.rpcUrl ?? client.rpcUrl;
  if (!url) throw new Error(`${what} needs the RPC URL: pass options.rpcUrl (the client was not created by connect())`);
  return url;
}

/** installClearchainQueries copies ClearchainQueries' methods onto a client class's prototype (the class declares them by interface merging). */
export function installClearchainQueries(target: { readonly prototype: object }): void {
  for (const name of Object.getOwnPropertyNames(ClearchainQueries.prototype)) {
    if (name === "constructor" || name === "clearingQueryClient") continue;
    const descriptor = Object.getOwnPropertyDescriptor(ClearchainQueries.prototype, name);
    if (descriptor && !Object.prototype.hasOwnProperty.call(target.prototype, name)) Object.defineProperty(target.prototype, name, descriptor);
  }
}
