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
export { circuitTypes, clearchainRegistry, clearchainRegistryTypes, clearingTypes, oracleTypes } from "./registry.js";
export { clearchainAminoTypes, createClearchainAminoConverters } from "./amino.js";
export {
  type ComposeDepositInput,
  type ComposeUpdateParamsInput,
  type ComposeWithdrawInput,
  composeMsgDeposit,
  composeMsgUpdateParams,
  composeMsgWithdraw,
  type MsgDepositEncodeObject,
  type MsgUpdateParamsEncodeObject,
  type MsgWithdrawEncodeObject,
} from "./modules/clearing/messages.js";
export {
  type ComposeCircuitInput,
  composeMsgResetCircuitBreaker,
  composeMsgTripCircuitBreaker,
  type MsgResetCircuitBreakerEncodeObject,
  type MsgTripCircuitBreakerEncodeObject,
} from "./modules/circuit/messages.js";
export { type CircuitExtension, setupCircuitExtension } from "./modules/circuit/queries.js";
export {
  CIRCUIT_CODESPACE,
  CIRCUIT_ERRORS,
  chainErrorMessage,
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
  ORACLE_CODESPACE,
  ORACLE_ERRORS,
  OracleErrorCodes,
  type ParsedChainError,
  type ParseErrorOptions,
  parseErrorLog,
  parseExpectedSequence,
  type RegisteredError,
  registeredError,
  resultError,
  SDK_CODESPACE,
  SDK_ERRORS,
  SdkErrorCodes,
  simulationError,
  type TxErrorStage,
} from "./errors.js";
export {
  type ClearchainQueryClient,
  type ClearingExtension,
  setupClearingExtension,
} from "./modules/clearing/queries.js";
export { type ClearingParams, type SubaccountInfo } from "./modules/clearing/subaccounts.js";
export { collateralAfter, MsgDepositResponseTypeUrl, MsgWithdrawResponseTypeUrl } from "./modules/clearing/responses.js";
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
export {
  ClearchainClient, type ClearchainClientOptions, type ClientSubscribeOptions, createClearchainQueryClient, endpointUrl,
} from "./client.js";
export {
  type CancelOrdersResult,
  type ClearchainFee,
  type LiquidateResult,
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
} from "./modules/oracle/index.js";
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
} from "./modules/clearing/messages.js";
export { type OrderRef, orderHashOf, setupTradingExtension, type TradingExtension, type WhatIfFill } from "./modules/clearing/queries.js";
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
} from "./modules/clearing/views.js";
export { DEFAULT_MAX_SIMULATE_BYTES, simulateChunked, splitForSimulation } from "./gasEstimate.js";
export {
  type AdlRankInfo,
  type ComposeLiquidateInput,
  composeMsgLiquidate,
  fetchAllPages,
  type InsuranceFlowInfo,
  type InsuranceFundInfo,
  type LiquidatableInfo,
  type LiquidatablePage,
  type LiquidateOutcome,
  liquidateResponse,
  type LiquidationExtension,
  type MsgLiquidateEncodeObject,
  MsgLiquidateResponseTypeUrl,
  MsgLiquidateTypeUrl,
  setupLiquidationExtension,
  type SubaccountRef,
  toInsuranceFlowInfo,
  toInsuranceFundInfo,
  toLiquidatableInfo,
} from "./modules/clearing/liquidation.js";
export {
  type BadDebtEventInfo,
  decodeLiquidationEvent,
  type DeleverageEventInfo,
  encodeAttribute,
  LIQUIDATION_EVENT_TYPES,
  LIQUIDATION_QUERIES,
  type LiquidationEvent,
  type LiquidationEventInfo,
  liquidationEventsOf,
  type LiquidationStreamEvent,
  subscribeLiquidations,
  type SubscribeLiquidationsOptions,
  type SweepEventInfo,
} from "./modules/clearing/liquidationEvents.js";
export { type RawAbciEvent } from "./eventAttributes.js";
export {
  BLOCK_EVENTS_QUERY,
  type EventStreamSpec,
  type StreamEvent,
  subscribeEvents,
  type SubscribeOptions,
  type Unsubscribe,
  websocketUrlOf,
} from "./streaming.js";
export {
  CLEARING_EVENT_TYPES,
  type ClearingEvent,
  decodeClearingEvent,
  decodeFillEvent,
  type DepositEventInfo,
  type FillEventInfo,
  type FillRejectedEventInfo,
  type FundingEventInfo,
  type OrdersCancelledEventInfo,
  type ParamsUpdatedEventInfo,
  type TransferEventInfo,
  type WithdrawEventInfo,
} from "./modules/clearing/events.js";
export {
  decodeOracleEvent,
  ORACLE_EVENT_TYPES,
  type OracleEvent,
  type OracleNoQuorumEventInfo,
  type PairHaltedEventInfo,
  type PairResumedEventInfo,
  type PriceUpdateEventInfo,
} from "./modules/oracle/events.js";
export { CIRCUIT_EVENT_TYPES, type CircuitEventInfo, decodeCircuitEvent } from "./modules/circuit/events.js";
export {
  type ClearchainEvent,
  clearchainEventsOf,
  decodeClearchainEvent,
  FILL_TX_QUERY,
  type FillFilter,
  fillTxQuery,
  fillMatches,
  type FillStreamEvent,
  type PriceStreamEvent,
  subscribeChainEvents,
  subscribeFills,
  subscribePrices,
} from "./subscriptions.js";
export {
  composeMsgSetPairHalt,
  composeMsgUpdateOracleParams,
  composeMsgUpsertPair,
  type MsgSetPairHaltEncodeObject,
  type MsgUpdateOracleParamsEncodeObject,
  type MsgUpsertPairEncodeObject,
  oracleTypeUrls,
} from "./modules/oracle/messages.js";
export { createClearingAminoConverters } from "./modules/clearing/aminomessages.js";
export { createOracleAminoConverters } from "./modules/oracle/aminomessages.js";
export { createCircuitAminoConverters } from "./modules/circuit/aminomessages.js";
export { ClearchainQueries, normalizeTicker, type TradingMarket } from "./clientGetters.js";
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
export {
  type AdlScore,
  adlScore,
  bankruptcyPrice,
  type ClosingRule,
  type ClosingRuleInput,
  closingSize,
  DEFAULT_LIQUIDATION_BUFFER_PPM,
  DEFAULT_LIQUIDATION_DISCOUNT_PPM,
  DEFAULT_LIQUIDATION_FEE_PPM,
  DEFAULT_MAX_POSITION_FRACTION_PPM,
  DEFAULT_PARTIAL_LIQUIDATION_NOTIONAL,
  fillablePrice,
  type HealthOptions,
  liquidationFee,
  type LiquidationParams,
  liquidationParams,
  type LiquidationParamsInput,
  type LiquidationTerms,
  liquidationTerms,
  positionToLiquidate,
  toClosingRule,
} from "./margin/index.js";
export {
  CLEARCHAIN_LOCALNET,
  CLEARCHAIN_LOCALNET_ASSETLIST,
  CLEARCHAIN_LOCALNET_CHAIN,
  type ChainRegistryNetwork,
  type KeplrBech32Config,
  type KeplrChainInfo,
  type KeplrChainInfoOptions,
  type KeplrCurrency,
  type KeplrFeeCurrency,
  type KeplrGasPriceStep,
  keplrChainInfo,
  type RegistryAsset,
  type RegistryAssetList,
  type RegistryBech32Config,
  type RegistryChain,
  type RegistryDenomUnit,
  type RegistryEndpoint,
  type RegistryFeeToken,
} from "./chain/index.js";
export {
  decimalToQuantums,
  type DecimalInput,
  type MarketUnits,
  marketUnitsOf,
  priceToQuantums,
  quantumsToDecimal,
  quantumsToPrice,
  quantumsToSize,
  roundToIncrement,
  type RoundingMode,
  roundToStep,
  roundToTick,
  sizeToQuantums,
} from "./units.js";
/** Block transaction 0 (the oracle transaction, MsgInjectedVotes): recognise and decode it. */
export * from "./oracleInjectedTx.js";
export {
  type LocalnetOptions,
  type LocalnetState,
  Network,
  type NetworkConfig,
  type NetworkKey,
  type NetworkNode,
} from "./network.js";
export { type CircuitStateInfo, isMsgDisabled, toCircuitStateInfo } from "./modules/circuit/views.js";
