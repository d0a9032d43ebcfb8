// ABCI event attributes: typed events (EmitTypedEvent) carry one JSON-encoded value per proto field.

/** An ABCI event with string or byte attributes (CometBFT JSON, CosmJS' decoded events). */
export interface RawAbciEvent {
  readonly type: string;
  readonly attributes?: ReadonlyArray<{ readonly key: string | Uint8Array; readonly value?: string | Uint8Array | null }> | null;
}

/** text decodes an attribute key or value (string or bytes). */
export const text = (v: string | Uint8Array | null | undefined): string => (v === undefined || v === null ? "" : typeof v === "string" ? v : new TextDecoder().decode(v));
/** int parses a decimal integer string (0n when absent or malformed). */
export const int = (s: string | undefined): bigint => (s && /^-?\d+$/.test(s) ? BigInt(s) : 0n);

/** attributesObject turns a typed event's attributes (JSON-encoded values, as the SDK emits them) into an object. */
export function attributesObject(ev: RawAbciEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of ev.attributes ?? []) {
    const v = text(a.value);
    try {
      out[text(a.key)] = JSON.parse(v);
    } catch {
      out[text(a.key)] = v;
    }
  }
  return out;
}

