// Funding: mirror of chain/x/clearing/margin/funding.go.
import { big, type IntLike, pow10, PPM, QUOTE_DECIMALS, saturate } from "./arith.js";

/** premiumPpm = (trade − oracle) × 10^6 / oracle truncated toward zero, clamped to ±10^6; 0 when a price is 0. */
export function premiumPpm(tradePrice: IntLike, oraclePrice: IntLike): bigint {
  const t = big(tradePrice), o = big(oraclePrice);
  if (t === 0n || o === 0n) return 0n;
  const d = ((t - o) * PPM) / o;
  return d > PPM ? PPM : d < -PPM ? -PPM : d;
}

/** fundingRatePpm = clamp(trunc(premiumSum / samples) + interest, ±maxRate), as an int64 (positive: longs pay). */
export function fundingRatePpm(premiumSumPpm: IntLike, samples: IntLike, interestPpm: IntLike, maxRatePpm: IntLike): bigint {
  const n = big(samples), limit = big(maxRatePpm);
  let rate = n > 0n ? big(premiumSumPpm) / n : 0n;
  rate += big(interestPpm);
  if (rate > limit) rate = limit;
  if (rate < -limit) rate = -limit;
  return BigInt.asIntN(64, rate); // big.Int.Int64(): the low 64 bits
}

/** fundingIndexDelta = rate_ppm × oracle_price × 10^6 / 10^price_decimals, truncated toward zero. */
export function fundingIndexDelta(ratePpm: IntLike, oraclePrice: IntLike, priceDecimals: number): bigint {
  return saturate((big(ratePpm) * big(oraclePrice) * pow10(QUOTE_DECIMALS)) / pow10(priceDecimals));
}
