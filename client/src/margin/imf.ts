// targetImf, stepImf, volAddOnCap, maxImfAfterBlocks and maxMmRiseOverBlocks: mirror of chain/x/clearing/margin/imf.go.
import { big, divCeil, type IntLike, PPM, satU64 } from "./arith.js";
import type { ImfParamsInput } from "./types.js";

/** Block count that stands for one hour (⌈3,600 s / 0.7 s⌉), as margin.BlocksPerHour. */
export const BLOCKS_PER_HOUR = 5_143n;
/** Largest per-block relative IMF rise in ppm, whatever governance sets: (1 + 134/10^6)^5143 = 1.992 ≤ 2. */
export const MAX_IMF_RISE_PER_BLOCK_PPM = 134n;
/** Decreases are at most a quarter of the rise limit per block. */
export const IMF_FALL_DIVISOR = 4n;

/** IMF params with the optional volatility add-on cap (vol_add_on_cap_ppm, 0 or absent = uncapped). */
export type ImfParamsWithCap = ImfParamsInput & { vol_add_on_cap_ppm?: IntLike };

const DEC_ONE = 10n ** 18n;
const DEC_RE = /^(-)?(\d+)(?:\.(\d{1,18}))?$/;

/** parseDec18 parses a LegacyDec string ("0.000897182083000000", "-1.5", "3") into bigint × 10^18, exactly. */
export function parseDec18(s: string): bigint {
  const m = DEC_RE.exec(s.trim());
  if (!m) throw new TypeError(`not an 18-decimal fixed-point decimal: ${JSON.stringify(s)}`);
  const v = BigInt(m[2]) * DEC_ONE + BigInt((m[3] ?? "").padEnd(18, "0"));
  return m[1] ? -v : v;
}

/**
 * targetImf mirrors margin.TargetIMF: min(max_imf, base + ⌈(10^6 − base) × clamp(OI − lower, 0, span) / span⌉ +
 * min(⌈volatility × multiplier_ppm⌉, vol_add_on_cap)). `volatility` is the oracle's per-sample (≈ hourly) volatility
 * as a LegacyDec string, or a bigint already scaled by 10^18.
 */
export function targetImf(params: ImfParamsWithCap, openInterest: IntLike, volatility: string | bigint): bigint {
  const base = big(params.base_imf_ppm), lower = big(params.oi_lower), upper = big(params.oi_upper), oi = big(openInterest);
  let target = base;
  if (upper > lower && oi > lower && base < PPM) {
    const span = upper - lower;
    let over = oi - lower;
    if (over > span) over = span;
    target += divCeil((PPM - base) * over, span);
  }
  const vol = typeof volatility === "bigint" ? volatility : parseDec18(volatility);
  // LegacyDec × integer-valued dec is exact; Ceil then rounds up to an integer.
  if (vol > 0n) {
    let addon = divCeil(vol * big(params.volatility_multiplier_ppm), DEC_ONE);
    const addonCap = big(params.vol_add_on_cap_ppm ?? 0n);
    if (addonCap > 0n && addon > addonCap) addon = addonCap;
    target += addon;
  }
  const cap = big(params.max_imf_ppm);
  if (target > cap) target = cap;
  return satU64(target);
}

/** volAddOnCap mirrors margin.VolAddOnCap: ⌊base × (10^6 − mf) / mf⌋, 0 when mf is 0 or ≥ 10^6. */
export function volAddOnCap(baseImfPpm: IntLike, maintenanceFractionPpm: IntLike): bigint {
  const base = big(baseImfPpm), mf = big(maintenanceFractionPpm);
  if (mf === 0n || mf >= PPM) return 0n;
  return satU64((base * (PPM - mf)) / mf);
}

/** riseLimitPpm mirrors margin.RiseLimitPpm: the market's limit, never above 134 ppm (0 = the maximum). */
export function riseLimitPpm(stepLimitPpm: IntLike): bigint {
  const s = big(stepLimitPpm);
  return s === 0n || s > MAX_IMF_RISE_PER_BLOCK_PPM ? MAX_IMF_RISE_PER_BLOCK_PPM : s;
}

const maxRise = (c: bigint, s: bigint): bigint => {
  const r = (c * s) / PPM;
  return r === 0n ? 1n : r;
};
const maxFall = (c: bigint, s: bigint): bigint => {
  const r = (c * s) / (PPM * IMF_FALL_DIVISOR);
  return r === 0n ? 1n : r;
};

/**
 * stepImf mirrors margin.StepIMF: one block toward the target, up by at most max(1, ⌊current × s / 10^6⌋), down by at
 * most max(1, ⌊current × s / (4 × 10^6)⌋), s = riseLimitPpm(stepLimitPpm); a zero current (new market) jumps.
 */
export function stepImf(current: IntLike, target: IntLike, stepLimitPpm: IntLike): bigint {
  const c = big(current), t = big(target), s = riseLimitPpm(stepLimitPpm);
  if (c === 0n || c === t) return t;
  if (t > c) {
    const d = maxRise(c, s);
    return t - c > d ? c + d : t;
  }
  const d = maxFall(c, s);
  return c - t > d ? c - d : t;
}

/** maxImfAfterBlocks mirrors margin.MaxIMFAfterBlocks: the largest IMF reachable after `blocks` blocks (≤ maxImfPpm). */
export function maxImfAfterBlocks(imfPpm: IntLike, stepLimitPpm: IntLike, blocks: IntLike, maxImfPpm: IntLike): bigint {
  const s = riseLimitPpm(stepLimitPpm), cap = big(maxImfPpm);
  let x = big(imfPpm), n = big(blocks);
  if (x >= cap) return x;
  if (x === 0n) return cap;
  if (n > 1_000_000n) n = 1_000_000n;
  for (let i = 0n; i < n; i++) {
    x += maxRise(x, s);
    if (x >= cap) return cap;
  }
  return x;
}

/**
 * maxMmRiseOverBlocks mirrors margin.MaxMMRiseOverBlocks: ⌈maxImfAfterBlocks × mf / 10^6⌉ − ⌊imf × mf / 10^6⌋, an upper
 * bound (ppm of notional) of the maintenance-fraction rise within `blocks` blocks.
 */
export function maxMmRiseOverBlocks(imfPpm: IntLike, maintenanceFractionPpm: IntLike, stepLimitPpm: IntLike, blocks: IntLike, maxImfPpm: IntLike): bigint {
  const after = maxImfAfterBlocks(imfPpm, stepLimitPpm, blocks, maxImfPpm), mf = big(maintenanceFractionPpm);
  const hi = divCeil(after * mf, PPM), lo = (big(imfPpm) * mf) / PPM;
  return hi > lo ? hi - lo : 0n;
}
