// Liquidation: MsgLiquidate (type URL, composer, response) and the liquidation queries (liquidatable set, full scan,
// deferred queue, insurance fund, ADL rank) as a CosmJS QueryClient extension with bigint views.
import type { EncodeObject } from "@cosmjs/proto-signing";
import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { MsgLiquidate, MsgLiquidateResponse } from "../../generated/clearchain/clearing/v1/tx.js";
import {
  type InsuranceFlow, type LiquidatableEntry, QueryClientImpl as ClearingQueryClientImpl, type QueryInsuranceFundResponse,
} from "../../generated/clearchain/clearing/v1/query.js";
import { PageRequest, type PageResponse } from "../../generated/cosmos/base/query/v1beta1/pagination.js";
import { type IntegerInput, toInteger } from "../../orders.js";
import { type SubaccountHealthInfo, toSubaccountHealthInfo } from "./views.js";
import { clearingTypeUrls } from "../../typeUrls.js";
import { assertUint32 } from "../../validation.js";

/** Type URL of MsgLiquidate. */
export const MsgLiquidateTypeUrl = clearingTypeUrls.MsgLiquidate;
/** Type URL of MsgLiquidateResponse (in a tx's msgResponses). */
export const MsgLiquidateResponseTypeUrl = "/clearchain.clearing.v1.MsgLiquidateResponse" as const;

/** EncodeObject carrying a MsgLiquidate. */
export interface MsgLiquidateEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgLiquidateTypeUrl;
  readonly value: MsgLiquidate;
}

/** A subaccount named by owner and number (the liquidation target). */
export interface SubaccountRef {
  readonly owner: string;
  readonly subaccountNumber: number;
}

/** Input of composeMsgLiquidate. */
export interface ComposeLiquidateInput {
  /** Signs and owns the receiving subaccount. */
  readonly liquidator: string;
  /** The liquidator's subaccount that takes the position over (0..127). */
  readonly liquidatorSubaccountNumber: number;
  /** The liquidatable subaccount's owner. */
  readonly owner: string;
  /** The liquidatable subaccount's number. */
  readonly subaccountNumber: number;
  /** The position's market. */
  readonly marketId: number;
  /** The most to take over, in base quantums (uint64; the chain closes at most what restores the subaccount). */
  readonly size: IntegerInput;
}

/** composeMsgLiquidate builds a MsgLiquidate EncodeObject (no liquidatability check: the chain answers 38 on a healthy target). */
export function composeMsgLiquidate(input: ComposeLiquidateInput): MsgLiquidateEncodeObject {
  assertUint32(input.liquidatorSubaccountNumber, "liquidator subaccount number");
  assertUint32(input.subaccountNumber, "subaccount number");
  assertUint32(input.marketId, "market id");
  return {
    typeUrl: MsgLiquidateTypeUrl,
    value: MsgLiquidate.fromPartial({
      liquidator: input.liquidator, liquidatorSubaccountNumber: input.liquidatorSubaccountNumber, owner: input.owner,
      subaccountNumber: input.subaccountNumber, marketId: input.marketId, size: toInteger(input.size, "size"),
    }),
  };
}

/** The takeover a MsgLiquidate executed. */
export interface LiquidateOutcome {
  /** Size taken over, in base quantums. */
  readonly size: bigint;
  /** Fillable price of the close, in price quantums. */
  readonly price: bigint;
  /** Liquidation fee the liquidated subaccount paid to the insurance fund (collateral base units). */
  readonly fee: bigint;
}

/** liquidateResponse decodes the MsgLiquidateResponse of a delivered tx (the first one, or the one at msgIndex). */
export function liquidateResponse(
  response: { readonly msgResponses: ReadonlyArray<{ readonly typeUrl: string; readonly value: Uint8Array }> },
  msgIndex?: number,
): LiquidateOutcome {
  const candidates = msgIndex !== undefined ? [response.msgResponses[msgIndex]] : response.msgResponses;
  const found = candidates.find((r) => r?.typeUrl === MsgLiquidateResponseTypeUrl);
  if (!found) throw new Error("transaction carries no MsgLiquidateResponse");
  const r = MsgLiquidateResponse.decode(found.value);
  return { size: r.size, price: r.price, fee: BigInt(r.fee || "0") };
}

/** A subaccount below maintenance margin, as the liquidation queries list it. */
export interface LiquidatableInfo {
  readonly owner: string;
  readonly number: number;
  /** Equity at current prices (collateral base units; may be negative). */
  readonly equity: bigint;
  readonly maintenanceMargin: bigint;
  /** Deferred by the per-block caps (processed first next block). */
  readonly queued: boolean;
}

/** One inflow (positive) or outflow (negative) of the insurance fund. */
export interface InsuranceFlowInfo {
  readonly height: bigint;
  /** Signed amount: positive in, negative out. */
  readonly amount: bigint;
  /** "trading_fees", "liquidation_fee", "bad_debt", "backstop_margin" or "backstop_release". */
  readonly reason: string;
}

/** The insurance fund: its cash, its backstop subaccount (positions taken over) and recent flows, newest first. */
export interface InsuranceFundInfo {
  readonly balance: bigint;
  readonly backstop: SubaccountHealthInfo;
  readonly recentFlows: readonly InsuranceFlowInfo[];
}

/** A position's auto-deleveraging standing. */
export interface AdlRankInfo {
  /** A position in profit of a subaccount with positive equity. */
  readonly eligible: boolean;
  /** Unrealised PnL ratio × leverage, ppm (higher deleverages first). */
  readonly scorePpm: bigint;
  /** 1 for the first position deleveraged on its side among the ranked ones; 0 when not eligible. */
  readonly rank: number;
  /** How many positions were ranked (bounded by adl_scan_limit). */
  readonly ranked: number;
}

/** One page of a liquidation list query. */
export interface LiquidatablePage {
  readonly subaccounts: LiquidatableInfo[];
  /** Key of the next page (undefined at the end). */
  readonly nextKey: Uint8Array | undefined;
}

/** int parses a math.Int string ("" → 0). */
const int = (s: string | undefined): bigint => (s ? BigInt(s) : 0n);

/** toLiquidatableInfo converts a generated LiquidatableEntry. */
export function toLiquidatableInfo(e: LiquidatableEntry): LiquidatableInfo {
  return { owner: e.owner, number: e.number, equity: int(e.equity), maintenanceMargin: int(e.maintenanceMargin), queued: e.queued };
}

/** toInsuranceFlowInfo converts a generated InsuranceFlow. */
export function toInsuranceFlowInfo(f: InsuranceFlow): InsuranceFlowInfo {
  return { height: f.height, amount: int(f.amount), reason: f.reason };
}

/** toInsuranceFundInfo converts a generated QueryInsuranceFundResponse. */
export function toInsuranceFundInfo(r: QueryInsuranceFundResponse): InsuranceFundInfo {
  return { balance: int(r.balance), backstop: toSubaccountHealthInfo(r.backstop), recentFlows: r.recentFlows.map(toInsuranceFlowInfo) };
}

const page = (key?: Uint8Array) => (key && key.length > 0 ? PageRequest.fromPartial({ key }) : undefined);
const toPage = (r: { subaccounts: LiquidatableEntry[]; pagination?: PageResponse }): LiquidatablePage => ({
  subaccounts: r.subaccounts.map(toLiquidatableInfo),
  nextKey: r.pagination?.nextKey?.length ? r.pagination.nextKey : undefined,
});

/** CosmJS QueryClient extension for the liquidation queries (`client.clearingQueryClient.liquidation`). */
export interface LiquidationExtension {
  readonly liquidation: {
    /** One page of the subaccounts the sweep found liquidatable at current prices. */
    readonly liquidatable: (paginationKey?: Uint8Array) => Promise<LiquidatablePage>;
    /** One page of a full scan of every subaccount (debug reference for the sweep; pages the scanned subaccounts). */
    readonly liquidatableFullScan: (paginationKey?: Uint8Array) => Promise<LiquidatablePage>;
    /** One page of the liquidatable subaccounts the per-block caps deferred, in processing order. */
    readonly liquidationQueue: (paginationKey?: Uint8Array) => Promise<LiquidatablePage>;
    /** The insurance fund's balance, backstop subaccount and recent flows. */
    readonly insuranceFund: () => Promise<InsuranceFundInfo>;
    /** A position's ADL standing. */
    readonly adlRank: (owner: string, number: number, marketId: number) => Promise<AdlRankInfo>;
  };
}

/** setupLiquidationExtension builds the liquidation extension on a CosmJS QueryClient. */
export function setupLiquidationExtension(base: QueryClient): LiquidationExtension {
  const svc = new ClearingQueryClientImpl(createProtobufRpcClient(base));
  return {
    liquidation: {
      liquidatable: async (key?: Uint8Array) => toPage(await svc.Liquidatable({ pagination: page(key) })),
      liquidatableFullScan: async (key?: Uint8Array) => toPage(await svc.LiquidatableFullScan({ pagination: page(key) })),
      liquidationQueue: async (key?: Uint8Array) => toPage(await svc.LiquidationQueue({ pagination: page(key) })),
      insuranceFund: async () => toInsuranceFundInfo(await svc.InsuranceFund({})),
      adlRank: async (owner: string, number: number, marketId: number) => {
        const r = await svc.AdlRank({ owner, number, marketId });
        return { eligible: r.eligible, scorePpm: int(r.scorePpm), rank: r.rank, ranked: r.ranked };
      },
    },
  };
}

// Upper bound on pages read by fetchAllPages (guards against a looping next key).
const MAX_PAGES = 10_000;

/** fetchAllPages follows a paginated liquidation query to the end (throws on a repeated next key). */
export async function fetchAllPages(fetchPage: (key?: Uint8Array) => Promise<LiquidatablePage>, what = "liquidation query"): Promise<LiquidatableInfo[]> {
  const out: LiquidatableInfo[] = [];
  const seen = new Set<string>();
  let key: Uint8Array | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const p = await fetchPage(key);
    out.push(...p.subaccounts);
    if (!p.nextKey) return out;
    const id = Array.from(p.nextKey).join(",");
    if (seen.has(id)) throw new Error(`${what} pagination returned a repeated next key`);
    seen.add(id);
    key = p.nextKey;
  }
  throw new Error(`${what} returned more than ${MAX_PAGES} pages`);
}
