// @clearchain/client: TypeScript SDK for Clearchain over CosmJS.

export {
  CLEARCHAIN_BECH32_PREFIX,
  CLEARCHAIN_HD_PATH,
  CLEARCHAIN_VALOPER_PREFIX,
  COLLATERAL_DENOM,
  DEFAULT_GAS_MULTIPLIER,
  DEFAULT_GAS_PRICE,
  DEFAULT_MAX_SEQUENCE_RETRIES,
  DEFAULT_TX_POLL_INTERVAL_MS,
  DEFAULT_TX_TIMEOUT_MS,
  MAX_SUBACCOUNT_NUMBER,
  STAKE_DENOM,
} from "./constants.js";
export { type AmountInput, formatCoin, isBareAmount, parseAmount } from "./amount.js";
export {
  assertClearchainAddress,
  assertUint32,
  assertValidSubaccountNumber,
  isClearchainAddress,
  isValidSubaccountNumber,
} from "./validation.js";
export {
  circuitTypeUrls,
  clearingTypeUrls,
  moduleOfTypeUrl,
  modulesOfMsgs,
  MsgDepositTypeUrl,
  MsgResetCircuitBreakerTypeUrl,
  MsgTripCircuitBreakerTypeUrl,
  MsgUpdateParamsTypeUrl,
  MsgWithdrawTypeUrl,
} from "./typeUrls.js";
export { circuitTypes, clearchainRegistry, clearchainRegistryTypes, clearingTypes } from "./registry.js";
export { clearchainAminoTypes, createClearchainAminoConverters } from "./amino.js";
export {
  type ComposeCircuitInput,
  type ComposeDepositInput,
  type ComposeUpdateParamsInput,
  type ComposeWithdrawInput,
  composeMsgDeposit,
  composeMsgResetCircuitBreaker,
  composeMsgTripCircuitBreaker,
  composeMsgUpdateParams,
  composeMsgWithdraw,
  type MsgDepositEncodeObject,
  type MsgResetCircuitBreakerEncodeObject,
  type MsgTripCircuitBreakerEncodeObject,
  type MsgUpdateParamsEncodeObject,
  type MsgWithdrawEncodeObject,
} from "./composers.js";
export {
  CIRCUIT_CODESPACE,
  CIRCUIT_ERRORS,
  CircuitErrorCodes,
  CLEARING_CODESPACE,
  CLEARING_ERRORS,
  ClearchainTxError,
  type ClearchainTxErrorInit,
  ClearingErrorCodes,
  CLIENT_CODESPACE,
  ClientErrorCodes,
  errorText,
  isChainError,
  isClearchainTxError,
  isSequenceMismatch,
  type ParsedChainError,
  type ParseErrorOptions,
  parseErrorLog,
  parseExpectedSequence,
  type RegisteredError,
  resultError,
  SDK_CODESPACE,
  SDK_ERRORS,
  SdkErrorCodes,
  simulationError,
  type TxErrorStage,
} from "./errors.js";
export {
  type CircuitExtension,
  type ClearchainQueryClient,
  type ClearingExtension,
  setupCircuitExtension,
  setupClearingExtension,
} from "./queries.js";
export { type ClearingParams, type SubaccountInfo } from "./subaccounts.js";
export { collateralAfter, MsgDepositResponseTypeUrl, MsgWithdrawResponseTypeUrl } from "./responses.js";
export {
  type ClearchainDeliverTxResponse,
  type CometEvent,
  cometTxLookup,
  type IndexedTxResult,
  toDeliverTxResponse,
  waitForTx,
  type WaitForTxOptions,
} from "./inclusion.js";
export {
  type QueuedTx,
  type QueuedTxResult,
  type QueueSignerData,
  type SignerAccountState,
  TxQueue,
  type TxQueueDeps,
  type TxQueueOptions,
} from "./txQueue.js";
export { ClearchainClient, type ClearchainClientOptions, createClearchainQueryClient } from "./client.js";
export { type ClearchainFee, SigningClearchainClient, type SigningClearchainClientOptions } from "./signingClient.js";

/** Generated protobuf types of `clearchain.clearing.v1` (ts-proto). */
export * as clearingV1 from "./clearingV1.js";
/** Generated protobuf types of `clearchain.circuit.v1` (ts-proto). */
export * as circuitV1 from "./circuitV1.js";
/** Generated protobuf types of `clearchain.oracle.v1` (ts-proto). */
export * as oracleV1 from "./oracleV1.js";
export {
  type OracleExtension,
  type PriceHistoryInfo,
  type PriceInfo,
  type PricePointInfo,
  setupOracleExtension,
  splitPair,
} from "./oracle.js";
export {
  buildOrder,
  type BuildOrderInput,
  composeFill,
  ORDER_SIGN_DOMAIN,
  orderHash,
  orderSignBytes,
  type OrderSigner,
  orderSignerFromMnemonic,
  orderSignerFromPrivkey,
  type SignedOrder,
  signOrder,
} from "./orders.js";
export {
  composeMsgSetIsolated,
  composeMsgSubmitTrades,
  composeMsgTransfer,
  MsgSetIsolatedTypeUrl,
  MsgSubmitTradesTypeUrl,
  MsgTransferTypeUrl,
  setupTradingExtension,
  type TradingExtension,
} from "./trading.js";
export {
  applyFill,
  computeHealth,
  entryPrice,
  fee,
  type FillOutcome,
  fundingIndexDelta,
  fundingOwed,
  fundingRatePpm,
  type Health,
  type ImfParams,
  isRiskReducing,
  type MarginAccount,
  type MarginMarket,
  type MarginPosition,
  marginRequirements,
  notional,
  parseDec18,
  type PositionRisk,
  premiumPpm,
  type PricesByMarket,
  QUOTE_DECIMALS,
  signedValue,
  stepImf,
  targetImf,
} from "./margin.js";
