// Generated protobuf types of clearchain.circuit.v1, re-exported as the `circuitV1` namespace.
export * from "./generated/clearchain/circuit/v1/genesis.js";
export * from "./generated/clearchain/circuit/v1/query.js";
export * from "./generated/clearchain/circuit/v1/tx.js";
// Every generated file declares these helpers; name one copy explicitly to resolve the ambiguity.
export {
  type DeepPartial,
  type Exact,
  type MessageFns,
  protobufFileName,
  protobufPackage,
} from "./generated/clearchain/circuit/v1/tx.js";
