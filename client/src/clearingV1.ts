// Generated protobuf types of clearchain.clearing.v1, re-exported as the `clearingV1` namespace.
export * from "./generated/clearchain/clearing/v1/events.js";
export * from "./generated/clearchain/clearing/v1/genesis.js";
export * from "./generated/clearchain/clearing/v1/health.js";
export * from "./generated/clearchain/clearing/v1/market.js";
export * from "./generated/clearchain/clearing/v1/order.js";
export * from "./generated/clearchain/clearing/v1/params.js";
export * from "./generated/clearchain/clearing/v1/query.js";
export * from "./generated/clearchain/clearing/v1/subaccount.js";
export * from "./generated/clearchain/clearing/v1/tx.js";
// Every generated file declares these helpers; name one copy explicitly to resolve the ambiguity.
export {
  type DeepPartial,
  type Exact,
  type MessageFns,
  protobufFileName,
  protobufPackage,
} from "./generated/clearchain/clearing/v1/tx.js";
