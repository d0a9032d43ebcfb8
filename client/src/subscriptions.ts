// Typed event streams: subscribeFills, subscribePrices and subscribeChainEvents (all Clearchain events) over the
// CometBFT websocket, with the reconnect and catch-up of subscribeEvents.
import type { RawAbciEvent } from "./eventAttributes.js";
import { decodeCircuitEvent, type CircuitEventInfo } from "./modules/circuit/events.js";
import { CLEARING_EVENT_TYPES, type ClearingEvent, decodeClearingEvent, decodeFillEvent, type FillEventInfo } from "./modules/clearing/events.js";
import { decodeOracleEvent, ORACLE_EVENT_TYPES, type PriceUpdateEventInfo, type OracleEvent } from "./modules/oracle/events.js";
import { type StreamEvent, subscribeEvents, type SubscribeOptions, type Unsubscribe } from "./streaming.js";

/** Any typed Clearchain event (clearing, liquidation, oracle, circuit). */
export type ClearchainEvent = ClearingEvent | OracleEvent | CircuitEventInfo;

/** decodeClearchainEvent decodes any Clearchain ABCI event into its typed form (undefined for SDK and CometBFT events). */
export function decodeClearchainEvent(ev: RawAbciEvent): ClearchainEvent | undefined {
  return decodeClearingEvent(ev) ?? decodeOracleEvent(ev) ?? decodeCircuitEvent(ev);
}

/** clearchainEventsOf decodes the Clearchain events of a delivered tx (or any list of ABCI events), in order. */
export function clearchainEventsOf(source: { readonly events: readonly RawAbciEvent[] } | readonly RawAbciEvent[]): ClearchainEvent[] {
  const events = Array.isArray(source) ? (source as readonly RawAbciEvent[]) : (source as { readonly events: readonly RawAbciEvent[] }).events;
  const out: ClearchainEvent[] = [];
  for (const ev of events) {
    const d = decodeClearchainEvent(ev);
    if (d) out.push(d);
  }
  return out;
}

/** Which fills subscribeFills delivers: every fill, or those of one market and/or where owner is maker or taker. */
export interface FillFilter {
  readonly marketId?: number;
  /** A "clear1…" address: fills where it is the maker or the taker owner. */
  readonly owner?: string;
}

/** A fill with where it happened. */
export type FillStreamEvent = StreamEvent<FillEventInfo>;

/** The transaction query of fill streams (settled fills are only emitted by MsgSubmitTrades transactions). */
export const FILL_TX_QUERY = `tm.event='Tx' AND ${CLEARING_EVENT_TYPES.fill}.market_id EXISTS`;

/**
 * fillTxQuery is the node-side query of a FillFilter: one market's fills (a 32-bit attribute is a bare JSON number, so
 * `market_id=N` matches), else every fill transaction. The owner (maker OR taker) is filtered client-side: CometBFT
 * queries have no OR.
 */
export function fillTxQuery(filter: FillFilter): string {
  if (filter.marketId === undefined) return FILL_TX_QUERY;
  if (!Number.isInteger(filter.marketId) || filter.marketId < 0 || filter.marketId > 0xffffffff) throw new RangeError(`marketId must be a uint32, got ${filter.marketId}`);
  return `tm.event='Tx' AND ${CLEARING_EVENT_TYPES.fill}.market_id=${filter.marketId}`;
}

/** fillMatches reports whether a fill passes a FillFilter. */
export function fillMatches(fill: FillEventInfo, filter: FillFilter): boolean {
  if (filter.marketId !== undefined && fill.marketId !== filter.marketId) return false;
  if (filter.owner !== undefined && fill.makerOwner !== filter.owner && fill.takerOwner !== filter.owner) return false;
  return true;
}

/**
 * subscribeFills delivers every settled fill matching filter ({ marketId?, owner? }) of the chain at rpcUrl, in
 * block order, with its height and transaction hash; reconnects with backoff and replays missed blocks (see
 * SubscribeOptions). Returns the function that stops it.
 */
export function subscribeFills(
  rpcUrl: string, filter: FillFilter, callback: (fill: FillStreamEvent) => void, options: SubscribeOptions = {},
): Unsubscribe {
  return subscribeEvents<FillEventInfo>(rpcUrl, {
    name: "fill",
    txQuery: fillTxQuery(filter),
    decode: (ev) => {
      const f = decodeFillEvent(ev);
      return f && fillMatches(f, filter) ? f : undefined;
    },
  }, callback, options);
}

/** A price update with the height of the block that set it. */
export type PriceStreamEvent = StreamEvent<PriceUpdateEventInfo>;

/**
 * subscribePrices delivers every oracle price update (each block's PreBlock aggregation), optionally of some pairs
 * only ("BTC/USD"), with the same reconnect and catch-up behaviour as subscribeFills.
 */
export function subscribePrices(
  rpcUrl: string, callback: (price: PriceStreamEvent) => void, options: SubscribeOptions & { readonly pairs?: readonly string[] } = {},
): Unsubscribe {
  const pairs = options.pairs ? new Set(options.pairs) : undefined;
  return subscribeEvents<PriceUpdateEventInfo>(rpcUrl, {
    name: "price",
    decode: (ev) => {
      if (ev.type !== ORACLE_EVENT_TYPES.price_update) return undefined;
      const p = decodeOracleEvent(ev) as PriceUpdateEventInfo;
      return !pairs || pairs.has(p.pair) ? p : undefined;
    },
  }, callback, options);
}

/** subscribeChainEvents delivers every typed Clearchain event of blocks and of transactions with Clearchain messages. */
export function subscribeChainEvents(
  rpcUrl: string, callback: (event: StreamEvent<ClearchainEvent>) => void, options: SubscribeOptions = {},
): Unsubscribe {
  return subscribeEvents<ClearchainEvent>(rpcUrl, {
    name: "clearchain event",
    txQuery: "tm.event='Tx'",
    decode: decodeClearchainEvent,
  }, callback, options);
}
