// Network presets: Network.localnet() (from build/localnet/localnet.json) and Network.custom({...}), each able to
// connect a read-only or signing client and, for the localnet, to build the signer of a named key.
import { DirectSecp256k1HdWallet, type OfflineSigner } from "@cosmjs/proto-signing";
import { GasPrice } from "@cosmjs/stargate";

import { type KeplrChainInfo, keplrChainInfo } from "./chain/keplr.js";
import { CLEARCHAIN_LOCALNET, type ChainRegistryNetwork } from "./chain/registry.js";
import { ClearchainClient, type ClearchainClientOptions } from "./client.js";
import { CLEARCHAIN_BECH32_PREFIX, COLLATERAL_DENOM, DEFAULT_GAS_PRICE, STAKE_DENOM } from "./constants.js";
import { SigningClearchainClient, type SigningClearchainClientOptions } from "./signingClient.js";

/** A named account of a network preset (the localnet's validators, traders and faucet). */
export interface NetworkKey {
  readonly name: string;
  readonly address: string;
  /** BIP39 mnemonic; present for localnet test keys only. */
  readonly mnemonic?: string;
}

/** One node's endpoints. */
export interface NetworkNode {
  readonly name: string;
  /** CometBFT RPC, http(s)://host:port. */
  readonly rpc: string;
  /** REST (gRPC-gateway) API. */
  readonly api?: string;
  /** gRPC, host:port. */
  readonly grpc?: string;
}

/** Everything Network.custom needs; only chainId and rpcUrl are required. */
export interface NetworkConfig {
  readonly chainId: string;
  /** CometBFT RPC URL the clients connect to. */
  readonly rpcUrl: string;
  readonly restUrl?: string;
  readonly grpcUrl?: string;
  /** Bech32 account prefix (default "clear"). */
  readonly bech32Prefix?: string;
  /** Gas price, e.g. "0.025uclear" (default DEFAULT_GAS_PRICE). */
  readonly gasPrice?: string;
  /** Collateral denom (default "uusdc"). */
  readonly collateralDenom?: string;
  /** Fee / staking denom (default "uclear"). */
  readonly feeDenom?: string;
  /** Every node (default: one node at rpcUrl). */
  readonly nodes?: readonly NetworkNode[];
  /** Named accounts. */
  readonly keys?: readonly NetworkKey[];
}

/** The parts of build/localnet/localnet.json (written by scripts/localnet.ts) that Network.localnet reads. */
export interface LocalnetState {
  readonly chain_id: string;
  readonly nodes: ReadonlyArray<{ readonly name: string; readonly rpc: string; readonly api?: string; readonly grpc?: string }>;
  readonly keys?: ReadonlyArray<{ readonly name: string; readonly address: string; readonly mnemonic?: string }>;
}

/** Options of Network.localnet. */
export interface LocalnetOptions {
  /** Path of localnet.json (default $CLEARCHAIN_LOCALNET_JSON, else build/localnet/localnet.json in the working directory or a parent). */
  readonly path?: string;
  /** The parsed file instead of a path (browsers, tests). */
  readonly state?: LocalnetState;
  /** Which node the clients connect to (default 0). */
  readonly node?: number;
}

/** The two node:fs/promises functions Network.localnet uses (the build has no Node typings: src/ must run in browsers). */
interface NodeFs {
  access(path: string): Promise<void>;
  readFile(path: string, encoding: "utf8"): Promise<string>;
}

/** The two node:path functions Network.localnet uses. */
interface NodePath {
  join(...parts: string[]): string;
  dirname(path: string): string;
}

/** A Clearchain network: its chain id, endpoints, denoms and named keys, and the clients connected to it. */
export class Network {
  public readonly chainId: string;
  public readonly rpcUrl: string;
  public readonly restUrl: string | undefined;
  public readonly grpcUrl: string | undefined;
  public readonly bech32Prefix: string;
  public readonly gasPrice: string;
  public readonly collateralDenom: string;
  public readonly feeDenom: string;
  public readonly nodes: readonly NetworkNode[];
  public readonly keys: readonly NetworkKey[];

  private constructor(c: NetworkConfig) {
    if (!c.chainId) throw new TypeError("network chainId is required");
    if (!/^(https?|wss?):\/\//i.test(c.rpcUrl ?? "")) throw new TypeError(`network rpcUrl must be an http(s) or ws(s) URL, got ${JSON.stringify(c.rpcUrl)}`);
    this.chainId = c.chainId;
    this.rpcUrl = c.rpcUrl;
    this.restUrl = c.restUrl;
    this.grpcUrl = c.grpcUrl;
    this.bech32Prefix = c.bech32Prefix ?? CLEARCHAIN_BECH32_PREFIX;
    this.gasPrice = c.gasPrice ?? DEFAULT_GAS_PRICE;
    this.collateralDenom = c.collateralDenom ?? COLLATERAL_DENOM;
    this.feeDenom = c.feeDenom ?? STAKE_DENOM;
    this.nodes = c.nodes ?? [{ name: "node0", rpc: c.rpcUrl, api: c.restUrl, grpc: c.grpcUrl }];
    this.keys = c.keys ?? [];
  }

  /** Network.custom builds a network from explicit settings (defaults: prefix "clear", gas price 0.025uclear, collateral uusdc). */
  public static custom(config: NetworkConfig): Network {
    return new Network(config);
  }

  /** Network.fromLocalnetState builds the localnet preset from a parsed localnet.json. */
  public static fromLocalnetState(state: LocalnetState, node = 0): Network {
    const n = state.nodes[node];
    if (!n) throw new RangeError(`localnet has no node ${node} (it has ${state.nodes.length})`);
    return new Network({
      chainId: state.chain_id, rpcUrl: n.rpc, restUrl: n.api, grpcUrl: n.grpc,
      nodes: state.nodes.map((x) => ({ name: x.name, rpc: x.rpc, api: x.api, grpc: x.grpc })),
      keys: (state.keys ?? []).map((k) => ({ name: k.name, address: k.address, mnemonic: k.mnemonic })),
    });
  }

  /**
   * Network.localnet reads the running localnet's build/localnet/localnet.json (`make localnet`): chain id, every
   * node's endpoints and the test keys (validator0..3, trader1..3, faucet). Node.js only unless options.state is given.
   */
  public static async localnet(options: LocalnetOptions = {}): Promise<Network> {
    if (options.state) return Network.fromLocalnetState(options.state, options.node ?? 0);
    // Non-literal specifiers keep bundlers from pulling Node built-ins into browser bundles.
    const fsName = "node:fs/promises";
    const pathName = "node:path";
    const fs = (await import(fsName)) as NodeFs;
    const path = (await import(pathName)) as NodePath;
    const proc = (globalThis as { process?: { env: Record<string, string | undefined>; cwd(): string } }).process;
    let file = options.path ?? proc?.env.CLEARCHAIN_LOCALNET_JSON;
    if (!file) {
      for (let dir = proc?.cwd() ?? "."; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, "build", "localnet", "localnet.json");
        try {
          await fs.access(candidate);
          file = candidate;
          break;
        } catch {
          if (path.dirname(dir) === dir) throw new Error("build/localnet/localnet.json not found in the working directory or a parent: run `make localnet` or pass { path }");
        }
      }
    }
    const state = JSON.parse(await fs.readFile(file, "utf8")) as LocalnetState;
    return Network.fromLocalnetState(state, options.node ?? 0);
  }

  /** key returns a named key (e.g. "trader1") or throws. */
  public key(name: string): NetworkKey {
    const k = this.keys.find((x) => x.name === name);
    if (!k) throw new Error(`network ${this.chainId} has no key ${JSON.stringify(name)} (known: ${this.keys.map((x) => x.name).join(", ") || "none"})`);
    return k;
  }

  /** signer returns the direct signer of a named key with a mnemonic (localnet test keys), or of a given mnemonic. */
  public async signer(nameOrMnemonic: string): Promise<OfflineSigner> {
    const mnemonic = nameOrMnemonic.trim().includes(" ") ? nameOrMnemonic : this.key(nameOrMnemonic).mnemonic;
    if (!mnemonic) throw new Error(`key ${nameOrMnemonic} has no mnemonic`);
    return DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: this.bech32Prefix });
  }

  /**
   * keplrChainInfo is Keplr's experimentalSuggestChain object for this network: the chain-registry data (default the
   * localnet's, chain-registry/clearchain-localnet) with this network's RPC and REST endpoints.
   */
  public keplrChainInfo(registry: ChainRegistryNetwork = CLEARCHAIN_LOCALNET): KeplrChainInfo {
    if (registry.chain.chain_id !== this.chainId) {
      throw new Error(`chain-registry data is for ${registry.chain.chain_id ?? registry.chain.chain_name}, not ${this.chainId}: pass this network's chain.json and assetlist.json`);
    }
    return keplrChainInfo(registry, { rpc: this.rpcUrl, ...(this.restUrl ? { rest: this.restUrl } : {}) });
  }

  /** connect opens a read-only client on the network's RPC. */
  public async connect(options: ClearchainClientOptions = {}): Promise<ClearchainClient> {
    return ClearchainClient.connect(this.rpcUrl, options);
  }

  /** connectWithSigner opens a signing client with the network's gas price and collateral denom (a key name works as signer). */
  public async connectWithSigner(signer: OfflineSigner | string, options: SigningClearchainClientOptions = {}): Promise<SigningClearchainClient> {
    const s = typeof signer === "string" ? await this.signer(signer) : signer;
    return SigningClearchainClient.connectWithSigner(this.rpcUrl, s, {
      gasPrice: GasPrice.fromString(this.gasPrice), collateralDenom: this.collateralDenom, ...options,
    });
  }
}
