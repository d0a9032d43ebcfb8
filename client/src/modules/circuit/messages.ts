// Circuit module messages: EncodeObjects and composers of MsgTripCircuitBreaker and MsgResetCircuitBreaker.
import type { EncodeObject } from "@cosmjs/proto-signing";

import { MsgResetCircuitBreaker, MsgTripCircuitBreaker } from "../../generated/clearchain/circuit/v1/tx.js";
import { MsgResetCircuitBreakerTypeUrl, MsgTripCircuitBreakerTypeUrl } from "../../typeUrls.js";

/** EncodeObject carrying a circuit MsgTripCircuitBreaker. */
export interface MsgTripCircuitBreakerEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgTripCircuitBreakerTypeUrl;
  readonly value: MsgTripCircuitBreaker;
}

/** EncodeObject carrying a circuit MsgResetCircuitBreaker. */
export interface MsgResetCircuitBreakerEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgResetCircuitBreakerTypeUrl;
  readonly value: MsgResetCircuitBreaker;
}

/** Input of the circuit breaker composers. */
export interface ComposeCircuitInput {
  readonly authority: string;
  readonly msgTypeUrls: readonly string[];
}

/** Builds a MsgTripCircuitBreaker EncodeObject disabling the given message type URLs. */
export function composeMsgTripCircuitBreaker(input: ComposeCircuitInput): MsgTripCircuitBreakerEncodeObject {
  return {
    typeUrl: MsgTripCircuitBreakerTypeUrl,
    value: MsgTripCircuitBreaker.fromPartial({ authority: input.authority, msgTypeUrls: [...input.msgTypeUrls] }),
  };
}

/** Builds a MsgResetCircuitBreaker EncodeObject re-enabling the given message type URLs. */
export function composeMsgResetCircuitBreaker(input: ComposeCircuitInput): MsgResetCircuitBreakerEncodeObject {
  return {
    typeUrl: MsgResetCircuitBreakerTypeUrl,
    value: MsgResetCircuitBreaker.fromPartial({ authority: input.authority, msgTypeUrls: [...input.msgTypeUrls] }),
  };
}
