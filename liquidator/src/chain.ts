/** The liquidator's view of the chain: an interface (faked in tests) and its implementation over the SDK and REST. */
import {
  type clearingV1, type LiquidatableInfo, type LiquidateOutcome, type MarketInfo, type oracleV1, SigningClearchainClient,
} from "@clearchain/client";
import type { StdFee } from "@cosmjs/stargate";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice } from "@cosmjs/stargate";

/** A subaccount's stored state. */
export interface SubaccountState {
  readonly collateral: string;
  readonly positions: readonly clearingV1.Position[];
  readonly isolatedMarketId: number;
}

/** A subaccount named by owner and number. */
export interface SubaccountKey {
  readonly owner: string;
  readonly number: number;
}

/** What the liquidator reads from and sends to the chain. */
export interface ChainAdapter {
  /** Latest block height. */
  height(): Promise<number>;
  /** Every market with state and oracle price. */
  markets(): Promise<MarketInfo[]>;
  /** Oracle currency pairs (decimals). */
  pairs(): Promise<oracleV1.CurrencyPair[]>;
  /** Clearing params (liquidation params, max positions). */
  params(): Promise<clearingV1.Params>;
  /** One subaccount (undefined when it does not exist). */
  subaccount(owner: string, number: number): Promise<SubaccountState | undefined>;
  /** Numbers of an owner's subaccounts. */
  subaccountNumbers(owner: string): Promise<number[]>;
  /** The sweep's liquidatable set (after a commit: the accounts the caps deferred). */
  liquidatable(): Promise<LiquidatableInfo[]>;
  /** Subaccounts that traded or received positions in blocks from..to (inclusive). */
  discover(from: number, to: number): Promise<SubaccountKey[]>;
  /** Sends MsgLiquidate and waits for inclusion; throws ClearchainTxError on failure. */
  liquidate(liquidatorNumber: number, target: SubaccountKey, marketId: number, size: bigint, fee: StdFee): Promise<LiquidateOutcome & { txHash: string; height: number }>;
  /** Deposits collateral base units into the liquidator's subaccount. */
  deposit(number: number, amount: bigint): Promise<void>;
  /** Releases connections. */
  close(): void;
}

/** Fetch as the REST discovery uses it. */
export type RestFetch = (url: string, init?: { signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** The liquidator's key: its address and signer. */
export interface LiquidatorKey {
  readonly address: string;
  readonly wallet: DirectSecp256k1HdWallet;
}

/** keyFromMnemonic derives the liquidator's key (m/44'/118'/0'/0/0, prefix clear). */
export async function keyFromMnemonic(mnemonic: string): Promise<LiquidatorKey> {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "clear" });
  const [{ address }] = await wallet.getAccounts();
  return { address, wallet };
}

/** Options of SdkChain.connect. */
export interface SdkChainOptions {
  readonly rpc: string;
  readonly rest: string;
  readonly key: LiquidatorKey;
  /** e.g. "0.025uclear". */
  readonly gasPrice: string;
  readonly fetch?: RestFetch;
  /** Per REST request (default 5 000 ms). */
  readonly restTimeoutMs?: number;
}

/** Event types whose attributes name subaccounts that hold positions. */
const FILL_EVENT = "clearchain.clearing.v1.EventFill";
const LIQUIDATION_EVENT = "clearchain.clearing.v1.EventLiquidation";
const DELEVERAGE_EVENT = "clearchain.clearing.v1.EventDeleverage";

interface RestEvent {
  type: string;
  attributes?: Array<{ key: string; value: string }>;
}

/** subaccountsInEvents extracts every subaccount that fills, liquidations and ADL gave positions to. */
export function subaccountsInEvents(events: readonly RestEvent[]): SubaccountKey[] {
  const out: SubaccountKey[] = [];
  for (const ev of events) {
    const a: Record<string, unknown> = {};
    for (const at of ev.attributes ?? []) {
      try {
        a[at.key] = JSON.parse(at.value);
      } catch {
        a[at.key] = at.value;
      }
    }
    const add = (owner: unknown, number: unknown) => {
      if (typeof owner === "string" && owner.startsWith("clear1")) out.push({ owner, number: Number(number ?? 0) || 0 });
    };
    if (ev.type === FILL_EVENT) {
      add(a.maker_owner, a.maker_number);
      add(a.taker_owner, a.taker_number);
    } else if (ev.type === LIQUIDATION_EVENT) {
      add(a.owner, a.number);
      add(a.liquidator, a.liquidator_number);
    } else if (ev.type === DELEVERAGE_EVENT) {
      add(a.owner, a.number);
      add(a.counterparty, a.counterparty_number);
    }
  }
  return out;
}

/** SdkChain reads through the SDK's signing client (CometBFT RPC) and discovers subaccounts through the REST tx search. */
export class SdkChain implements ChainAdapter {
  private constructor(
    private readonly client: SigningClearchainClient,
    private readonly key: LiquidatorKey,
    private readonly rest: string,
    private readonly fetchFn: RestFetch,
    private readonly restTimeoutMs: number,
  ) {}

  /** Connects to the RPC (fails while the node is down: the liquidator retries with backoff). */
  static async connect(o: SdkChainOptions): Promise<SdkChain> {
    const client = await SigningClearchainClient.connectWithSigner(o.rpc, o.key.wallet, {
      gasPrice: GasPrice.fromString(o.gasPrice), txTimeoutMs: 30_000, txPollIntervalMs: 250,
    });
    return new SdkChain(client, o.key, o.rest.replace(/\/+$/, ""), o.fetch ?? ((u, init) => globalThis.fetch(u, init)), o.restTimeoutMs ?? 5_000);
  }

  async height(): Promise<number> {
    return this.client.getHeight();
  }

  markets(): Promise<MarketInfo[]> {
    return this.client.getMarkets();
  }

  pairs(): Promise<oracleV1.CurrencyPair[]> {
    return this.client.getOraclePairs();
  }

  params(): Promise<clearingV1.Params> {
    return this.client.getParams();
  }

  async subaccount(owner: string, number: number): Promise<SubaccountState | undefined> {
    const res = await this.client.clearingQueryClient.clearing.subaccount(owner, number);
    const s = res.subaccount;
    if (!s) return undefined;
    return { collateral: s.collateral || "0", positions: s.positions, isolatedMarketId: s.isolatedMarketId };
  }

  async subaccountNumbers(owner: string): Promise<number[]> {
    return (await this.client.getSubaccounts(owner)).map((s) => s.number);
  }

  liquidatable(): Promise<LiquidatableInfo[]> {
    return this.client.getLiquidatable();
  }

  async discover(from: number, to: number): Promise<SubaccountKey[]> {
    if (to < from) return [];
    const out: SubaccountKey[] = [];
    for (const type of [FILL_EVENT, LIQUIDATION_EVENT]) {
      const query = `${type}.${type === FILL_EVENT ? "maker_owner" : "owner"} EXISTS AND tx.height>=${from} AND tx.height<=${to}`;
      const limit = 100;
      for (let page = 1; page <= 1_000; page++) {
        const url = `${this.rest}/cosmos/tx/v1beta1/txs?query=${encodeURIComponent(query)}&order_by=ORDER_BY_ASC&limit=${limit}&page=${page}`;
        const res = await this.fetchFn(url, { signal: AbortSignal.timeout(this.restTimeoutMs) });
        const text = await res.text();
        if (!res.ok) throw new Error(`GET /cosmos/tx/v1beta1/txs: HTTP ${res.status}: ${text.slice(0, 200)}`);
        const body = JSON.parse(text) as { tx_responses?: Array<{ events?: RestEvent[] }>; total?: string; pagination?: { total?: string } };
        const txs = body.tx_responses ?? [];
        for (const tx of txs) out.push(...subaccountsInEvents(tx.events ?? []));
        const total = Number(body.total ?? body.pagination?.total ?? 0);
        if (txs.length < limit || page * limit >= total) break;
      }
    }
    return out;
  }

  async liquidate(liquidatorNumber: number, target: SubaccountKey, marketId: number, size: bigint, fee: StdFee) {
    const r = await this.client.liquidate(this.key.address, liquidatorNumber, { owner: target.owner, subaccountNumber: target.number }, marketId, size, fee);
    return { size: r.size, price: r.price, fee: r.fee, txHash: r.response.transactionHash, height: r.response.height };
  }

  async deposit(number: number, amount: bigint): Promise<void> {
    await this.client.deposit(this.key.address, number, amount);
  }

  close(): void {
    this.client.disconnect();
  }
}
