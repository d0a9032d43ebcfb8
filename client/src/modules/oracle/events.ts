// Typed decoders of every oracle module event (PreBlock aggregation and governance halts).
import { EventOracleNoQuorum, EventPairHalted, EventPairResumed, EventPriceUpdate } from "../../generated/clearchain/oracle/v1/events.js";
import { attributesObject, type RawAbciEvent } from "../../eventAttributes.js";

/** ABCI event types of the oracle module (proto message names of its typed events). */
export const ORACLE_EVENT_TYPES = {
  price_update: "clearchain.oracle.v1.EventPriceUpdate",
  pair_halted: "clearchain.oracle.v1.EventPairHalted",
  pair_resumed: "clearchain.oracle.v1.EventPairResumed",
  no_quorum: "clearchain.oracle.v1.EventOracleNoQuorum",
} as const;

/** A new aggregated price of a pair (every block with a quorum of reports). */
export interface PriceUpdateEventInfo {
  readonly kind: "price_update";
  /** "BASE/QUOTE", e.g. "BTC/USD". */
  readonly pair: string;
  /** The price as an exact decimal string in quote units ("59374.5"); quantums = price × 10^pair decimals. */
  readonly price: string;
  /** Validators whose reports formed it. */
  readonly reporters: number;
  /** Their share of the bonded power, ppm. */
  readonly reportingPowerPpm: bigint;
  /** The pair is halted (the price is recorded but not used for trading). */
  readonly halted: boolean;
}

/** A pair was halted by the band circuit breaker ("band") or governance ("governance"). */
export interface PairHaltedEventInfo {
  readonly kind: "pair_halted";
  readonly pair: string;
  readonly reason: string;
  /** Decimal strings. */
  readonly price: string;
  readonly referencePrice: string;
  readonly movePpm: bigint;
  /** Height at which a band halt ends (0: until governance resumes it). */
  readonly haltedUntilHeight: bigint;
}

/** Governance resumed a halted pair. */
export interface PairResumedEventInfo {
  readonly kind: "pair_resumed";
  readonly pair: string;
}

/** A pair got reports from too little power to update this block. */
export interface OracleNoQuorumEventInfo {
  readonly kind: "no_quorum";
  readonly pair: string;
  readonly reporters: number;
  readonly reportingPowerPpm: bigint;
}

/** Any typed oracle event. */
export type OracleEvent = PriceUpdateEventInfo | PairHaltedEventInfo | PairResumedEventInfo | OracleNoQuorumEventInfo;

/** decodeOracleEvent decodes one ABCI event of the oracle module into its typed form (undefined for other types). */
export function decodeOracleEvent(ev: RawAbciEvent): OracleEvent | undefined {
  switch (ev.type) {
    case ORACLE_EVENT_TYPES.price_update: {
      const e = EventPriceUpdate.fromJSON(attributesObject(ev));
      return { kind: "price_update", pair: e.pair, price: e.price, reporters: e.reporters, reportingPowerPpm: e.reportingPowerPpm, halted: e.halted };
    }
    case ORACLE_EVENT_TYPES.pair_halted: {
      const e = EventPairHalted.fromJSON(attributesObject(ev));
      return {
        kind: "pair_halted", pair: e.pair, reason: e.reason, price: e.price, referencePrice: e.referencePrice, movePpm: e.movePpm,
        haltedUntilHeight: e.haltedUntilHeight,
      };
    }
    case ORACLE_EVENT_TYPES.pair_resumed:
      return { kind: "pair_resumed", pair: EventPairResumed.fromJSON(attributesObject(ev)).pair };
    case ORACLE_EVENT_TYPES.no_quorum: {
      const e = EventOracleNoQuorum.fromJSON(attributesObject(ev));
      return { kind: "no_quorum", pair: e.pair, reporters: e.reporters, reportingPowerPpm: e.reportingPowerPpm };
    }
    default:
      return undefined;
  }
}
