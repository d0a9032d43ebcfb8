// Building computeHealth's inputs from chain queries, exactly as the keeper builds the Go engine's inputs.
import type { Subaccount } from "./generated/clearchain/clearing/v1/subaccount.js";
import type { CurrencyPair } from "./generated/clearchain/oracle/v1/pair.js";
import type { MarginAccount, MarginMarket } from "./margin/index.js";
import type { MarketInfo } from "./modules/clearing/views.js";

/** marginMarketFromChain mirrors keeper.marginMarket: oracle price, effective IMF (base IMF while unset), funding index. */
export function marginMarketFromChain(m: MarketInfo, priceDecimals: number): MarginMarket {
  return {
    market_id: m.id, size_decimals: m.market.sizeDecimals, price_decimals: priceDecimals, oracle_price: m.oraclePrice,
    imf_ppm: m.state.imfEffectivePpm || m.market.initialMarginPpm, maintenance_fraction_ppm: m.market.maintenanceFractionPpm,
    funding_index: m.state.fundingIndex,
  };
}

/** marginMarketsFromChain indexes markets by id, taking each price_decimals from its oracle pair. */
export function marginMarketsFromChain(markets: readonly MarketInfo[], pairs: readonly CurrencyPair[]): Record<number, MarginMarket> {
  const decimals = new Map(pairs.map((p) => [p.id, p.decimals]));
  const out: Record<number, MarginMarket> = {};
  for (const m of markets) {
    const d = decimals.get(m.market.pairId);
    if (d === undefined) throw new Error(`market ${m.ticker}: oracle pair ${m.market.pairId} not found`);
    out[m.id] = marginMarketFromChain(m, d);
  }
  return out;
}

/** marginAccountFromSubaccount converts a stored subaccount (collateral and positions) to the engine's account. */
export function marginAccountFromSubaccount(s: Pick<Subaccount, "collateral" | "positions">): MarginAccount {
  return {
    collateral: BigInt(s.collateral || "0"),
    positions: s.positions.map((p) => ({
      market_id: p.marketId, size: BigInt(p.size || "0"), quote_balance: BigInt(p.quoteBalance || "0"), funding_index: BigInt(p.fundingIndex || "0"),
    })),
  };
}

/** Everything computeHealth needs to reproduce the chain's health of one subaccount. */
export interface MarginInputs {
  readonly account: MarginAccount;
  readonly markets: Record<number, MarginMarket>;
  readonly maxUpnlWithdrawPpm: bigint;
}
