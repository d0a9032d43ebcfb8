// The oracle module's queries and views (one import path for the root index).
export { type OracleExtension, setupOracleExtension } from "./queries.js";
export { type PriceHistoryInfo, type PriceInfo, type PricePointInfo, splitPair } from "./views.js";
