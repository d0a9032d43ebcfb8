import { EXCHANGE_NAMES, type ExchangeAdapter, type ExchangeName } from "./adapter";
import { binance } from "./binance";
import { bitstamp } from "./bitstamp";
import { coinbase } from "./coinbase";
import { kraken } from "./kraken";

/** Every exchange adapter by name. */
export const EXCHANGE_ADAPTERS: Readonly<Record<ExchangeName, ExchangeAdapter>> = { coinbase, kraken, bitstamp, binance };

/** Whether `name` is a known exchange adapter. */
export function isExchangeName(name: string): name is ExchangeName {
  return (EXCHANGE_NAMES as readonly string[]).includes(name);
}

export { EXCHANGE_NAMES, ExchangeSource, type ExchangeAdapter, type ExchangeName, type ExchangeRequest } from "./adapter";
export { binance, bitstamp, coinbase, kraken };
