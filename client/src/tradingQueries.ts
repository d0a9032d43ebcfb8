// CosmJS QueryClient extension for markets, subaccount health, order fills and what-if.
import { toHex } from "@cosmjs/encoding";
import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import type { Order } from "./generated/clearchain/clearing/v1/order.js";
import { QueryClientImpl as ClearingQueryClientImpl } from "./generated/clearchain/clearing/v1/query.js";
import { type IntegerInput, orderHash, type SideInput, toInteger, toSide } from "./orders.js";
import {
  type MarketInfo, type OrderFillInfo, type SubaccountHealthInfo, toMarketInfo, toOrderFillInfo, toSubaccountHealthInfo, toWhatIfResult,
  type WhatIfResult,
} from "./tradingViews.js";

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
