import { type GeneratedType, Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";

import * as circuitTx from "./generated/clearchain/circuit/v1/tx.js";
import * as clearingTx from "./generated/clearchain/clearing/v1/tx.js";
import * as oracleTx from "./generated/clearchain/oracle/v1/tx.js";
import {
  MsgDepositTypeUrl,
  MsgResetCircuitBreakerTypeUrl,
  MsgTripCircuitBreakerTypeUrl,
  MsgUpdateParamsTypeUrl,
  MsgWithdrawTypeUrl,
} from "./typeUrls.js";

function isGeneratedType(value: unknown): value is GeneratedType {
  const v = value as Partial<Record<"encode" | "decode" | "fromPartial", unknown>> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.encode === "function" &&
    typeof v.decode === "function" &&
    typeof v.fromPartial === "function"
  );
}

/** Every `Msg*` request type of a generated tx module (responses excluded), known type URLs first, then by name. */
function msgTypesOf(
  module: Record<string, unknown> & { protobufPackage: string },
  knownFirst: readonly string[],
): Array<[string, GeneratedType]> {
  const found: Array<[string, GeneratedType]> = [];
  for (const [name, value] of Object.entries(module)) {
    if (!/^Msg[A-Z]\w*$/.test(name) || name.endsWith("Response") || !isGeneratedType(value)) continue;
    found.push([`/${module.protobufPackage}.${name}`, value]);
  }
  const rank = (url: string): number => {
    const i = knownFirst.indexOf(url);
    return i < 0 ? knownFirst.length : i;
  };
  return found.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Protobuf types of every clearing module message (`/clearchain.clearing.v1.Msg*`), keyed by type URL. */
export const clearingTypes: ReadonlyArray<[string, GeneratedType]> = msgTypesOf(clearingTx, [
  MsgDepositTypeUrl,
  MsgWithdrawTypeUrl,
  MsgUpdateParamsTypeUrl,
]);

/** Protobuf types of every circuit module message (`/clearchain.circuit.v1.Msg*`), keyed by type URL. */
export const circuitTypes: ReadonlyArray<[string, GeneratedType]> = msgTypesOf(circuitTx, [
  MsgTripCircuitBreakerTypeUrl,
  MsgResetCircuitBreakerTypeUrl,
]);

/** Protobuf types of every oracle module message (`/clearchain.oracle.v1.Msg*`), keyed by type URL. */
export const oracleTypes: ReadonlyArray<[string, GeneratedType]> = msgTypesOf(oracleTx, []);

/** CosmJS default stargate types plus every clearing, circuit and oracle message. */
export const clearchainRegistryTypes: ReadonlyArray<[string, GeneratedType]> = [
  ...defaultRegistryTypes,
  ...clearingTypes,
  ...circuitTypes,
  ...oracleTypes,
];

/** A fresh CosmJS `Registry` that can encode/decode default stargate, clearing and circuit messages. */
export function clearchainRegistry(): Registry {
  return new Registry(clearchainRegistryTypes);
}
