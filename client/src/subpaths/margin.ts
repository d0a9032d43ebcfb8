// @clearchain/client/margin: the pure TypeScript margin engine (no CosmJS, no protobuf), plus human units.
export * from "../margin/index.js";
export type { IntegerInput } from "../integer.js";
export {
  decimalToQuantums, type DecimalInput, type MarketUnits, marketUnitsOf, priceToQuantums, quantumsToDecimal, quantumsToPrice, quantumsToSize,
  roundToIncrement, type RoundingMode, roundToStep, roundToTick, sizeToQuantums,
} from "../units.js";
