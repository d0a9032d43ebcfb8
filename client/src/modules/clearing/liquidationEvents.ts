// Typed liquidation events (EventLiquidation, EventBadDebt, EventDeleverage, EventSweep) and subscribeLiquidations:
// a CometBFT websocket subscription that delivers them per block, reconnects with bounded backoff and fills the blocks
// it missed while disconnected from block_results.
import { attributesObject, int, type RawAbciEvent } from "../../eventAttributes.js";
import { BLOCK_EVENTS_QUERY, type StreamEvent, subscribeEvents, type SubscribeOptions, type Unsubscribe } from "../../streaming.js";

import { EventBadDebt, EventDeleverage, EventLiquidation, EventSweep } from "../../generated/clearchain/clearing/v1/events.js";

/** ABCI event types of the liquidation engine (typed events: proto message names). */
export const LIQUIDATION_EVENT_TYPES = {
  liquidation: "clearchain.clearing.v1.EventLiquidation",
  bad_debt: "clearchain.clearing.v1.EventBadDebt",
  deleverage: "clearchain.clearing.v1.EventDeleverage",
  sweep: "clearchain.clearing.v1.EventSweep",
} as const;

/** A liquidation fill, by a liquidator (MsgLiquidate) or the backstop (EndBlock). */
export interface LiquidationEventInfo {
  readonly kind: "liquidation";
  readonly owner: string;
  readonly number: number;
  readonly marketId: number;
  /** "liquidator" or "backstop". */
  readonly taker: string;
  /** The receiving subaccount (the backstop's for "backstop"). */
  readonly liquidator: string;
  readonly liquidatorNumber: number;
  /** Signed size removed from the liquidated position (positive: a long was reduced). */
  readonly size: bigint;
  /** Fill price, price quantums. */
  readonly price: bigint;
  /** Price at which the close leaves zero equity. */
  readonly bankruptcyPrice: bigint;
  /** Liquidation fee paid to the insurance fund. */
  readonly fee: bigint;
}

/** The insurance fund paid a subaccount's negative equity. */
export interface BadDebtEventInfo {
  readonly kind: "bad_debt";
  readonly owner: string;
  readonly number: number;
  readonly amount: bigint;
  /** Insurance fund balance after paying. */
  readonly insuranceAfter: bigint;
}

/** Auto-deleveraging closed a profitable opposite position against a bankrupt one. */
export interface DeleverageEventInfo {
  readonly kind: "deleverage";
  readonly marketId: number;
  /** The bankrupt subaccount. */
  readonly owner: string;
  readonly number: number;
  /** The deleveraged subaccount. */
  readonly counterparty: string;
  readonly counterpartyNumber: number;
  /** Signed size removed from the bankrupt position. */
  readonly size: bigint;
  /** The bankruptcy price used. */
  readonly price: bigint;
}

/** A block's liquidation sweep result. */
export interface SweepEventInfo {
  readonly kind: "sweep";
  /** Subaccounts the index woke and the sweep evaluated. */
  readonly evaluated: number;
  /** Subaccounts liquidatable after the sweep. */
  readonly liquidatable: number;
  /** Liquidatable subaccounts the caps queued for the next block. */
  readonly deferred: number;
}

/** Any typed liquidation event. */
export type LiquidationEvent = LiquidationEventInfo | BadDebtEventInfo | DeleverageEventInfo | SweepEventInfo;

/** A liquidation event with where it happened: block events (PreBlock/EndBlock) have no txHash. */
export type LiquidationStreamEvent = StreamEvent<LiquidationEvent>;

/** decodeLiquidationEvent decodes one ABCI event into a typed liquidation event (undefined for any other type). */
export function decodeLiquidationEvent(ev: RawAbciEvent): LiquidationEvent | undefined {
  switch (ev.type) {
    case LIQUIDATION_EVENT_TYPES.liquidation: {
      const e = EventLiquidation.fromJSON(attributesObject(ev));
      return {
        kind: "liquidation", owner: e.owner, number: e.number, marketId: e.marketId, taker: e.taker, liquidator: e.liquidator,
        liquidatorNumber: e.liquidatorNumber, size: int(e.size), price: e.price, bankruptcyPrice: int(e.bankruptcyPrice), fee: int(e.fee),
      };
    }
    case LIQUIDATION_EVENT_TYPES.bad_debt: {
      const e = EventBadDebt.fromJSON(attributesObject(ev));
      return { kind: "bad_debt", owner: e.owner, number: e.number, amount: int(e.amount), insuranceAfter: int(e.insuranceAfter) };
    }
    case LIQUIDATION_EVENT_TYPES.deleverage: {
      const e = EventDeleverage.fromJSON(attributesObject(ev));
      return {
        kind: "deleverage", marketId: e.marketId, owner: e.owner, number: e.number, counterparty: e.counterparty,
        counterpartyNumber: e.counterpartyNumber, size: int(e.size), price: e.price,
      };
    }
    case LIQUIDATION_EVENT_TYPES.sweep: {
      const e = EventSweep.fromJSON(attributesObject(ev));
      return { kind: "sweep", evaluated: e.evaluated, liquidatable: e.liquidatable, deferred: e.deferred };
    }
    default:
      return undefined;
  }
}

/** liquidationEventsOf decodes the liquidation events of a delivered tx (or any list of ABCI events), in order. */
export function liquidationEventsOf(source: { readonly events: readonly RawAbciEvent[] } | readonly RawAbciEvent[]): LiquidationEvent[] {
  const events = Array.isArray(source) ? (source as readonly RawAbciEvent[]) : (source as { readonly events: readonly RawAbciEvent[] }).events;
  const out: LiquidationEvent[] = [];
  for (const ev of events) {
    const d = decodeLiquidationEvent(ev);
    if (d) out.push(d);
  }
  return out;
}

/** Options of subscribeLiquidations (every subscription takes the same options). */
export type SubscribeLiquidationsOptions = SubscribeOptions;

/** The queries subscribed to: every block's FinalizeBlock events, and transactions that liquidated (MsgLiquidate). */
export const LIQUIDATION_QUERIES = {
  block: BLOCK_EVENTS_QUERY,
  tx: `tm.event='Tx' AND ${LIQUIDATION_EVENT_TYPES.liquidation}.owner EXISTS`,
} as const;

/**
 * subscribeLiquidations delivers every liquidation, bad-debt, deleverage and sweep event of the chain at `rpcUrl`
 * (http(s):// or ws(s)://) to `callback`, in block order (a block's PreBlock/EndBlock events before its transactions'),
 * over the CometBFT websocket. It reconnects with exponential backoff (bounded by maxBackoffMs) whenever the socket
 * closes, errors or goes silent, and then delivers the missed blocks' events from block_results (bounded). Returns
 * the function that stops it. A callback that throws is reported to onError and does not stop the subscription.
 */
export function subscribeLiquidations(rpcUrl: string, callback: (event: LiquidationStreamEvent) => void, options: SubscribeLiquidationsOptions = {}): Unsubscribe {
  return subscribeEvents<LiquidationEvent>(rpcUrl, { name: "liquidation", txQuery: LIQUIDATION_QUERIES.tx, decode: decodeLiquidationEvent }, callback, options);
}

/** encodeAttribute renders a typed event attribute value as the SDK does (JSON), for tests and tools that build events. */
export function encodeAttribute(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
