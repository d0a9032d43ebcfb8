// settleSide: mirror of margin.SettleSide in chain/x/clearing/margin/settle.go (one side of a fill: positions,
// realised PnL, fee, requirements before and after, and the margin verdict).
import { big } from "./arith.js";
import { isRiskReducing, marketOf, toMarginPosition } from "./engine.js";
import { applyFill, fee } from "./fill.js";
import { computeRequirements, requirementsToJSON } from "./requirements.js";
import type { FillSideInput, FillTermsInput, MarginMarketsInput, MarginPosition, Requirements, SideOutcome } from "./types.js";
import { Verdict, verdictName } from "./verdict.js";

/** searchFirst is Go's sort.Search: the smallest j in [0, n) with f(j), or n (binary search, same probes as Go). */
function searchFirst(n: number, f: (j: number) => boolean): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const h = (lo + hi) >>> 1;
    if (!f(h)) lo = h + 1;
    else hi = h;
  }
  return lo;
}

/**
 * settleSide applies a fill to one side and decides whether margin allows it, with Go's rules in Go's order:
 * a new position beyond max_positions is refused (account unchanged); under reduce_only a fill that does not only
 * shrink the position is refused; after the fill (realised PnL and fee in collateral) equity ≥ initial margin is
 * accepted; otherwise the fill must reduce risk, leave equity ≥ 0 and not lower equity ÷ maintenance margin
 * (equity_after × MM_before ≥ equity_before × MM_after; MM_after = 0 needs equity ≥ 0 only). Positions stay
 * sorted by market: a new one is inserted in place and a closed one dropped. Inputs take the vectors' JSON shape.
 */
export function settleSide(side: FillSideInput, terms: FillTermsInput, markets: MarginMarketsInput): SideOutcome {
  const id = Number(terms.market_id);
  const m = marketOf(markets, id);
  const before = computeRequirements(side.account, markets);
  const collateral = big(side.account.collateral);
  const positions: MarginPosition[] = (side.account.positions ?? []).map(toMarginPosition);
  const i = searchFirst(positions.length, (j) => positions[j].market_id >= id);
  const exists = i < positions.length && positions[i].market_id === id;
  if (!exists && BigInt(positions.length) >= big(terms.max_positions)) {
    return {
      account: { collateral, positions }, old_size: 0n, new_size: 0n, realized_pnl: 0n, fee: 0n, notional: 0n, reducing: false,
      before, after: { equity: 0n, initial_margin: 0n, maintenance_margin: 0n }, verdict: Verdict.TooManyPositions,
    };
  }
  const pos: MarginPosition = exists ? positions[i] : { market_id: id, size: 0n, quote_balance: 0n, funding_index: m.funding_index };
  const fill = applyFill(pos, big(side.delta), big(terms.price), m.size_decimals, m.price_decimals);
  const oldSize = pos.size, newSize = fill.position.size;
  const fillFee = fee(fill.notional, side.fee_ppm ?? 0n);
  const reducing = isRiskReducing(oldSize, newSize);
  if (exists && newSize === 0n) positions.splice(i, 1);
  else if (exists) positions[i] = fill.position;
  else positions.splice(i, 0, fill.position);
  const account = { collateral: collateral + fill.realized_pnl - fillFee, positions };
  const after = computeRequirements(account, markets);
  return {
    account, old_size: oldSize, new_size: newSize, realized_pnl: fill.realized_pnl, fee: fillFee, notional: fill.notional, reducing,
    before, after, verdict: marginVerdict(side.reduce_only ?? false, reducing, before, after),
  };
}

/** marginVerdict applies settleSide's margin rules to the requirements before and after a fill. */
function marginVerdict(reduceOnly: boolean, reducing: boolean, before: Requirements, after: Requirements): Verdict {
  if (reduceOnly && !reducing) return Verdict.ReduceOnly;
  if (after.equity >= after.initial_margin) return Verdict.OK;
  if (!reducing) return Verdict.BelowInitialMargin;
  if (after.equity < 0n) return Verdict.NegativeEquity;
  if (after.maintenance_margin === 0n) return Verdict.OK;
  return after.equity * before.maintenance_margin < before.equity * after.maintenance_margin ? Verdict.MarginRatioWorsened : Verdict.OK;
}

/**
 * sideOutcomeToJSON renders a SideOutcome as in the vectors' `settle` cases: integers as strings, positions always a
 * list, the verdict as its number and its name (Go's Verdict.String()).
 */
export function sideOutcomeToJSON(o: SideOutcome): Record<string, unknown> {
  const s = (x: bigint) => x.toString();
  return {
    account: {
      collateral: s(o.account.collateral),
      positions: o.account.positions.map((p) => ({ market_id: p.market_id, size: s(p.size), quote_balance: s(p.quote_balance), funding_index: s(p.funding_index) })),
    },
    old_size: s(o.old_size), new_size: s(o.new_size), realized_pnl: s(o.realized_pnl), fee: s(o.fee), notional: s(o.notional), reducing: o.reducing,
    before: requirementsToJSON(o.before), after: requirementsToJSON(o.after), verdict: o.verdict, verdict_name: verdictName(o.verdict),
  };
}
