// Multi-query helpers shared by ClearchainClient and SigningClearchainClient.
import { marginAccountFromSubaccount, type MarginInputs, marginMarketsFromChain } from "./marginInputs.js";
import type { ClearchainQueryClient } from "./modules/clearing/queries.js";

/** fetchMarginInputs reads a subaccount, the markets of its positions, oracle pair decimals and max_upnl_withdraw_ppm. */
export async function fetchMarginInputs(q: ClearchainQueryClient, owner: string, number: number): Promise<MarginInputs> {
  const [sub, markets, pairs, params] = await Promise.all([
    q.clearing.subaccount(owner, number), q.trading.markets(), q.oracle.pairs(), q.clearing.params(),
  ]);
  const account = marginAccountFromSubaccount(sub.subaccount ?? { collateral: sub.collateral, positions: [] });
  return { account, markets: marginMarketsFromChain(markets, pairs), maxUpnlWithdrawPpm: params.maxUpnlWithdrawPpm };
}
