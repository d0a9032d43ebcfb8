// Pure TypeScript mirror of the chain's margin engine (chain/x/clearing/margin), held to the Go answers by
// test/vectors/margin.json. bigint only; every rounding direction as in Go.
export { big, type IntLike, INT_LIMIT, MAX_U64, PPM, QUOTE_DECIMALS } from "./arith.js";
export {
  entryPrice, fundingOwed, isRiskReducing, marginRequirements, notional, ratioPpm, signedValue, toMarginMarket, toMarginPosition,
} from "./engine.js";
export {
  computeHealth, type HealthOptions, healthToJSON, liquidationPrice, type PricesByMarket, withdrawable, type WithdrawableInput,
} from "./health.js";
export {
  type AdlScore, adlScore, bankruptcyPrice, type ClosingRule, type ClosingRuleInput, closingSize, DEFAULT_LIQUIDATION_BUFFER_PPM,
  DEFAULT_LIQUIDATION_DISCOUNT_PPM, DEFAULT_LIQUIDATION_FEE_PPM, DEFAULT_MAX_POSITION_FRACTION_PPM, DEFAULT_PARTIAL_LIQUIDATION_NOTIONAL,
  fillablePrice, liquidationFee, type LiquidationParams, liquidationParams, type LiquidationParamsInput, type LiquidationTerms,
  liquidationTerms, positionToLiquidate, toClosingRule,
} from "./liquidation.js";
export { applyFill, fee, fillOutcomeToJSON } from "./fill.js";
export {
  BLOCKS_PER_HOUR,
  type ImfParamsWithCap,
  MAX_IMF_RISE_PER_BLOCK_PPM,
  maxImfAfterBlocks,
  maxMmRiseOverBlocks,
  parseDec18,
  riseLimitPpm,
  stepImf,
  targetImf,
  volAddOnCap,
} from "./imf.js";
export { fundingIndexDelta, fundingRatePpm, premiumPpm } from "./funding.js";
export { computeRequirements, requirementsToJSON } from "./requirements.js";
export { settleSide, sideOutcomeToJSON } from "./settle.js";
export { Verdict, VERDICT_NAMES, verdictName } from "./verdict.js";
export { blockPremiumPpm, clampedPremiumPpm, withinBand } from "./band.js";
export type {
  FillOutcome, FillSide, FillSideInput, FillTerms, FillTermsInput, Health, ImfParams, ImfParamsInput, Lenient, MarginAccount,
  MarginAccountInput, MarginMarket, MarginMarketInput, MarginMarketsInput, MarginPosition, MarginPositionInput, PositionRisk,
  Requirements, SideOutcome,
} from "./types.js";
