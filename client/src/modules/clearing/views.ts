// Friendly views of the clearing module's trading queries: every amount a bigint.
import type { PositionHealth, SubaccountHealth } from "../../generated/clearchain/clearing/v1/health.js";
import type { Market, MarketState, MarketStatus } from "../../generated/clearchain/clearing/v1/market.js";
import type { OrderFillState } from "../../generated/clearchain/clearing/v1/order.js";
import type { MarketView, QueryWhatIfResponse } from "../../generated/clearchain/clearing/v1/query.js";

/** A market's evolving state; the math.Int fields (fundingIndex, this block's premium accumulators) as bigints. */
export interface MarketStateInfo extends Omit<MarketState, "fundingIndex" | "blockPremiumNotional" | "blockPremiumWeightedPpm"> {
  readonly fundingIndex: bigint;
  /** This block's notional of fills that count toward the funding premium (reset each block). */
  readonly blockPremiumNotional: bigint;
  /** This block's Σ notional × band-clamped premium (ppm) of those fills (reset each block). */
  readonly blockPremiumWeightedPpm: bigint;
}

/** A market with its state, effective status (gov status, or reduce-only while the oracle is stale/halted) and oracle price. */
export interface MarketInfo {
  readonly id: number;
  readonly ticker: string;
  /** The definition (tick/step sizes, margin fractions, fees; 64-bit fields are bigints). */
  readonly market: Market;
  readonly state: MarketStateInfo;
  readonly effectiveStatus: MarketStatus;
  /** Oracle price in price quantums (0 if never priced). */
  readonly oraclePrice: bigint;
}

/** One position of a health view; amounts in collateral base units, prices in price quantums, sizes in base quantums. */
export interface PositionHealthInfo {
  readonly marketId: number;
  readonly ticker: string;
  readonly size: bigint;
  readonly entryPrice: bigint;
  readonly oraclePrice: bigint;
  readonly notional: bigint;
  readonly unrealizedPnl: bigint;
  readonly fundingOwed: bigint;
  readonly imfPpm: bigint;
  readonly initialMargin: bigint;
  readonly maintenanceMargin: bigint;
  readonly liquidationPrice: bigint;
}

/** The chain margin engine's view of a subaccount. */
export interface SubaccountHealthInfo {
  readonly owner: string;
  readonly number: number;
  readonly collateral: bigint;
  readonly positions: readonly PositionHealthInfo[];
  readonly equity: bigint;
  readonly initialMargin: bigint;
  readonly maintenanceMargin: bigint;
  /** equity − initialMargin (may be negative). */
  readonly freeCollateral: bigint;
  readonly marginRatioPpm: bigint;
  readonly leveragePpm: bigint;
  readonly liquidatable: boolean;
  /** 0 for cross margin. */
  readonly isolatedMarketId: number;
  readonly withdrawable: bigint;
}

/** Health before and after hypothetical fills; meetsInitialMargin says whether the chain would accept them. */
export interface WhatIfResult {
  readonly before: SubaccountHealthInfo;
  readonly after: SubaccountHealthInfo;
  readonly meetsInitialMargin: boolean;
}

/** How much of an order has filled (0 / 0 for an unknown or pruned order). */
export interface OrderFillInfo {
  readonly filled: bigint;
  readonly goodTilBlock: bigint;
}

/** int parses a math.Int string ("" → 0). */
const int = (s: string | undefined): bigint => (s ? BigInt(s) : 0n);

/** toMarketInfo converts a generated MarketView. */
export function toMarketInfo(v: MarketView): MarketInfo {
  if (!v.market || !v.state) throw new Error("market view without market or state");
  return {
    id: v.market.id, ticker: v.market.ticker, market: v.market,
    state: {
      ...v.state, fundingIndex: int(v.state.fundingIndex), blockPremiumNotional: int(v.state.blockPremiumNotional),
      blockPremiumWeightedPpm: int(v.state.blockPremiumWeightedPpm),
    },
    effectiveStatus: v.effectiveStatus, oraclePrice: v.oraclePrice,
  };
}

/** toPositionHealthInfo converts a generated PositionHealth. */
export function toPositionHealthInfo(p: PositionHealth): PositionHealthInfo {
  return {
    marketId: p.marketId, ticker: p.ticker, size: int(p.size), entryPrice: int(p.entryPrice), oraclePrice: p.oraclePrice,
    notional: int(p.notional), unrealizedPnl: int(p.unrealizedPnl), fundingOwed: int(p.fundingOwed), imfPpm: p.imfPpm,
    initialMargin: int(p.initialMargin), maintenanceMargin: int(p.maintenanceMargin), liquidationPrice: int(p.liquidationPrice),
  };
}

/** toSubaccountHealthInfo converts a generated SubaccountHealth. */
export function toSubaccountHealthInfo(h: SubaccountHealth | undefined): SubaccountHealthInfo {
  if (!h) throw new Error("query returned no health");
  return {
    owner: h.owner, number: h.number, collateral: int(h.collateral), positions: h.positions.map(toPositionHealthInfo),
    equity: int(h.equity), initialMargin: int(h.initialMargin), maintenanceMargin: int(h.maintenanceMargin),
    freeCollateral: int(h.freeCollateral), marginRatioPpm: h.marginRatioPpm, leveragePpm: h.leveragePpm,
    liquidatable: h.liquidatable, isolatedMarketId: h.isolatedMarketId, withdrawable: int(h.withdrawable),
  };
}

/** toWhatIfResult converts a generated QueryWhatIfResponse. */
export function toWhatIfResult(r: QueryWhatIfResponse): WhatIfResult {
  return { before: toSubaccountHealthInfo(r.before), after: toSubaccountHealthInfo(r.after), meetsInitialMargin: r.meetsInitialMargin };
}

/** toOrderFillInfo converts a generated OrderFillState. */
export function toOrderFillInfo(s: OrderFillState | undefined): OrderFillInfo {
  return { filled: s?.filled ?? 0n, goodTilBlock: s?.goodTilBlock ?? 0n };
}
