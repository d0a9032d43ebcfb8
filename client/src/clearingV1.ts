// Generated protobuf types of clearchain.clearing.v1, re-exported as the `clearingV1` namespace.
export {
  EventDeposit,
  EventParamsUpdated,
  EventWithdraw,
} from "./generated/clearchain/clearing/v1/events.js";
export { GenesisState } from "./generated/clearchain/clearing/v1/genesis.js";
export { Params } from "./generated/clearchain/clearing/v1/params.js";
export {
  type Query,
  QueryClientImpl,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryServiceName,
  QuerySubaccountRequest,
  QuerySubaccountResponse,
  QuerySubaccountsByOwnerRequest,
  QuerySubaccountsByOwnerResponse,
} from "./generated/clearchain/clearing/v1/query.js";
export { Subaccount } from "./generated/clearchain/clearing/v1/subaccount.js";
export {
  type Msg,
  MsgClientImpl,
  MsgDeposit,
  MsgDepositResponse,
  MsgServiceName,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
  MsgWithdraw,
  MsgWithdrawResponse,
  protobufPackage,
} from "./generated/clearchain/clearing/v1/tx.js";
