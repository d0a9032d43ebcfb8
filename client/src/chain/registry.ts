// Cosmos chain-registry data (chain.json, assetlist.json) for Clearchain networks, and the types of the fields the
// SDK reads. The files live in chain-registry/ at the repository root; CLEARCHAIN_LOCALNET_CHAIN and
// CLEARCHAIN_LOCALNET_ASSETLIST are chain-registry/clearchain-localnet/*.json (a unit test keeps them equal).

/** RegistryEndpoint is one `apis.rpc[]` / `apis.rest[]` entry of a chain.json. */
export interface RegistryEndpoint {
  address: string;
  provider?: string;
  archive?: boolean;
}

/** RegistryFeeToken is one `fees.fee_tokens[]` entry of a chain.json (gas prices per gas unit, in the base denom). */
export interface RegistryFeeToken {
  denom: string;
  fixed_min_gas_price?: number;
  low_gas_price?: number;
  average_gas_price?: number;
  high_gas_price?: number;
}

/** RegistryBech32Config is chain.json's `bech32_config` (overrides of the prefixes derived from `bech32_prefix`). */
export interface RegistryBech32Config {
  bech32PrefixAccAddr?: string;
  bech32PrefixAccPub?: string;
  bech32PrefixValAddr?: string;
  bech32PrefixValPub?: string;
  bech32PrefixConsAddr?: string;
  bech32PrefixConsPub?: string;
}

/** RegistryChain is the part of a chain-registry chain.json the SDK reads (other fields are allowed). */
export interface RegistryChain {
  chain_name: string;
  chain_type: string;
  chain_id?: string;
  pretty_name?: string;
  network_type?: string;
  bech32_prefix?: string;
  bech32_config?: RegistryBech32Config;
  slip44?: number;
  fees?: { fee_tokens: RegistryFeeToken[] };
  staking?: { staking_tokens: { denom: string }[] };
  apis?: { rpc?: RegistryEndpoint[]; rest?: RegistryEndpoint[]; grpc?: RegistryEndpoint[]; wss?: RegistryEndpoint[] };
  [field: string]: unknown;
}

/** RegistryDenomUnit is one `denom_units[]` entry of an asset. */
export interface RegistryDenomUnit {
  denom: string;
  exponent: number;
  aliases?: string[];
}

/** RegistryAsset is one asset of a chain-registry assetlist.json. */
export interface RegistryAsset {
  description?: string;
  denom_units: RegistryDenomUnit[];
  type_asset: string;
  base: string;
  name: string;
  display: string;
  symbol: string;
  coingecko_id?: string;
  logo_URIs?: { png?: string; svg?: string };
  images?: { png?: string; svg?: string }[];
  [field: string]: unknown;
}

/** RegistryAssetList is a chain-registry assetlist.json. */
export interface RegistryAssetList {
  chain_name: string;
  assets: RegistryAsset[];
  [field: string]: unknown;
}

/** ChainRegistryNetwork is one network's chain.json and assetlist.json. */
export interface ChainRegistryNetwork {
  chain: RegistryChain;
  assetList: RegistryAssetList;
}

/** CLEARCHAIN_LOCALNET_CHAIN is chain-registry/clearchain-localnet/chain.json (`make localnet`, node0's endpoints). */
export const CLEARCHAIN_LOCALNET_CHAIN: RegistryChain = {
  $schema: "../chain.schema.json",
  chain_name: "clearchain-localnet",
  status: "live",
  network_type: "devnet",
  pretty_name: "Clearchain Localnet",
  chain_type: "cosmos",
  chain_id: "clearchain-localnet",
  bech32_prefix: "clear",
  bech32_config: {
    bech32PrefixAccAddr: "clear",
    bech32PrefixAccPub: "clearpub",
    bech32PrefixValAddr: "clearvaloper",
    bech32PrefixValPub: "clearvaloperpub",
    bech32PrefixConsAddr: "clearvalcons",
    bech32PrefixConsPub: "clearvalconspub",
  },
  daemon_name: "clearchaind",
  node_home: "$HOME/.clearchain",
  key_algos: ["secp256k1"],
  slip44: 118,
  fees: {
    fee_tokens: [
      { denom: "uclear", fixed_min_gas_price: 0.0025, low_gas_price: 0.0025, average_gas_price: 0.025, high_gas_price: 0.04 },
    ],
  },
  staking: { staking_tokens: [{ denom: "uclear" }] },
  codebase: {
    recommended_version: "v0.1.0",
    compatible_versions: ["v0.1.0"],
    language: { type: "go", version: "1.26" },
    sdk: { type: "cosmos", version: "v0.54.4" },
    consensus: { type: "cometbft", version: "v0.39.4" },
  },
  description:
    "Clearchain's local 4-validator network (make localnet): a Cosmos SDK chain that clears derivative trades between " +
    "signed orders, with validator-voted prices. Endpoints are node0's on 127.0.0.1 with the default LOCALNET_BASE_PORT (26600).",
  apis: {
    rpc: [{ address: "http://127.0.0.1:26601", provider: "localnet node0" }],
    rest: [{ address: "http://127.0.0.1:26602", provider: "localnet node0" }],
    grpc: [{ address: "127.0.0.1:26603", provider: "localnet node0" }],
    wss: [{ address: "ws://127.0.0.1:26601/websocket", provider: "localnet node0" }],
  },
  keywords: ["derivatives", "clearing", "perpetuals", "oracle"],
};

/** CLEARCHAIN_LOCALNET_ASSETLIST is chain-registry/clearchain-localnet/assetlist.json. */
export const CLEARCHAIN_LOCALNET_ASSETLIST: RegistryAssetList = {
  $schema: "../assetlist.schema.json",
  chain_name: "clearchain-localnet",
  assets: [
    {
      description: "The staking and gas token of Clearchain.",
      denom_units: [
        { denom: "uclear", exponent: 0, aliases: ["microclear"] },
        { denom: "clear", exponent: 6 },
      ],
      type_asset: "sdk.coin",
      base: "uclear",
      name: "Clear",
      display: "clear",
      symbol: "CLEAR",
    },
    {
      description: "USD Coin, the collateral of Clearchain's margin accounts (minted at genesis on the localnet).",
      denom_units: [
        { denom: "uusdc", exponent: 0, aliases: ["microusdc"] },
        { denom: "usdc", exponent: 6 },
      ],
      type_asset: "sdk.coin",
      base: "uusdc",
      name: "USD Coin",
      display: "usdc",
      symbol: "USDC",
    },
  ],
};

/** CLEARCHAIN_LOCALNET is the localnet's registry data as one network. */
export const CLEARCHAIN_LOCALNET: ChainRegistryNetwork = { chain: CLEARCHAIN_LOCALNET_CHAIN, assetList: CLEARCHAIN_LOCALNET_ASSETLIST };
