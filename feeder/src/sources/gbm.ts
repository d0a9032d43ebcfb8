/**
 * The synthetic price path: geometric Brownian motion with jumps, as a pure function of (seed, pair, step index).
 *
 * Evaluating a random walk at step n directly would need n draws, so the path is built by Lévy's construction:
 * time is cut into epochs of 2^17 steps (~36 h at 1 s per step); inside an epoch the Brownian part is a bridge pinned
 * to 0 at both ends whose value at any dyadic point is drawn from its two ancestors with a PRNG keyed by
 * (seed, pair, epoch, point). One evaluation costs 17 draws. Jumps are at most 16 per epoch, also keyed by epoch, and
 * bridged to 0 at the epoch end. The log-price offset therefore returns to 0 (the start price) at every epoch
 * boundary, which keeps prices sane forever. Only +, −, ×, ÷ and √ on binary64 (all exactly rounded) and bigint
 * math are used, so every machine computes the same price.
 */
import { DecimalError, parseDecimal, SCALE, truncateDecimal } from "../decimal";
import { hashInts, hashString, SplitMix32 } from "./prng";

/** Length of one synthetic step in milliseconds: the step index is floor(unix_ms / SYNTHETIC_STEP_MS). */
export const SYNTHETIC_STEP_MS = 1000;

/** Levels of the bridge construction; an epoch lasts 2^BRIDGE_LEVELS steps. */
export const BRIDGE_LEVELS = 17;

/** Steps per epoch (the offset from the start price is 0 at every multiple of this). */
export const EPOCH_STEPS = 2 ** BRIDGE_LEVELS;

/** Synthetic prices are truncated to this many fractional digits. */
export const SYNTHETIC_PRICE_DIGITS = 8;

const SECONDS_PER_YEAR = 365 * 24 * 3600;
const TAG_BRIDGE = 1;
const TAG_JUMPS = 2;
const JUMP_SLOTS = 16;
/** Each jump slot fires with probability 3/8 (threshold on a uniform uint32): ~6 jumps per epoch. */
const JUMP_THRESHOLD = 0.375 * 4294967296;
/** A single jump is clamped to ±JUMP_CLAMP_SIGMAS standard deviations. */
const JUMP_CLAMP_SIGMAS = 3;

/** Parameters of one pair's synthetic process. */
export interface SyntheticModel {
  /** Price at every epoch boundary, 18-decimal fixed point. */
  readonly start: bigint;
  /** Annualized volatility of the Brownian part (0.6 = 60%). */
  readonly annualVol: number;
  /** Standard deviation of one jump's log size. */
  readonly jumpStd: number;
  /** The log offset from the start price is clamped to ±this (0.5 → price within [0.61, 1.65] × start). */
  readonly maxLogDeviation: number;
}

const KNOWN_MODELS: Record<string, { start: string; annualVol: number; jumpStd: number; maxLogDeviation: number }> = {
  "BTC/USD": { start: "60000", annualVol: 0.6, jumpStd: 0.02, maxLogDeviation: 0.5 },
  "ETH/USD": { start: "3000", annualVol: 0.75, jumpStd: 0.025, maxLogDeviation: 0.5 },
  "SOL/USD": { start: "150", annualVol: 1.0, jumpStd: 0.04, maxLogDeviation: 0.5 },
  "USDC/USD": { start: "1.0", annualVol: 0.002, jumpStd: 0.0005, maxLogDeviation: 0.01 },
};
const DEFAULT_MODEL = { start: "100", annualVol: 0.8, jumpStd: 0.03, maxLogDeviation: 0.5 };

/** The process parameters used for `pair` (BTC 60000, ETH 3000, SOL 150, USDC 1.0 with tiny vol; others 100). */
export function syntheticModel(pair: string): SyntheticModel {
  const m = KNOWN_MODELS[pair] ?? DEFAULT_MODEL;
  return { start: parseDecimal(m.start), annualVol: m.annualVol, jumpStd: m.jumpStd, maxLogDeviation: m.maxLogDeviation };
}

/** The synthetic step index of a unix millisecond time. */
export function syntheticStep(unixMs: number): number {
  return Math.floor(unixMs / SYNTHETIC_STEP_MS);
}

/** Log offset from the start price of `pair` at step `step` for `seed` (deterministic, clamped). */
export function syntheticLogOffset(seed: string, pair: string, step: number, model = syntheticModel(pair)): number {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`synthetic step must be a non-negative integer, got ${step}`);
  const seedKey = hashString(seed);
  const pairKey = hashString(pair);
  const epoch = Math.floor(step / EPOCH_STEPS);
  const t = step - epoch * EPOCH_STEPS;
  const sigmaStep = model.annualVol * Math.sqrt(SYNTHETIC_STEP_MS / 1000 / SECONDS_PER_YEAR);
  const x = sigmaStep * bridgeAt(seedKey, pairKey, epoch, t) + jumpsAt(seedKey, pairKey, epoch, t, model.jumpStd);
  return Math.min(model.maxLogDeviation, Math.max(-model.maxLogDeviation, x));
}

/** The synthetic price of `pair` at step `step` for `seed`, in 18-decimal fixed point truncated to 8 digits (> 0). */
export function syntheticPrice(seed: string, pair: string, step: number): bigint {
  const model = syntheticModel(pair);
  const x = syntheticLogOffset(seed, pair, step, model);
  const xFixed = BigInt(Math.round(x * 1e12)) * 1_000_000n;
  const price = truncateDecimal((model.start * expFixed(xFixed)) / SCALE, SYNTHETIC_PRICE_DIGITS);
  return price > 0n ? price : 10n ** BigInt(18 - SYNTHETIC_PRICE_DIGITS);
}

/** e^x for a fixed-point x with |x| ≤ 2, by Taylor series in bigint (deterministic everywhere). */
export function expFixed(x: bigint): bigint {
  if (x > 2n * SCALE || x < -2n * SCALE) throw new DecimalError("expFixed argument out of range");
  let sum = SCALE;
  let term = SCALE;
  for (let n = 1n; term !== 0n && n < 200n; n++) {
    term = (term * x) / (SCALE * n);
    sum += term;
  }
  return sum;
}

/** Standard Brownian bridge on [0, EPOCH_STEPS] pinned to 0 at both ends, evaluated at integer t (Lévy construction). */
function bridgeAt(seedKey: number, pairKey: number, epoch: number, t: number): number {
  let a = 0;
  let b = EPOCH_STEPS;
  let wa = 0;
  let wb = 0;
  while (t !== a && b - a > 1) {
    const mid = (a + b) / 2;
    const rng = new SplitMix32(hashInts(seedKey, pairKey, epoch, TAG_BRIDGE, mid));
    const wm = (wa + wb) / 2 + Math.sqrt((b - a) / 4) * rng.nextNormal();
    if (t === mid) return wm;
    if (t < mid) {
      b = mid;
      wb = wm;
    } else {
      a = mid;
      wa = wm;
    }
  }
  return wa;
}

/** Sum of the epoch's jumps up to t, minus the linear share of all its jumps (so the sum returns to 0 at the end). */
function jumpsAt(seedKey: number, pairKey: number, epoch: number, t: number, jumpStd: number): number {
  const rng = new SplitMix32(hashInts(seedKey, pairKey, epoch, TAG_JUMPS));
  const limit = JUMP_CLAMP_SIGMAS * jumpStd;
  let total = 0;
  let upToT = 0;
  for (let i = 0; i < JUMP_SLOTS; i++) {
    const fires = rng.nextUint32() < JUMP_THRESHOLD;
    const at = 1 + (rng.nextUint32() % (EPOCH_STEPS - 1));
    const size = Math.min(limit, Math.max(-limit, rng.nextNormal() * jumpStd));
    if (!fires) continue;
    total += size;
    if (at <= t) upToT += size;
  }
  return upToT - (t / EPOCH_STEPS) * total;
}
