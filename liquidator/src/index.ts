/** @clearchain/liquidator: library entry point (the CLI lives in cli.ts). */
export { DEFAULT_METRICS_LISTEN, isLoopbackHost, type LiquidatorConfig, MNEMONIC_ENV, parseArgs, parseListen, parseWatch, type ParsedArgs, USAGE, UsageError, type WatchSpec } from "./args";
export { type ChainAdapter, keyFromMnemonic, type LiquidatorKey, SdkChain, type SdkChainOptions, type SubaccountKey, subaccountsInEvents, type SubaccountState } from "./chain";
export { DecimalError, formatUnits, parseUnits, toNumber } from "./decimal";
export { Liquidator, type LiquidatorOptions, type PollStatus } from "./liquidator";
export { createJsonLogger, silentLogger, type Logger, type LogLevel } from "./log";
export { LiquidatorMetrics } from "./metrics";
export { type Decision, fitsMargin, gasCostUsdc, isLiquidatable, keyOf, plan, type Plan, type PlanInput, type SkipReason, type TrackedAccount, withPrices } from "./plan";
export { FeederPriceSource, type MarketPair, predictedPrices, type PriceQuote, type PriceSource } from "./prices";
