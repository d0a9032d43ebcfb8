// Liquidation math: mirror of chain/x/clearing/margin/liquidation.go (bankruptcy price, fillable price, closing size,
// liquidation fee, position choice, ADL score), held to the Go answers by test/vectors/liquidation.json; plus
// liquidationTerms, the keeper's choice of size and price for one liquidation step (keeper.closingTerms).
import { abs, big, divCeil, divFloor, type IntLike, pow10, PPM, QUOTE_DECIMALS, saturate, satU64, scaleDen, sign } from "./arith.js";
import {
  fundingOwedRaw, initialMarginRaw, maintenanceMarginRaw, marketOf, notionalRaw, signedValueRaw, toMarginPosition,
} from "./engine.js";
import type { Lenient, MarginAccountInput, MarginMarket, MarginMarketsInput, MarginPosition } from "./types.js";

const Q = pow10(QUOTE_DECIMALS);

/** The chain's default liquidation parameters (x/clearing params; 0 on chain means these). */
export const DEFAULT_LIQUIDATION_FEE_PPM = 10_000n;
/** Default liquidation_discount_ppm: the fillable price lies at most 0.5% beyond the oracle price. */
export const DEFAULT_LIQUIDATION_DISCOUNT_PPM = 5_000n;
/** Default liquidation_buffer_ppm: a partial close restores equity ≥ MM × 1.1. */
export const DEFAULT_LIQUIDATION_BUFFER_PPM = 100_000n;
/** Default partial_liquidation_notional: 100,000 USDC in collateral base units. */
export const DEFAULT_PARTIAL_LIQUIDATION_NOTIONAL = 100_000_000_000n;
/** Default max_position_fraction_ppm: 20% of a large position per block. */
export const DEFAULT_MAX_POSITION_FRACTION_PPM = 200_000n;

/** Bounds on one liquidation step (margin.ClosingRule); field names as in the vectors' JSON. */
export interface ClosingRule {
  /** Price of the close (price quantums). */
  fill_price: bigint;
  /** Liquidation fee on the closed notional, ppm. */
  fee_ppm: bigint;
  /** Close enough for equity ≥ MM × (1 + buffer), ppm. */
  buffer_ppm: bigint;
  /** The market's size increment; the size is rounded up to it (0: none). */
  step_size: bigint;
  /** A position whose notional exceeds it closes at most max_fraction_ppm per step. */
  partial_notional: bigint;
  /** Largest share of a large position one step closes (at least one step). */
  max_fraction_ppm: bigint;
}
/** A ClosingRule input with bigint | number | string integers. */
export type ClosingRuleInput = Lenient<ClosingRule>;

/** Raw (unsaturated) valuation terms of one position, as Go's termsOf. */
interface Terms {
  upnl: bigint;
  owed: bigint;
  notional: bigint;
  im: bigint;
  mm: bigint;
}

function termsOf(p: MarginPosition, m: MarginMarket): Terms {
  const n = notionalRaw(p.size, m.oracle_price, m.size_decimals, m.price_decimals);
  return {
    upnl: signedValueRaw(p.size, m.oracle_price, m.size_decimals, m.price_decimals) + p.quote_balance,
    owed: fundingOwedRaw(p.size, m.funding_index, p.funding_index, m.size_decimals),
    notional: n,
    im: initialMarginRaw(n, m.imf_ppm),
    mm: maintenanceMarginRaw(n, m.imf_ppm, m.maintenance_fraction_ppm),
  };
}

/** requirementsRaw sums equity, IM and MM without saturation (Go's unexported requirements). */
function requirementsRaw(account: MarginAccountInput, markets: MarginMarketsInput): { equity: bigint; im: bigint; mm: bigint } {
  let equity = big(account.collateral), im = 0n, mm = 0n;
  for (const raw of account.positions ?? []) {
    const p = toMarginPosition(raw);
    const t = termsOf(p, marketOf(markets, p.market_id));
    equity += t.upnl - t.owed;
    im += t.im;
    mm += t.mm;
  }
  return { equity, im, mm };
}

/** positionOf returns the account's first position in a market (Go's positionOf). */
function positionOf(account: MarginAccountInput, marketId: number): MarginPosition | undefined {
  for (const raw of account.positions ?? []) {
    if (Number(raw.market_id) === marketId) return toMarginPosition(raw);
  }
  return undefined;
}

/**
 * bankruptcyPrice is the price at which closing closeSize (signed, the position's side) of the market's position
 * leaves exactly zero equity: q − E·S / (c·10^6), a long's rounded up and a short's down. 0 when no positive price
 * exists, when closeSize is 0, on the wrong side, or larger than the position, or when there is no position.
 */
export function bankruptcyPrice(account: MarginAccountInput, markets: MarginMarketsInput, marketId: number, closeSize: IntLike): bigint {
  const id = Number(marketId);
  const m = marketOf(markets, id);
  const c = big(closeSize);
  const pos = positionOf(account, id);
  if (!pos || c === 0n || sign(c) !== sign(pos.size) || abs(c) > abs(pos.size)) return 0n;
  const { equity } = requirementsRaw(account, markets);
  let num = equity * scaleDen(m.size_decimals, m.price_decimals);
  let den = c * Q;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const p = c > 0n ? m.oracle_price - divFloor(num, den) : m.oracle_price - divCeil(num, den);
  return p <= 0n ? 0n : saturate(p);
}

/**
 * fillablePrice is the price a liquidation closes at: the oracle price moved in the taker's favour by at most
 * discountPpm (capped at 100%), never past the bankruptcy price and never past the oracle in the liquidated account's
 * favour. Long (the taker buys): clamp(max(⌈q(1 − δ)⌉, bankruptcy), ≤ q); short: clamp(min(⌊q(1 + δ)⌋, bankruptcy), ≥ q)
 * with a short's bankruptcy 0 meaning "none". Saturates at 2^64 − 1.
 */
export function fillablePrice(oraclePrice: IntLike, bankruptcy: IntLike, long: boolean, discountPpm: IntLike = DEFAULT_LIQUIDATION_DISCOUNT_PPM): bigint {
  const q = big(oraclePrice);
  let d = big(discountPpm);
  if (d > PPM) d = PPM;
  const b = big(bankruptcy);
  if (long) {
    let floor = divCeil(q * (PPM - d), PPM);
    if (b > floor) floor = b;
    if (floor > q) floor = q;
    return satU64(floor);
  }
  let ceil = divFloor(q * (PPM + d), PPM);
  if (b > 0n && b < ceil) ceil = b;
  if (ceil < q) ceil = q;
  return satU64(ceil);
}

/** toClosingRule normalizes a rule input to bigints. */
export function toClosingRule(r: ClosingRuleInput): ClosingRule {
  return {
    fill_price: big(r.fill_price), fee_ppm: big(r.fee_ppm), buffer_ppm: big(r.buffer_ppm), step_size: big(r.step_size),
    partial_notional: big(r.partial_notional), max_fraction_ppm: big(r.max_fraction_ppm),
  };
}

/**
 * closingSize is how many base quantums (unsigned) of the market's position one liquidation step closes: the least x,
 * rounded up to the step, with E − x·a ≥ (1 + b)·(MM − x·m) (a: equity lost per unit, the price concession plus the
 * fee; m: maintenance margin released per unit); the whole position when no partial close restores the account;
 * then at most ⌈|s| × fraction⌉ (a multiple of the step, at least one step) above the partial notional. 0 when the
 * account has no such position or already meets the target.
 */
export function closingSize(account: MarginAccountInput, markets: MarginMarketsInput, marketId: number, rule: ClosingRuleInput): bigint {
  const id = Number(marketId);
  const pos = positionOf(account, id);
  if (!pos || pos.size === 0n) return 0n;
  const r = toClosingRule(rule);
  const m = marketOf(markets, id);
  const size = abs(pos.size);
  const { equity, mm } = requirementsRaw(account, markets);
  const onePlusB = PPM + r.buffer_ppm;
  const q = m.oracle_price, p = r.fill_price;
  let concession = q - p;
  if (pos.size < 0n) concession = -concession;
  if (concession < 0n) concession = 0n;
  const a = (concession * PPM + p * r.fee_ppm) * PPM;
  const mPer = q * m.imf_ppm * m.maintenance_fraction_ppm;
  const num = (onePlusB * mm - PPM * equity) * scaleDen(m.size_decimals, m.price_decimals) * PPM;
  const den = onePlusB * mPer - PPM * a;
  let x: bigint;
  if (num <= 0n) return 0n;
  else if (den <= 0n) x = size;
  else x = divCeil(num, den);
  const step = r.step_size;
  if (step > 0n) x = divCeil(x, step) * step;
  if (x > size) x = size;
  if (notionalRaw(pos.size, m.oracle_price, m.size_decimals, m.price_decimals) > r.partial_notional) {
    let limit = divCeil(size * r.max_fraction_ppm, PPM);
    if (step > 0n) limit = divCeil(limit, step) * step;
    if (limit === 0n) limit = step;
    if (x > limit) x = limit;
    if (x > size) x = size;
  }
  return saturate(x);
}

/** liquidationFee is ⌈notional × fee_ppm⌉ capped at the equity the close leaves (0 when that is ≤ 0): never creates debt. */
export function liquidationFee(notionalAmt: IntLike, feePpm: IntLike, equityAfterClose: IntLike): bigint {
  const fee = saturate(divCeil(big(notionalAmt) * big(feePpm), PPM));
  const eq = big(equityAfterClose);
  if (eq <= 0n) return 0n;
  return fee > eq ? eq : fee;
}

/**
 * positionToLiquidate picks the position a liquidation step closes first: the largest maintenance margin, ties to the
 * first (lowest market id in a sorted account). undefined for an account without non-flat positions.
 */
export function positionToLiquidate(account: MarginAccountInput, markets: MarginMarketsInput): number | undefined {
  let best: bigint | undefined;
  let id: number | undefined;
  for (const raw of account.positions ?? []) {
    const p = toMarginPosition(raw);
    if (p.size === 0n) continue;
    const mm = termsOf(p, marketOf(markets, p.market_id)).mm;
    if (best === undefined || mm > best) {
      best = mm;
      id = p.market_id;
    }
  }
  return id;
}

/** The ADL standing of one position: score in ppm (higher deleverages first) and whether it is eligible at all. */
export interface AdlScore {
  readonly score: bigint;
  readonly eligible: boolean;
}

/**
 * adlScore ranks a position for auto-deleveraging: unrealised PnL ratio × leverage in ppm,
 * ⌊upnl × notional × 10^6 / (cost × equity)⌋ with cost = |quote_balance| (the notional when 0); eligible only for a
 * position in profit of an account with positive equity.
 */
export function adlScore(account: MarginAccountInput, markets: MarginMarketsInput, marketId: number): AdlScore {
  const id = Number(marketId);
  const pos = positionOf(account, id);
  if (!pos || pos.size === 0n) return { score: 0n, eligible: false };
  const t = termsOf(pos, marketOf(markets, id));
  const { equity } = requirementsRaw(account, markets);
  if (t.upnl <= 0n || equity <= 0n) return { score: 0n, eligible: false };
  let cost = abs(pos.quote_balance);
  if (cost === 0n) cost = t.notional;
  if (cost === 0n) return { score: 0n, eligible: false };
  return { score: saturate((t.upnl * t.notional * PPM) / (cost * equity)), eligible: true };
}

/** The chain's liquidation parameters with defaults resolved (0 on chain = default). */
export interface LiquidationParams {
  readonly feePpm: bigint;
  readonly discountPpm: bigint;
  readonly bufferPpm: bigint;
  readonly partialNotional: bigint;
  readonly maxFractionPpm: bigint;
}

/** Chain params fields read by liquidationParams (the generated Params type fits). */
export interface LiquidationParamsInput {
  readonly liquidationFeePpm?: IntLike;
  readonly liquidationDiscountPpm?: IntLike;
  readonly liquidationBufferPpm?: IntLike;
  readonly partialLiquidationNotional?: IntLike;
  readonly maxPositionFractionPpm?: IntLike;
}

/** liquidationParams resolves the chain's liquidation params like types.Params' accessors (0 or absent = default). */
export function liquidationParams(p: LiquidationParamsInput = {}): LiquidationParams {
  const or = (v: IntLike | undefined, d: bigint) => (big(v ?? 0n) === 0n ? d : big(v ?? 0n));
  return {
    feePpm: or(p.liquidationFeePpm, DEFAULT_LIQUIDATION_FEE_PPM),
    discountPpm: or(p.liquidationDiscountPpm, DEFAULT_LIQUIDATION_DISCOUNT_PPM),
    bufferPpm: or(p.liquidationBufferPpm, DEFAULT_LIQUIDATION_BUFFER_PPM),
    partialNotional: or(p.partialLiquidationNotional, DEFAULT_PARTIAL_LIQUIDATION_NOTIONAL),
    maxFractionPpm: or(p.maxPositionFractionPpm, DEFAULT_MAX_POSITION_FRACTION_PPM),
  };
}

/** One liquidation step as the keeper would execute it (keeper.closingTerms). */
export interface LiquidationTerms {
  /** Signed size removed from the liquidated position (positive: a long is reduced; the taker buys). */
  readonly size: bigint;
  /** Fillable price of the close. */
  readonly price: bigint;
  /** Bankruptcy price of closing `size`. */
  readonly bankruptcyPrice: bigint;
  /** Closed notional at `price`. */
  readonly notional: bigint;
  /**
   * What the taker gains against the oracle: |size| × |oracle − price| in collateral base units (rounded down),
   * the liquidator's expected discount.
   */
  readonly discountValue: bigint;
}

/**
 * liquidationTerms mirrors keeper.closingTerms: the closing size at the full close's fillable price, then once more at
 * the partial close's (the larger wins; below MM yet "restored" by rounding closes one step), capped at maxSize when
 * positive; the price is the fillable price of that size. undefined without a position in the market. It does not check
 * that the account is liquidatable (equity < MM): do that first.
 */
export function liquidationTerms(
  account: MarginAccountInput,
  markets: MarginMarketsInput,
  marketId: number,
  params: LiquidationParams,
  stepSize: IntLike,
  maxSize: IntLike = 0n,
): LiquidationTerms | undefined {
  const id = Number(marketId);
  const pos = positionOf(account, id);
  if (!pos || pos.size === 0n) return undefined;
  const m = marketOf(markets, id);
  const long = pos.size > 0n;
  const q = m.oracle_price;
  const step = big(stepSize);
  const rule: ClosingRule = {
    fill_price: fillablePrice(q, bankruptcyPrice(account, markets, id, pos.size), long, params.discountPpm),
    fee_ppm: params.feePpm, buffer_ppm: params.bufferPpm, step_size: step, partial_notional: params.partialNotional,
    max_fraction_ppm: params.maxFractionPpm,
  };
  let x = closingSize(account, markets, id, rule);
  if (x === 0n) {
    x = abs(pos.size);
    if (x > step) x = step;
  }
  rule.fill_price = fillablePrice(q, bankruptcyPrice(account, markets, id, long ? x : -x), long, params.discountPpm);
  const again = closingSize(account, markets, id, rule);
  if (again > x) x = again;
  const max = big(maxSize);
  if (max > 0n && x > max) x = max;
  const signed = long ? x : -x;
  const bp = bankruptcyPrice(account, markets, id, signed);
  const price = fillablePrice(q, bp, long, params.discountPpm);
  const diff = long ? q - price : price - q;
  return {
    size: signed, price, bankruptcyPrice: bp,
    notional: notionalRaw(x, price, m.size_decimals, m.price_decimals),
    discountValue: diff > 0n ? signedValueRaw(x, diff, m.size_decimals, m.price_decimals) : 0n,
  };
}
