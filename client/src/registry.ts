import { type GeneratedType, Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";

import { MsgResetCircuitBreaker, MsgTripCircuitBreaker } from "./generated/clearchain/circuit/v1/tx.js";
import { MsgDeposit, MsgUpdateParams, MsgWithdraw } from "./generated/clearchain/clearing/v1/tx.js";
import {
  MsgDepositTypeUrl,
  MsgResetCircuitBreakerTypeUrl,
  MsgTripCircuitBreakerTypeUrl,
  MsgUpdateParamsTypeUrl,
  MsgWithdrawTypeUrl,
} from "./typeUrls.js";

/** Protobuf types of the clearing module's messages, keyed by type URL. */
export const clearingTypes: ReadonlyArray<[string, GeneratedType]> = [
  [MsgDepositTypeUrl, MsgDeposit],
  [MsgWithdrawTypeUrl, MsgWithdraw],
  [MsgUpdateParamsTypeUrl, MsgUpdateParams],
];

/** Protobuf types of the circuit module's messages, keyed by type URL. */
export const circuitTypes: ReadonlyArray<[string, GeneratedType]> = [
  [MsgTripCircuitBreakerTypeUrl, MsgTripCircuitBreaker],
  [MsgResetCircuitBreakerTypeUrl, MsgResetCircuitBreaker],
];

/** CosmJS default stargate types plus every clearing and circuit message. */
export const clearchainRegistryTypes: ReadonlyArray<[string, GeneratedType]> = [
  ...defaultRegistryTypes,
  ...clearingTypes,
  ...circuitTypes,
];

/** A fresh CosmJS `Registry` that can encode/decode default stargate, clearing and circuit messages. */
export function clearchainRegistry(): Registry {
  return new Registry(clearchainRegistryTypes);
}
