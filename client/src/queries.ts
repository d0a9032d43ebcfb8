import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { QueryClientImpl as CircuitQueryClientImpl } from "./generated/clearchain/circuit/v1/query.js";
import type { Params } from "./generated/clearchain/clearing/v1/params.js";
import {
  QueryClientImpl as ClearingQueryClientImpl,
  type QuerySubaccountResponse,
  type QuerySubaccountsByOwnerResponse,
} from "./generated/clearchain/clearing/v1/query.js";
import { PageRequest } from "./generated/cosmos/base/query/v1beta1/pagination.js";
import type { LiquidationExtension } from "./liquidation.js";
import type { OracleExtension } from "./oracle.js";
import type { TradingExtension } from "./tradingQueries.js";

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

/** CosmJS QueryClient extension for the circuit module (`client.clearingQueryClient.circuit`). */
export interface CircuitExtension {
  readonly circuit: {
    /** Message type URLs currently disabled by the circuit breaker, sorted. */
    readonly disabledList: () => Promise<string[]>;
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

/** Builds the circuit extension on a CosmJS QueryClient (use with `QueryClient.withExtensions`). */
export function setupCircuitExtension(base: QueryClient): CircuitExtension {
  const queryService = new CircuitQueryClientImpl(createProtobufRpcClient(base));
  return {
    circuit: {
      disabledList: async () => (await queryService.DisabledList({})).disabledList,
    },
  };
}
