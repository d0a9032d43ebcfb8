import type { Clock } from "../clock";
import { EXCHANGE_ADAPTERS, EXCHANGE_NAMES, ExchangeSource, isExchangeName, type ExchangeName } from "./exchanges";
import { ReplaySource } from "./replay";
import type { PriceSource } from "./source";
import { SyntheticSource } from "./synthetic";

/** A parsed --source SPEC. */
export type SourceSpec =
  | { readonly kind: "synthetic"; readonly seed: string }
  | { readonly kind: "replay"; readonly file: string; readonly speed: number }
  | { readonly kind: "exchange"; readonly exchange: ExchangeName };

const SPEED_RE = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

/** Parses `synthetic:SEED`, `replay:FILE`, `replay:FILE@SPEED` or an exchange name; throws a usage message otherwise. */
export function parseSourceSpec(text: string): SourceSpec {
  const spec = text.trim();
  if (spec.startsWith("synthetic:")) {
    const seed = spec.slice("synthetic:".length);
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(seed)) throw new Error(`invalid synthetic seed ${JSON.stringify(seed)}: use 1-64 letters, digits, '_', '.', '-'`);
    return { kind: "synthetic", seed };
  }
  if (spec.startsWith("replay:")) {
    let file = spec.slice("replay:".length);
    let speed = 1;
    const at = file.lastIndexOf("@");
    if (at >= 0 && SPEED_RE.test(file.slice(at + 1))) {
      speed = Number(file.slice(at + 1));
      file = file.slice(0, at);
      if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`invalid replay speed in ${JSON.stringify(spec)}: must be > 0`);
    }
    if (file === "") throw new Error(`replay source needs a file: ${JSON.stringify(spec)}`);
    return { kind: "replay", file, speed };
  }
  const name = spec.toLowerCase();
  if (isExchangeName(name)) return { kind: "exchange", exchange: name };
  throw new Error(`unknown source ${JSON.stringify(text)}: expected synthetic:SEED, replay:FILE[@SPEED] or one of ${EXCHANGE_NAMES.join(", ")}`);
}

/** What sources need from the rest of the configuration. */
export interface SourceContext {
  /** Clock for synthetic steps and replay time. */
  readonly clock: Clock;
  /** Base URL overrides by exchange name (--exchange-url). */
  readonly exchangeUrls: Readonly<Partial<Record<ExchangeName, string>>>;
  /** Per-request timeout for exchange adapters. */
  readonly requestTimeoutMs: number;
}

/** Instantiates a source from its spec (reads replay files; throws on unreadable or invalid files). */
export function createSource(spec: SourceSpec, ctx: SourceContext): PriceSource {
  switch (spec.kind) {
    case "synthetic":
      return new SyntheticSource(spec.seed, ctx.clock);
    case "replay":
      return ReplaySource.fromFile(spec.file, spec.speed, ctx.clock);
    case "exchange":
      return new ExchangeSource(EXCHANGE_ADAPTERS[spec.exchange], { baseUrl: ctx.exchangeUrls[spec.exchange], timeoutMs: ctx.requestTimeoutMs });
  }
}

/** Instantiates all sources, rejecting two sources with the same name. */
export function createSources(specs: readonly SourceSpec[], ctx: SourceContext): PriceSource[] {
  const sources = specs.map((s) => createSource(s, ctx));
  const names = sources.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new Error(`source ${dup} is configured twice`);
  return sources;
}
