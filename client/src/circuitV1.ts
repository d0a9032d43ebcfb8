// Generated protobuf types of clearchain.circuit.v1, re-exported as the `circuitV1` namespace.
export { GenesisState } from "./generated/clearchain/circuit/v1/genesis.js";
export {
  type Query,
  QueryClientImpl,
  QueryDisabledListRequest,
  QueryDisabledListResponse,
  QueryServiceName,
} from "./generated/clearchain/circuit/v1/query.js";
export {
  EventCircuitReset,
  EventCircuitTripped,
  type Msg,
  MsgClientImpl,
  MsgResetCircuitBreaker,
  MsgResetCircuitBreakerResponse,
  MsgServiceName,
  MsgTripCircuitBreaker,
  MsgTripCircuitBreakerResponse,
  protobufPackage,
} from "./generated/clearchain/circuit/v1/tx.js";
