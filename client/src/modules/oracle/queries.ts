// CosmJS QueryClient extension of the oracle module.
import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import type { CurrencyPair } from "../../generated/clearchain/oracle/v1/pair.js";
import type { Params as OracleParams } from "../../generated/clearchain/oracle/v1/params.js";
import { QueryClientImpl as OracleQueryClientImpl } from "../../generated/clearchain/oracle/v1/query.js";
import { type PriceHistoryInfo, type PriceInfo, splitPair, toDate, toPriceInfo } from "./views.js";

/** CosmJS QueryClient extension for the oracle module (`client.clearingQueryClient.oracle`). */
export interface OracleExtension {
  readonly oracle: {
    readonly prices: () => Promise<PriceInfo[]>;
    readonly price: (pair: string) => Promise<PriceInfo>;
    readonly history: (pair: string) => Promise<PriceHistoryInfo>;
    /** Every registered currency pair (id, decimals, band and staleness settings). */
    readonly pairs: () => Promise<CurrencyPair[]>;
    /** Oracle module parameters. */
    readonly params: () => Promise<OracleParams>;
  };
}

/** Builds the oracle extension on a CosmJS QueryClient. */
export function setupOracleExtension(base: QueryClient): OracleExtension {
  const svc = new OracleQueryClientImpl(createProtobufRpcClient(base));
  return {
    oracle: {
      prices: async () => (await svc.Prices({})).prices.map(toPriceInfo),
      price: async (pair: string) => {
        const [b, q] = splitPair(pair);
        return toPriceInfo((await svc.Price({ base: b, quote: q })).price);
      },
      history: async (pair: string) => {
        const [b, q] = splitPair(pair);
        const res = await svc.PriceHistory({ base: b, quote: q });
        return {
          pair: res.pair, decimals: res.decimals,
          points: res.points.map((p) => ({ height: p.height, priceQuantums: p.priceQuantums, blockTime: toDate(p.blockTime) })),
        };
      },
      pairs: async () => (await svc.Pairs({})).pairs,
      params: async () => {
        const { params } = await svc.Params({});
        if (!params) throw new Error("oracle params query returned no params");
        return params;
      },
    },
  };
}
