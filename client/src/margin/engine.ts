// Primitive formulas of the margin engine (mirror of chain/x/clearing/margin/engine.go). Rounding is always
// against the trader: values the trader owns round down, amounts owed or required round up.
import { abs, big, divCeil, divFloor, type IntLike, MAX_U64, pow10, PPM, PPM2, QUOTE_DECIMALS, saturate, satU64, scaleDen, sign } from "./arith.js";
import type { MarginMarket, MarginMarketInput, MarginMarketsInput, MarginPosition, MarginPositionInput } from "./types.js";

const Q = pow10(QUOTE_DECIMALS);

/** Fast notional for bigint inputs (no saturation). */
export const notionalRaw = (size: bigint, price: bigint, sd: number, pd: number): bigint => divCeil(abs(size) * price * Q, scaleDen(sd, pd));
/** Fast signed value for bigint inputs (no saturation). */
export const signedValueRaw = (size: bigint, price: bigint, sd: number, pd: number): bigint => divFloor(size * price * Q, scaleDen(sd, pd));
/** Fast funding owed for bigint inputs (no saturation). */
export const fundingOwedRaw = (size: bigint, index: bigint, snapshot: bigint, sd: number): bigint => divCeil((index - snapshot) * size, pow10(sd) * PPM);
/** Fast initial margin ⌈n × imf⌉. */
export const initialMarginRaw = (n: bigint, imf: bigint): bigint => divCeil(n * imf, PPM);
/** Fast maintenance margin ⌈n × imf × mf⌉. */
export const maintenanceMarginRaw = (n: bigint, imf: bigint, mf: bigint): bigint => divCeil(n * imf * mf, PPM2);

/** notional = ⌈|size| × price × 10^6 / 10^(sd+pd)⌉ in collateral base units. */
export function notional(size: IntLike, price: IntLike, sizeDecimals: number, priceDecimals: number): bigint {
  return saturate(notionalRaw(big(size), big(price), sizeDecimals, priceDecimals));
}

/** signedValue = ⌊size × price × 10^6 / 10^(sd+pd)⌋ (toward −∞). */
export function signedValue(size: IntLike, price: IntLike, sizeDecimals: number, priceDecimals: number): bigint {
  return saturate(signedValueRaw(big(size), big(price), sizeDecimals, priceDecimals));
}

/** fundingOwed = ⌈size × (index − snapshot) / (10^sd × 10^6)⌉; negative means the position receives. */
export function fundingOwed(size: IntLike, index: IntLike, snapshot: IntLike, sizeDecimals: number): bigint {
  return saturate(fundingOwedRaw(big(size), big(index), big(snapshot), sizeDecimals));
}

/** marginRequirements returns [initial ⌈n × imf⌉, maintenance ⌈n × imf × mf⌉] (ppm fractions). */
export function marginRequirements(notionalAmt: IntLike, imfPpm: IntLike, maintenanceFractionPpm: IntLike): [bigint, bigint] {
  const n = big(notionalAmt), imf = big(imfPpm);
  return [saturate(initialMarginRaw(n, imf)), saturate(maintenanceMarginRaw(n, imf, big(maintenanceFractionPpm)))];
}

/** entryPrice = |−quote × 10^(sd+pd) / (size × 10^6)| truncated toward zero; 0 for a flat position. */
export function entryPrice(size: IntLike, quoteBalance: IntLike, sizeDecimals: number, priceDecimals: number): bigint {
  const s = big(size);
  if (s === 0n) return 0n;
  return saturate(abs((-big(quoteBalance) * scaleDen(sizeDecimals, priceDecimals)) / (s * Q)));
}

/** ratioPpm = ⌈num × 10^6 / den⌉ saturating at 2^64 − 1; 0 for num ≤ 0, 2^64 − 1 when den ≤ 0. */
export function ratioPpm(num: bigint, den: bigint): bigint {
  if (num <= 0n) return 0n;
  if (den <= 0n) return MAX_U64;
  return satU64(divCeil(num * PPM, den));
}

/** isRiskReducing: newSize is flat or on oldSize's side, and strictly smaller in magnitude. */
export function isRiskReducing(oldSize: IntLike, newSize: IntLike): boolean {
  const o = big(oldSize), n = big(newSize);
  if (n !== 0n && sign(n) !== sign(o)) return false;
  return abs(n) < abs(o);
}

/** toMarginMarket normalizes a market input (IntLike fields) to bigints. */
export function toMarginMarket(m: MarginMarketInput): MarginMarket {
  return {
    market_id: Number(m.market_id), size_decimals: Number(m.size_decimals ?? 0), price_decimals: Number(m.price_decimals ?? 0),
    oracle_price: big(m.oracle_price), imf_ppm: big(m.imf_ppm), maintenance_fraction_ppm: big(m.maintenance_fraction_ppm),
    funding_index: big(m.funding_index),
  };
}

/** toMarginPosition normalizes a position input (IntLike fields) to bigints. */
export function toMarginPosition(p: MarginPositionInput): MarginPosition {
  return { market_id: Number(p.market_id), size: big(p.size), quote_balance: big(p.quote_balance), funding_index: big(p.funding_index) };
}

/** zeroMarket is Go's value for a market id missing from the map (zero notional, zero price, zero funding index). */
export const zeroMarket = (id: number): MarginMarket => ({
  market_id: id, size_decimals: 0, price_decimals: 0, oracle_price: 0n, imf_ppm: 0n, maintenance_fraction_ppm: 0n, funding_index: 0n,
});

/** lookupMarket finds a market input by id in any MarginMarketsInput form (object by id, Map, or list by market_id). */
export function lookupMarket(markets: MarginMarketsInput, id: number): MarginMarketInput | undefined {
  if (markets instanceof Map) return markets.get(id);
  if (Array.isArray(markets)) return (markets as readonly MarginMarketInput[]).find((m) => Number(m.market_id) === id);
  return (markets as Readonly<Record<number, MarginMarketInput>>)[id];
}

/** marketOf returns market `id` normalized to bigints, or Go's zero Market when it is missing (like a Go map lookup). */
export function marketOf(markets: MarginMarketsInput, id: number): MarginMarket {
  const input = lookupMarket(markets, id);
  return input ? toMarginMarket(input) : zeroMarket(id);
}
