// Keplr's `window.keplr.experimentalSuggestChain(chainInfo)` object built from chain-registry data.
import { CLEARCHAIN_LOCALNET, type ChainRegistryNetwork, type RegistryAsset } from "./registry.js";

/** KeplrCurrency is a Keplr `Currency`. */
export interface KeplrCurrency {
  /** coinDenom is the display name (the asset's symbol), e.g. "CLEAR". */
  coinDenom: string;
  /** coinMinimalDenom is the base denom, e.g. "uclear". */
  coinMinimalDenom: string;
  /** coinDecimals is the exponent of the display unit, e.g. 6. */
  coinDecimals: number;
  coinGeckoId?: string;
  coinImageUrl?: string;
}

/** KeplrGasPriceStep is a fee currency's gas prices per gas unit, in its base denom. */
export interface KeplrGasPriceStep {
  low: number;
  average: number;
  high: number;
}

/** KeplrFeeCurrency is a Keplr `FeeCurrency`. */
export interface KeplrFeeCurrency extends KeplrCurrency {
  gasPriceStep?: KeplrGasPriceStep;
}

/** KeplrBech32Config is Keplr's `Bech32Config`. */
export interface KeplrBech32Config {
  bech32PrefixAccAddr: string;
  bech32PrefixAccPub: string;
  bech32PrefixValAddr: string;
  bech32PrefixValPub: string;
  bech32PrefixConsAddr: string;
  bech32PrefixConsPub: string;
}

/** KeplrChainInfo is the `ChainInfo` object `window.keplr.experimentalSuggestChain` takes. */
export interface KeplrChainInfo {
  rpc: string;
  rest: string;
  chainId: string;
  chainName: string;
  stakeCurrency: KeplrCurrency;
  bip44: { coinType: number };
  bech32Config: KeplrBech32Config;
  currencies: KeplrCurrency[];
  feeCurrencies: KeplrFeeCurrency[];
  features?: string[];
}

/** KeplrChainInfoOptions override what the registry data says. */
export interface KeplrChainInfoOptions {
  /** rpc replaces the first `apis.rpc` address (e.g. a localnet started on another LOCALNET_BASE_PORT). */
  rpc?: string;
  /** rest replaces the first `apis.rest` address. */
  rest?: string;
  /** chainName replaces `pretty_name`. */
  chainName?: string;
}

/** toKeplrCurrency maps a registry asset: symbol, base, the display unit's exponent, coingecko id, logo. */
function toKeplrCurrency(asset: RegistryAsset): KeplrCurrency {
  const display = asset.denom_units.find((u) => u.denom === asset.display);
  if (!display) throw new Error(`asset ${asset.base}: display unit ${asset.display} is not among its denom_units`);
  const image = asset.logo_URIs?.svg ?? asset.logo_URIs?.png ?? asset.images?.[0]?.svg ?? asset.images?.[0]?.png;
  return {
    coinDenom: asset.symbol,
    coinMinimalDenom: asset.base,
    coinDecimals: display.exponent,
    ...(asset.coingecko_id ? { coinGeckoId: asset.coingecko_id } : {}),
    ...(image ? { coinImageUrl: image } : {}),
  };
}

/**
 * keplrChainInfo builds Keplr's `experimentalSuggestChain` object from a network's chain-registry chain.json and
 * assetlist.json ("localnet": chain-registry/clearchain-localnet, node0 of `make localnet`):
 *
 * - `rpc`, `rest`: the first `apis.rpc` / `apis.rest` address (or `options`);
 * - `chainId`, `chainName`: `chain_id`, `pretty_name`;
 * - `bip44.coinType`: `slip44` (118);
 * - `bech32Config`: `bech32_config`, else derived from `bech32_prefix` (clear, clearpub, clearvaloper, ...);
 * - `currencies`: every asset (`coinDenom` = symbol, `coinMinimalDenom` = base, `coinDecimals` = the display
 *   unit's exponent);
 * - `feeCurrencies`: the `fees.fee_tokens` assets with `gasPriceStep` from their low/average/high gas prices;
 * - `stakeCurrency`: the first `staking.staking_tokens` asset.
 *
 * @example
 * await window.keplr.experimentalSuggestChain(keplrChainInfo("localnet"));
 * await window.keplr.enable("clearchain-localnet");
 */
export function keplrChainInfo(network: "localnet" | ChainRegistryNetwork, options: KeplrChainInfoOptions = {}): KeplrChainInfo {
  const { chain, assetList } = network === "localnet" ? CLEARCHAIN_LOCALNET : network;
  if (!chain.chain_id) throw new Error(`chain ${chain.chain_name}: chain_id is required`);
  if (assetList.chain_name !== chain.chain_name) {
    throw new Error(`assetlist is for ${assetList.chain_name}, not ${chain.chain_name}`);
  }
  const rpc = options.rpc ?? chain.apis?.rpc?.[0]?.address;
  const rest = options.rest ?? chain.apis?.rest?.[0]?.address;
  if (!rpc || !rest) throw new Error(`chain ${chain.chain_name}: an rpc and a rest endpoint are required`);
  const asset = (denom: string): RegistryAsset => {
    const a = assetList.assets.find((x) => x.base === denom);
    if (!a) throw new Error(`chain ${chain.chain_name}: no asset with base ${denom} in the assetlist`);
    return a;
  };
  const prefix = chain.bech32_prefix ?? chain.bech32_config?.bech32PrefixAccAddr;
  if (!prefix) throw new Error(`chain ${chain.chain_name}: bech32_prefix is required`);
  const b = chain.bech32_config ?? {};
  const bech32Config: KeplrBech32Config = {
    bech32PrefixAccAddr: b.bech32PrefixAccAddr ?? prefix,
    bech32PrefixAccPub: b.bech32PrefixAccPub ?? `${prefix}pub`,
    bech32PrefixValAddr: b.bech32PrefixValAddr ?? `${prefix}valoper`,
    bech32PrefixValPub: b.bech32PrefixValPub ?? `${prefix}valoperpub`,
    bech32PrefixConsAddr: b.bech32PrefixConsAddr ?? `${prefix}valcons`,
    bech32PrefixConsPub: b.bech32PrefixConsPub ?? `${prefix}valconspub`,
  };
  const stakeDenom = chain.staking?.staking_tokens?.[0]?.denom;
  if (!stakeDenom) throw new Error(`chain ${chain.chain_name}: staking.staking_tokens is required`);
  const feeTokens = chain.fees?.fee_tokens ?? [];
  if (feeTokens.length === 0) throw new Error(`chain ${chain.chain_name}: fees.fee_tokens is required`);
  const feeCurrencies = feeTokens.map((t): KeplrFeeCurrency => {
    const c = toKeplrCurrency(asset(t.denom));
    const low = t.low_gas_price ?? t.fixed_min_gas_price;
    const average = t.average_gas_price ?? low;
    const high = t.high_gas_price ?? average;
    return low !== undefined && average !== undefined && high !== undefined ? { ...c, gasPriceStep: { low, average, high } } : c;
  });
  return {
    rpc,
    rest,
    chainId: chain.chain_id,
    chainName: options.chainName ?? chain.pretty_name ?? chain.chain_name,
    stakeCurrency: toKeplrCurrency(asset(stakeDenom)),
    bip44: { coinType: chain.slip44 ?? 118 },
    bech32Config,
    currencies: assetList.assets.map(toKeplrCurrency),
    feeCurrencies,
  };
}
