// Typed decoders of the circuit module's events.
import { EventCircuitReset, EventCircuitTripped } from "../../generated/clearchain/circuit/v1/tx.js";
import { attributesObject, type RawAbciEvent } from "../../eventAttributes.js";

/** ABCI event types of the circuit module. */
export const CIRCUIT_EVENT_TYPES = {
  tripped: "clearchain.circuit.v1.EventCircuitTripped",
  reset: "clearchain.circuit.v1.EventCircuitReset",
} as const;

/** A message type was disabled ("tripped") or re-enabled ("reset"). */
export interface CircuitEventInfo {
  readonly kind: "circuit_tripped" | "circuit_reset";
  readonly msgTypeUrl: string;
}

/** decodeCircuitEvent decodes one ABCI event of the circuit module (undefined for other types). */
export function decodeCircuitEvent(ev: RawAbciEvent): CircuitEventInfo | undefined {
  if (ev.type === CIRCUIT_EVENT_TYPES.tripped) return { kind: "circuit_tripped", msgTypeUrl: EventCircuitTripped.fromJSON(attributesObject(ev)).msgTypeUrl };
  if (ev.type === CIRCUIT_EVENT_TYPES.reset) return { kind: "circuit_reset", msgTypeUrl: EventCircuitReset.fromJSON(attributesObject(ev)).msgTypeUrl };
  return undefined;
}
