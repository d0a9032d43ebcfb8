/**
 * Deterministic 32-bit hashing and random numbers built only from integer operations (Math.imul, shifts, xor),
 * so every machine and JavaScript engine produces the same values.
 */

/** Chris Wellons' "lowbias32" integer finalizer: a strong 32-bit → 32-bit mix. */
export function mix32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d);
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b);
  x = (x ^ (x >>> 16)) >>> 0;
  return x >>> 0;
}

/** FNV-1a 32-bit hash of a string's UTF-16 code units. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes a sequence of non-negative integers (each < 2^53) into one 32-bit key. */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`hashInts: ${v} is not a non-negative safe integer`);
    h = mix32((h ^ (v >>> 0)) >>> 0);
    h = mix32((h ^ Math.floor(v / 4294967296)) >>> 0);
  }
  return h;
}

/** A splitmix32-style generator: a Weyl sequence passed through mix32. */
export class SplitMix32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    return mix32(this.state);
  }

  /** Next uniform in [0, 1), an exact multiple of 2^-32. */
  nextUnit(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Next approximately standard normal value (Irwin–Hall: sum of 12 uniforms − 6, exact in binary64, range ±6). */
  nextNormal(): number {
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += this.nextUnit();
    return sum - 6;
  }
}
