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
  cleanErrorText,
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
export {
  type CancelOrdersResult,
  type ClearchainFee,
  SigningClearchainClient,
  type SigningClearchainClientOptions,
  type SubmitTradesResult,
} from "./signingClient.js";

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
  type ComposeFillInput,
  type IntegerInput,
  ORDER_SIGN_DOMAIN,
  orderHash,
  orderSignBytes,
  parseOrderHash,
  randomOrderNonce,
  type SideInput,
  type SignedOrder,
  toSide,
} from "./orders.js";
export {
  type OrderPrivateKey,
  orderPubKey,
  type OrderSigner,
  orderSignerFromMnemonic,
  orderSignerFromPrivkey,
  type OrderSignerOptions,
  signOrder,
  verifyOrderSignature,
} from "./orderSigner.js";
export {
  cancelOrdersResponse,
  type ComposeCancelOrdersInput,
  type ComposeSetIsolatedInput,
  type ComposeSubmitTradesInput,
  type ComposeTransferInput,
  composeMsgCancelOrders,
  composeMsgSetIsolated,
  composeMsgSubmitTrades,
  composeMsgTransfer,
  type MsgCancelOrdersEncodeObject,
  MsgCancelOrdersResponseTypeUrl,
  MsgCancelOrdersTypeUrl,
  MsgCreateMarketTypeUrl,
  type MsgSetIsolatedEncodeObject,
  MsgSetIsolatedTypeUrl,
  type MsgSubmitTradesEncodeObject,
  MsgSubmitTradesResponseTypeUrl,
  MsgSubmitTradesTypeUrl,
  type MsgTransferEncodeObject,
  MsgTransferTypeUrl,
  MsgUpdateMarketTypeUrl,
  submitTradesResponse,
} from "./trading.js";
export { type OrderRef, orderHashOf, setupTradingExtension, type TradingExtension, type WhatIfFill } from "./tradingQueries.js";
export {
  type MarketInfo,
  type MarketStateInfo,
  type OrderFillInfo,
  type PositionHealthInfo,
  type SubaccountHealthInfo,
  toMarketInfo,
  toOrderFillInfo,
  toPositionHealthInfo,
  toSubaccountHealthInfo,
  toWhatIfResult,
  type WhatIfResult,
} from "./tradingViews.js";
export { DEFAULT_MAX_SIMULATE_BYTES, simulateChunked, splitForSimulation } from "./gasEstimate.js";
export {
  marginAccountFromSubaccount,
  type MarginInputs,
  marginMarketFromChain,
  marginMarketsFromChain,
} from "./marginInputs.js";
export {
  applyFill,
  computeHealth,
  entryPrice,
  fee,
  type FillOutcome,
  fillOutcomeToJSON,
  fundingIndexDelta,
  fundingOwed,
  fundingRatePpm,
  type Health,
  healthToJSON,
  type ImfParams,
  type ImfParamsInput,
  type IntLike,
  isRiskReducing,
  liquidationPrice,
  type MarginAccount,
  type MarginAccountInput,
  type MarginMarket,
  type MarginMarketInput,
  type MarginMarketsInput,
  type MarginPosition,
  type MarginPositionInput,
  marginRequirements,
  notional,
  parseDec18,
  type PositionRisk,
  premiumPpm,
  type PricesByMarket,
  QUOTE_DECIMALS,
  ratioPpm,
  signedValue,
  stepImf,
  targetImf,
  toMarginMarket,
  toMarginPosition,
  withdrawable,
  type WithdrawableInput,
} from "./margin/index.js";
export {
  blockPremiumPpm,
  clampedPremiumPpm,
  computeRequirements,
  type FillSide,
  type FillSideInput,
  type FillTerms,
  type FillTermsInput,
  type Requirements,
  requirementsToJSON,
  settleSide,
  type SideOutcome,
  sideOutcomeToJSON,
  Verdict,
  VERDICT_NAMES,
  verdictName,
  withinBand,
} from "./margin/index.js";
