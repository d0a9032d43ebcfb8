// Generic ts-proto <-> amino JSON conversion as the SDK's x/tx aminojson encoder does it (held to test/vectors/amino.json).
import { toBase64 } from "@cosmjs/encoding";
import type { AminoConverter } from "@cosmjs/stargate";

/** A plain coin. */
export interface AminoCoin {
  readonly denom: string;
  readonly amount: string;
}

/** omitZero returns { key: value } unless isZero (the encoder omits zero values unless a field is dont_omitempty). */
export function omitZero<K extends string, V>(key: K, value: V, isZero: boolean): Partial<Record<K, V>> {
  return isZero ? {} : ({ [key]: value } as Record<K, V>);
}

/** coinToAmino renders a (possibly absent) coin with both fields present. */
export function coinToAmino(c: { readonly denom: string; readonly amount: string } | undefined): AminoCoin {
  return { denom: c?.denom ?? "", amount: c?.amount ?? "0" };
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function isZero(v: unknown): boolean {
  return (
    v === undefined || v === null || v === "" || v === 0 || v === 0n || v === false ||
    (Array.isArray(v) && v.length === 0) || (v instanceof Uint8Array && v.length === 0)
  );
}

/**
 * toAminoJson renders a ts-proto object as amino JSON: snake_case keys, 64-bit integers as decimal strings, bytes as
 * base64, enums as numbers, zero values omitted — except the top-level keys in dontOmit (amino.dont_omitempty).
 */
export function toAminoJson(value: unknown, dontOmit: readonly string[] = []): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return toBase64(value);
  if (Array.isArray(value)) return value.map((v) => toAminoJson(v));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = snakeCase(k);
      if (dontOmit.includes(key)) out[key] = toAminoJson(v ?? {});
      else if (!isZero(v)) out[key] = toAminoJson(v);
    }
    return out;
  }
  return value;
}

/** protoAminoConverter converts a message generically: toAminoJson out, the generated type's fromJSON (snake_case aware) back. */
export function protoAminoConverter(
  aminoType: string, type: { fromJSON(object: unknown): unknown }, dontOmit: readonly string[] = [],
): AminoConverter {
  return {
    aminoType,
    toAmino: (m: object) => toAminoJson(m, dontOmit),
    fromAmino: (a: Record<string, unknown>) => type.fromJSON(a),
  };
}
