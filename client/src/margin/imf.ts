// targetImf and stepImf: mirror of chain/x/clearing/margin/imf.go.
import { big, divCeil, type IntLike, PPM, satU64 } from "./arith.js";
import type { ImfParamsInput } from "./types.js";

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
 * ⌈volatility × multiplier_ppm⌉). `volatility` is the oracle's LegacyDec string, or a bigint already scaled by 10^18.
 */
export function targetImf(params: ImfParamsInput, openInterest: IntLike, volatility: string | bigint): bigint {
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
  if (vol > 0n) target += divCeil(vol * big(params.volatility_multiplier_ppm), DEC_ONE);
  const cap = big(params.max_imf_ppm);
  if (target > cap) target = cap;
  return satU64(target);
}

/** stepImf moves current toward target by at most stepLimitPpm; a zero current (new market) jumps to the target. */
export function stepImf(current: IntLike, target: IntLike, stepLimitPpm: IntLike): bigint {
  const c = big(current), t = big(target), step = big(stepLimitPpm);
  if (c === 0n || c === t) return t;
  if (t > c) return t - c > step ? c + step : t;
  return c - t > step ? c - step : t;
}
