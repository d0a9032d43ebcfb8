// computeRequirements: mirror of margin.ComputeRequirements in chain/x/clearing/margin/settle.go.
import { big, saturate } from "./arith.js";
import { fundingOwedRaw, initialMarginRaw, maintenanceMarginRaw, marketOf, notionalRaw, signedValueRaw, toMarginPosition } from "./engine.js";
import type { MarginAccountInput, MarginMarketsInput, Requirements } from "./types.js";

/**
 * computeRequirements returns equity, initial and maintenance margin with computeHealth's rounding and without
 * liquidation prices (O(positions)): equity = collateral + Σ ⌊size × price⌋ + Σ quote − Σ ⌈owed⌉, IM = Σ ⌈n × imf⌉,
 * MM = Σ ⌈n × imf × mf⌉. A position whose market is missing is valued like Go's zero Market.
 */
export function computeRequirements(account: MarginAccountInput, markets: MarginMarketsInput): Requirements {
  let equity = big(account.collateral), im = 0n, mm = 0n;
  for (const raw of account.positions ?? []) {
    const p = toMarginPosition(raw);
    const m = marketOf(markets, p.market_id);
    const n = notionalRaw(p.size, m.oracle_price, m.size_decimals, m.price_decimals);
    equity += signedValueRaw(p.size, m.oracle_price, m.size_decimals, m.price_decimals) + p.quote_balance;
    equity -= fundingOwedRaw(p.size, m.funding_index, p.funding_index, m.size_decimals);
    im += initialMarginRaw(n, m.imf_ppm);
    mm += maintenanceMarginRaw(n, m.imf_ppm, m.maintenance_fraction_ppm);
  }
  return { equity: saturate(equity), initial_margin: saturate(im), maintenance_margin: saturate(mm) };
}

/** requirementsToJSON renders Requirements like Go's encoding/json of margin.Requirements (integers as strings). */
export function requirementsToJSON(r: Requirements): Record<string, string> {
  return { equity: r.equity.toString(), initial_margin: r.initial_margin.toString(), maintenance_margin: r.maintenance_margin.toString() };
}
