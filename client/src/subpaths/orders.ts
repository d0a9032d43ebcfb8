// @clearchain/client/orders: orders, their signing, and human units, without the clients (tree-shakes small).
export type { IntegerInput } from "../integer.js";
export {
  buildOrder, type BuildOrderInput, composeFill, type ComposeFillInput, ORDER_SIGN_DOMAIN, orderHash, orderSignBytes, parseOrderHash,
  randomOrderNonce, type SideInput, type SignedOrder, toInteger, toSide,
} from "../orders.js";
export {
  type OrderPrivateKey, orderPubKey, type OrderSigner, orderSignerFromMnemonic, orderSignerFromPrivkey, type OrderSignerOptions, signOrder,
  verifyOrderSignature,
} from "../orderSigner.js";
export {
  decimalToQuantums, type DecimalInput, type MarketUnits, marketUnitsOf, priceToQuantums, quantumsToDecimal, quantumsToPrice, quantumsToSize,
  roundToIncrement, type RoundingMode, roundToStep, roundToTick, sizeToQuantums,
} from "../units.js";
