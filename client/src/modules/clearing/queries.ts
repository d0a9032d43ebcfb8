// CosmJS QueryClient extensions of the clearing module: params and subaccounts (clearing), markets, health, order
// fills and what-if (trading); the liquidation queries are in liquidation.ts.
import { toHex } from "@cosmjs/encoding";
import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import type { Order } from "../../generated/clearchain/clearing/v1/order.js";
import type { Params } from "../../generated/clearchain/clearing/v1/params.js";
import {
  QueryClientImpl as ClearingQueryClientImpl,
  type QuerySubaccountResponse,
  type QuerySubaccountsByOwnerResponse,
} from "../../generated/clearchain/clearing/v1/query.js";
import { PageRequest } from "../../generated/cosmos/base/query/v1beta1/pagination.js";
import { type IntegerInput, orderHash, type SideInput, toInteger, toSide } from "../../orders.js";
import type { CircuitExtension } from "../circuit/queries.js";
import type { OracleExtension } from "../oracle/queries.js";
import type { LiquidationExtension } from "./liquidation.js";
import {
  type MarketInfo, type OrderFillInfo, type SubaccountHealthInfo, toMarketInfo, toOrderFillInfo, toSubaccountHealthInfo, toWhatIfResult,
  type WhatIfResult,
} from "./views.js";

/** CosmJS QueryClient extension for the clearing module (`client.clearingQueryClient.clearing`). */
export interface ClearingExtension {
  readonly clearing: {
    /** Current module parameters. */
    readonly params: () => Promise<Params>;
    /** One subaccount; an unknown subaccount comes back with collateral "0". */
    readonly subaccount: (owner: string, number: number) => Promise<QuerySubaccountResponse>;
    /** One page of an owner's subaccounts; pass the previous `pagination.nextKey` to continue. */
    readonly subaccountsByOwner: (owner: string, paginationKey?: Uint8Array) => Promise<QuerySubaccountsByOwnerResponse>;
  };
}

/** The QueryClient type exposed as `clearingQueryClient` by both Clearchain clients. */
export type ClearchainQueryClient = QueryClient & ClearingExtension & CircuitExtension & OracleExtension & TradingExtension & LiquidationExtension;

/** Builds the clearing extension on a CosmJS QueryClient (use with `QueryClient.withExtensions`). */
export function setupClearingExtension(base: QueryClient): ClearingExtension {
  const queryService = new ClearingQueryClientImpl(createProtobufRpcClient(base));
  return {
    clearing: {
      params: async () => {
        const { params } = await queryService.Params({});
        if (!params) throw new Error("clearing params query returned no params");
        return params;
      },
      subaccount: async (owner: string, number: number) => queryService.Subaccount({ owner, number }),
      subaccountsByOwner: async (owner: string, paginationKey?: Uint8Array) =>
        queryService.SubaccountsByOwner({
          owner,
          pagination: paginationKey ? PageRequest.fromPartial({ key: paginationKey }) : undefined,
        }),
    },
  };
}


/** A hypothetical fill of whatIf: side "buy"/"sell" (or the enum), size in base and price in price quantums. */
export interface WhatIfFill {
  readonly marketId: number;
  readonly side: SideInput;
  readonly size: IntegerInput;
  readonly price: IntegerInput;
  /** Charged the taker fee (default false: maker fee). */
  readonly isTaker?: boolean;
}

/** An order reference: its hex hash (any case), the 32 hash bytes, or the Order itself. */
export type OrderRef = string | Uint8Array | Order;

/** orderHashOf returns the lowercase hex hash of an OrderRef. */
export function orderHashOf(ref: OrderRef): string {
  if (typeof ref === "string") return ref.toLowerCase();
  if (ref instanceof Uint8Array) return toHex(ref);
  return orderHash(ref);
}

/** CosmJS QueryClient extension for trading queries (`client.clearingQueryClient.trading`). */
export interface TradingExtension {
  readonly trading: {
    readonly markets: () => Promise<MarketInfo[]>;
    readonly market: (id: number) => Promise<MarketInfo>;
    readonly health: (owner: string, number: number) => Promise<SubaccountHealthInfo>;
    readonly orderFill: (order: OrderRef) => Promise<OrderFillInfo>;
    readonly whatIf: (owner: string, number: number, fills: readonly WhatIfFill[]) => Promise<WhatIfResult>;
  };
}

/** setupTradingExtension builds the trading extension on a CosmJS QueryClient. */
export function setupTradingExtension(base: QueryClient): TradingExtension {
  const svc = new ClearingQueryClientImpl(createProtobufRpcClient(base));
  return {
    trading: {
      markets: async () => (await svc.Markets({})).markets.map(toMarketInfo),
      market: async (id: number) => {
        const { market } = await svc.Market({ id });
        if (!market) throw new Error(`query returned no market ${id}`);
        return toMarketInfo(market);
      },
      health: async (owner: string, number: number) => toSubaccountHealthInfo((await svc.SubaccountHealth({ owner, number })).health),
      orderFill: async (order: OrderRef) => toOrderFillInfo((await svc.OrderFill({ orderHash: orderHashOf(order) })).state),
      whatIf: async (owner: string, number: number, fills: readonly WhatIfFill[]) =>
        toWhatIfResult(
          await svc.WhatIf({
            owner, number,
            fills: fills.map((f) => ({
              marketId: f.marketId, side: toSide(f.side), size: toInteger(f.size, "size"), price: toInteger(f.price, "price"), isTaker: f.isTaker ?? false,
            })),
          }),
        ),
    },
  };
}
