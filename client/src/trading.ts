import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import type { Coin } from "./generated/cosmos/base/v1beta1/coin.js";
import type { SubaccountHealth } from "./generated/clearchain/clearing/v1/health.js";
import type { Fill, OrderFillState } from "./generated/clearchain/clearing/v1/order.js";
import {
  type MarketView,
  QueryClientImpl as ClearingQueryClientImpl,
  type QueryWhatIfResponse,
  type HypotheticalFill,
} from "./generated/clearchain/clearing/v1/query.js";
import { MsgSetIsolated, MsgSubmitTrades, MsgTransfer } from "./generated/clearchain/clearing/v1/tx.js";
import { clearingTypeUrls } from "./typeUrls.js";

/** Type URL of MsgSubmitTrades. */
export const MsgSubmitTradesTypeUrl = clearingTypeUrls.MsgSubmitTrades;
/** Type URL of MsgTransfer. */
export const MsgTransferTypeUrl = clearingTypeUrls.MsgTransfer;
/** Type URL of MsgSetIsolated. */
export const MsgSetIsolatedTypeUrl = clearingTypeUrls.MsgSetIsolated;

/** composeMsgSubmitTrades builds a MsgSubmitTrades for any submitter (a venue). */
export function composeMsgSubmitTrades(input: { submitter: string; fills: Fill[] }) {
  return { typeUrl: MsgSubmitTradesTypeUrl, value: MsgSubmitTrades.fromPartial(input) };
}

/** composeMsgTransfer builds a MsgTransfer between two subaccounts of sender. */
export function composeMsgTransfer(input: { sender: string; fromNumber: number; toNumber: number; amount: Coin }) {
  return { typeUrl: MsgTransferTypeUrl, value: MsgTransfer.fromPartial(input) };
}

/** composeMsgSetIsolated builds a MsgSetIsolated (marketId 0 returns to cross margin). */
export function composeMsgSetIsolated(input: { sender: string; subaccountNumber: number; marketId: number }) {
  return { typeUrl: MsgSetIsolatedTypeUrl, value: MsgSetIsolated.fromPartial(input) };
}

/** CosmJS QueryClient extension for markets, health, order fills and what-if (`client.clearingQueryClient.trading`). */
export interface TradingExtension {
  readonly trading: {
    readonly markets: () => Promise<MarketView[]>;
    readonly market: (id: number) => Promise<MarketView>;
    readonly health: (owner: string, number: number) => Promise<SubaccountHealth>;
    readonly orderFill: (orderHashHex: string) => Promise<OrderFillState>;
    readonly whatIf: (owner: string, number: number, fills: HypotheticalFill[]) => Promise<QueryWhatIfResponse>;
  };
}

/** Builds the trading extension on a CosmJS QueryClient. */
export function setupTradingExtension(base: QueryClient): TradingExtension {
  const svc = new ClearingQueryClientImpl(createProtobufRpcClient(base));
  const must = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`query returned no ${what}`);
    return v;
  };
  return {
    trading: {
      markets: async () => (await svc.Markets({})).markets,
      market: async (id: number) => must((await svc.Market({ id })).market, "market"),
      health: async (owner: string, number: number) => must((await svc.SubaccountHealth({ owner, number })).health, "health"),
      orderFill: async (orderHash: string) => must((await svc.OrderFill({ orderHash })).state, "order fill"),
      whatIf: async (owner: string, number: number, fills: HypotheticalFill[]) => svc.WhatIf({ owner, number, fills }),
    },
  };
}
