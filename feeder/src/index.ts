/** @clearchain/feeder: library entry point (the CLI lives in cli.ts). */
export * from "./aggregate";
export { parseArgs, isLoopbackHost, parseListen, UsageError, USAGE, type CliConfig, type ParsedArgs } from "./args";
export { ManualClock, systemClock, type Clock } from "./clock";
export { DECIMALS, SCALE, DecimalError, decimalFromJson, formatDecimal, mulDecimal, parseDecimal, truncateDecimal } from "./decimal";
export { Feeder, type FeederOptions } from "./feeder";
export { createJsonLogger, silentLogger, type Logger, type LogLevel } from "./log";
export { DEFAULT_PAIRS, parsePair, parsePairList, type Pair } from "./pairs";
export { buildSnapshot, type PairView, type Snapshot } from "./snapshot";
export { QuoteStore } from "./store";
export { pricesBody, type PricesBody } from "./views";
export * from "./sources/exchanges";
export { syntheticPrice, syntheticStep, SYNTHETIC_STEP_MS } from "./sources/gbm";
export { parseReplayCsv, type ReplayRow } from "./sources/replay-csv";
export { ReplaySource } from "./sources/replay";
export { createSource, createSources, parseSourceSpec, type SourceSpec } from "./sources/spec";
export type { PriceSource, SourceResult } from "./sources/source";
export { SyntheticSource } from "./sources/synthetic";
