// Generated protobuf types of clearchain.oracle.v1, re-exported as the `oracleV1` namespace.
export * from "./generated/clearchain/oracle/v1/events.js";
export * from "./generated/clearchain/oracle/v1/genesis.js";
export * from "./generated/clearchain/oracle/v1/pair.js";
export * from "./generated/clearchain/oracle/v1/params.js";
export * from "./generated/clearchain/oracle/v1/vote_extension.js";
export * from "./generated/clearchain/oracle/v1/query.js";
export * from "./generated/clearchain/oracle/v1/tx.js";
// Every generated file declares these helpers; name one copy explicitly to resolve the ambiguity.
export {
  type DeepPartial,
  type Exact,
  type MessageFns,
  protobufFileName,
  protobufPackage,
} from "./generated/clearchain/oracle/v1/tx.js";
