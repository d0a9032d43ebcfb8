/**
 * The liquidator's decisions, as pure functions of the chain's state and its own price source: which watched
 * subaccounts the next oracle update makes liquidatable (the SDK's margin mirror at the predicted prices), what the
 * chain would close and at which price (liquidationTerms = keeper.closingTerms), whether the discount covers gas plus
 * --min-profit, and whether the liquidator's own subaccount can carry the position (initial margin after the takeover,
 * shrinking the size to what fits).
 */
import {
  computeRequirements, type LiquidationParams, liquidationTerms, type MarginAccount, type MarginMarket, settleSide, signedValue, Verdict,
} from "@clearchain/client";

/** A subaccount as the liquidator tracks it. */
export interface TrackedAccount {
  readonly owner: string;
  readonly number: number;
  readonly account: MarginAccount;
  /** 0 for cross margin. */
  readonly isolatedMarketId: number;
}

/** Everything one planning round needs. */
export interface PlanInput {
  /** Markets at the chain's current oracle prices (marginMarketsFromChain). */
  readonly markets: Readonly<Record<number, MarginMarket>>;
  /** Size step of each market. */
  readonly stepSizes: Readonly<Record<number, bigint>>;
  /** Markets that accept liquidations (known and not disabled); others are skipped. */
  readonly liquidatableMarkets?: ReadonlySet<number>;
  /** The price source's prediction of the next oracle price per market (price quantums); missing: the chain's price. */
  readonly predicted: Readonly<Record<number, bigint>>;
  /** Watched subaccounts (the liquidator's own is skipped). */
  readonly accounts: readonly TrackedAccount[];
  /** The liquidator's own subaccount. */
  readonly own: TrackedAccount;
  /** The chain's liquidation params (defaults resolved). */
  readonly params: LiquidationParams;
  /** max_positions_per_subaccount. */
  readonly maxPositions: number;
  /** Gas cost of one MsgLiquidate in collateral base units. */
  readonly gasCost: bigint;
  /** Least expected profit (discount − gas), collateral base units. */
  readonly minProfit: bigint;
  /** Most base quantums per MsgLiquidate (0: no cap). */
  readonly maxSize: bigint;
  /** Targets with a liquidation in flight (key "owner/number"); skipped. */
  readonly inFlight?: ReadonlySet<string>;
}

/** Why a liquidatable target is not taken. */
export type SkipReason = "unprofitable" | "margin" | "isolated" | "too_many_positions" | "in_flight" | "market" | "recovering";

/** One liquidatable target and what the liquidator does about it. */
export interface Decision {
  readonly owner: string;
  readonly number: number;
  readonly marketId: number;
  /** Liquidatable at the predicted prices (the terms are computed there; else at the chain's current prices). */
  readonly predicted: boolean;
  /** Liquidatable at the chain's current prices already (the sweep found it: deferred by the caps or not yet taken). */
  readonly now: boolean;
  /** Signed size the chain is expected to remove from the target (positive: a long; the liquidator buys). */
  readonly size: bigint;
  /** Expected fillable price. */
  readonly price: bigint;
  /** The oracle price the terms were computed at. */
  readonly oraclePrice: bigint;
  /** |size| × |oracle − price| in collateral base units. */
  readonly discountValue: bigint;
  /** discountValue − gas cost. */
  readonly expectedProfit: bigint;
  /** The target's equity and maintenance margin at those prices. */
  readonly equity: bigint;
  readonly maintenanceMargin: bigint;
  readonly action: "submit" | "skip";
  readonly reason?: SkipReason;
}

/** The result of a planning round. */
export interface Plan {
  /** How many watched subaccounts are liquidatable at the predicted or the current prices. */
  readonly liquidatable: number;
  /** One decision per liquidatable target (its most profitable position), most profitable first. */
  readonly decisions: readonly Decision[];
  /** The liquidator's own account after every submitted takeover (as the mirror expects it). */
  readonly ownAfter: MarginAccount;
}

/** key names a subaccount. */
export const keyOf = (owner: string, number: number): string => `${owner}/${number}`;

/** withPrices returns the markets with oracle prices replaced by the predicted ones. */
export function withPrices(markets: Readonly<Record<number, MarginMarket>>, prices: Readonly<Record<number, bigint>>): Record<number, MarginMarket> {
  const out: Record<number, MarginMarket> = {};
  for (const [id, m] of Object.entries(markets)) {
    const p = prices[Number(id)];
    out[Number(id)] = p !== undefined && p > 0n ? { ...m, oracle_price: p } : m;
  }
  return out;
}

/** isLiquidatable: has a position and equity < maintenance margin at the given markets. */
export function isLiquidatable(account: MarginAccount, markets: Readonly<Record<number, MarginMarket>>): boolean {
  if (!account.positions.some((p) => p.size !== 0n)) return false;
  const r = computeRequirements(account, markets);
  return r.equity < r.maintenance_margin;
}

/**
 * fitsMargin applies a takeover of `size` (signed, the liquidator's delta) at price to the liquidator's account and
 * returns the account after when the chain would accept it (not too many positions; equity ≥ initial margin after).
 */
export function fitsMargin(own: MarginAccount, marketId: number, size: bigint, price: bigint, markets: Readonly<Record<number, MarginMarket>>,
  maxPositions: number): { ok: boolean; reason?: "margin" | "too_many_positions"; after: MarginAccount } {
  const out = settleSide({ account: own, delta: size }, { market_id: marketId, price, max_positions: maxPositions }, markets);
  if (out.verdict === Verdict.TooManyPositions) return { ok: false, reason: "too_many_positions", after: own };
  if (out.after.equity < out.after.initial_margin) return { ok: false, reason: "margin", after: own };
  return { ok: true, after: out.account };
}

/** gasCostUsdc is ⌈gasLimit × gasPrice × tokenPrice / 10^6⌉ (gasPrice18: base units per gas × 10^18; tokenPrice: USDC base units per 10^6 gas base units). */
export function gasCostUsdc(gasLimit: number, gasPrice18: bigint, tokenPriceUsdc: bigint): bigint {
  const den = 10n ** 18n * 1_000_000n;
  const num = BigInt(gasLimit) * gasPrice18 * tokenPriceUsdc;
  return (num + den - 1n) / den;
}

/** plan decides, for every watched subaccount that is (or is about to be) liquidatable, whether to take it over. */
export function plan(input: PlanInput): Plan {
  const predictedMarkets = withPrices(input.markets, input.predicted);
  const ownKey = keyOf(input.own.owner, input.own.number);
  let own = input.own.account;
  const found: Array<Omit<Decision, "action" | "reason">> = [];
  let liquidatable = 0;
  for (const t of input.accounts) {
    if (keyOf(t.owner, t.number) === ownKey) continue;
    const predicted = isLiquidatable(t.account, predictedMarkets);
    const now = isLiquidatable(t.account, input.markets);
    if (!predicted && !now) continue;
    liquidatable++;
    const mkts = predicted ? predictedMarkets : input.markets;
    const req = computeRequirements(t.account, mkts);
    let best: Omit<Decision, "action" | "reason"> | undefined;
    for (const p of t.account.positions) {
      if (p.size === 0n) continue;
      const terms = liquidationTerms(t.account, mkts, p.market_id, input.params, input.stepSizes[p.market_id] ?? 0n, input.maxSize);
      if (!terms || terms.size === 0n) continue;
      const d = {
        owner: t.owner, number: t.number, marketId: p.market_id, predicted, now, size: terms.size, price: terms.price,
        oraclePrice: mkts[p.market_id]?.oracle_price ?? 0n, discountValue: terms.discountValue, expectedProfit: terms.discountValue - input.gasCost,
        equity: req.equity, maintenanceMargin: req.maintenance_margin,
      };
      if (!best || d.expectedProfit > best.expectedProfit) best = d;
    }
    if (best) found.push(best);
  }
  found.sort((a, b) => (b.expectedProfit > a.expectedProfit ? 1 : b.expectedProfit < a.expectedProfit ? -1 : 0));
  const decisions: Decision[] = [];
  for (const d of found) {
    const skip = (reason: SkipReason): void => {
      decisions.push({ ...d, action: "skip", reason });
    };
    if (input.inFlight?.has(keyOf(d.owner, d.number))) {
      skip("in_flight");
      continue;
    }
    if (!d.predicted && Object.keys(input.predicted).length > 0) {
      skip("recovering"); // liquidatable now, healthy at the next price: the takeover would land after the update and fail
      continue;
    }
    if (input.liquidatableMarkets && !input.liquidatableMarkets.has(d.marketId)) {
      skip("market");
      continue;
    }
    if (input.own.isolatedMarketId !== 0 && input.own.isolatedMarketId !== d.marketId) {
      skip("isolated");
      continue;
    }
    if (d.expectedProfit < input.minProfit) {
      skip("unprofitable");
      continue;
    }
    const mkts = d.predicted ? predictedMarkets : input.markets;
    let fit = fitsMargin(own, d.marketId, d.size, d.price, mkts, input.maxPositions);
    let taken = d;
    if (!fit.ok && fit.reason === "margin") {
      // The largest multiple of the step (≥ 1 step) the own margin carries, if any, and still profitable.
      const step = input.stepSizes[d.marketId] ?? 0n;
      const abs = d.size < 0n ? -d.size : d.size;
      const sign = d.size < 0n ? -1n : 1n;
      if (step > 0n && abs > step) {
        let lo = 0n, hi = abs / step;
        while (lo < hi) {
          const mid = (lo + hi + 1n) / 2n;
          if (fitsMargin(own, d.marketId, sign * mid * step, d.price, mkts, input.maxPositions).ok) lo = mid;
          else hi = mid - 1n;
        }
        if (lo > 0n) {
          const size = sign * lo * step;
          const m = mkts[d.marketId];
          const diff = d.price > d.oraclePrice ? d.price - d.oraclePrice : d.oraclePrice - d.price;
          const discountValue = signedValue(lo * step, diff, m.size_decimals, m.price_decimals);
          taken = { ...d, size, discountValue, expectedProfit: discountValue - input.gasCost };
          fit = fitsMargin(own, d.marketId, size, d.price, mkts, input.maxPositions);
          if (taken.expectedProfit < input.minProfit) {
            decisions.push({ ...taken, action: "skip", reason: "unprofitable" });
            continue;
          }
        }
      }
    }
    if (!fit.ok) {
      skip(fit.reason ?? "margin");
      continue;
    }
    own = fit.after;
    decisions.push({ ...taken, action: "submit" });
  }
  return { liquidatable, decisions, ownAfter: own };
}
