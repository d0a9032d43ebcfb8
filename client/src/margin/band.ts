// Fill price band and premium limits: mirror of WithinBand, ClampedPremiumPpm and BlockPremiumPpm in
// chain/x/clearing/margin/settle.go.
import { abs, big, type IntLike, PPM } from "./arith.js";
import { premiumPpm } from "./funding.js";

/** withinBand reports whether |price − oracle| ≤ oracle × band_ppm / 10^6, exactly; false when the oracle price is 0. */
export function withinBand(price: IntLike, oraclePrice: IntLike, bandPpm: IntLike): boolean {
  const o = big(oraclePrice);
  if (o === 0n) return false;
  return abs(big(price) - o) * PPM <= o * big(bandPpm);
}

/** clampedPremiumPpm is premiumPpm limited to ±min(band_ppm, 10^6), so no fill's premium exceeds what the band admits. */
export function clampedPremiumPpm(tradePrice: IntLike, oraclePrice: IntLike, bandPpm: IntLike): bigint {
  const p = premiumPpm(tradePrice, oraclePrice);
  const band = big(bandPpm);
  const limit = band > PPM ? PPM : band;
  return p > limit ? limit : p < -limit ? -limit : p;
}

/**
 * blockPremiumPpm is a block's notional-weighted premium: weighted / notional truncated toward zero and clamped to
 * ±10^6; 0 when notional ≤ 0 (no fill counted).
 */
export function blockPremiumPpm(weightedPpm: IntLike, notionalAmt: IntLike): bigint {
  const n = big(notionalAmt);
  if (n <= 0n) return 0n;
  const q = big(weightedPpm) / n;
  return q > PPM ? PPM : q < -PPM ? -PPM : q;
}
