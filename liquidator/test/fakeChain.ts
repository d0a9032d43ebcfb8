// An in-memory chain for the liquidator's tests: markets with oracle prices, subaccounts, fills for discovery, and
// MsgLiquidate executed like the keeper (liquidatable at the chain's price, closingTerms, fee, the taker's IM).
import {
  ClearchainTxError, clearingV1, computeRequirements, liquidationFee, liquidationParams, liquidationTerms, type LiquidatableInfo,
  marginAccountFromSubaccount, marginMarketsFromChain, type MarketInfo, type oracleV1, settleSide, Verdict,
} from "@clearchain/client";
import type { ChainAdapter, SubaccountKey, SubaccountState } from "../src/chain";

/** One BTC = 10^8 base quantums; $1 = 10^6 price quantums. */
export const BTC = 100_000_000n;
export const USD = 1_000_000n;

interface Sub {
  collateral: bigint;
  positions: clearingV1.Position[];
  isolatedMarketId: number;
}

/** FakeChain implements ChainAdapter over a tiny state. */
export class FakeChain implements ChainAdapter {
  height_ = 100;
  down = false;
  oracle = new Map<number, bigint>([[1, 60_000n * USD]]);
  readonly subs = new Map<string, Sub>();
  readonly fills: Array<{ height: number; keys: SubaccountKey[] }> = [];
  readonly liquidations: Array<{ liquidator: string; target: SubaccountKey; marketId: number; size: bigint; price: bigint }> = [];
  readonly discoverCalls: Array<[number, number]> = [];
  readonly deposits: bigint[] = [];
  closed = 0;
  insurance = 0n;
  /** Calls of liquidate() that have not resolved yet wait for this (tests hold them in flight). */
  gate: Promise<void> = Promise.resolve();

  constructor(readonly liquidator: string) {}

  private check(): void {
    if (this.down) throw new Error("connect ECONNREFUSED 127.0.0.1:26657");
  }

  /** Places a subaccount with one BTC position of size (entry price `entry`) and collateral. */
  put(owner: string, number: number, size: bigint, entry: bigint, collateral: bigint, height = this.height_): void {
    const quote = -(size * entry) / BTC; // size × price × 10^6 / 10^14 in uusdc
    this.subs.set(`${owner}/${number}`, { collateral, isolatedMarketId: 0,
      positions: size === 0n ? [] : [clearingV1.Position.fromPartial({ marketId: 1, size: size.toString(), quoteBalance: quote.toString(), fundingIndex: "0" })] });
    this.fills.push({ height, keys: [{ owner, number }] });
  }

  private market(): MarketInfo {
    const market = clearingV1.Market.fromPartial({
      id: 1, ticker: "BTC-USD", pairId: 1, sizeDecimals: 8, tickSize: USD, stepSize: 10_000n, initialMarginPpm: 50_000n, maintenanceFractionPpm: 600_000n,
      maxImfPpm: 1_000_000n, status: clearingV1.MarketStatus.MARKET_STATUS_ACTIVE,
    });
    const state = { ...clearingV1.MarketState.fromPartial({ marketId: 1, imfEffectivePpm: 50_000n }), fundingIndex: 0n, blockPremiumNotional: 0n, blockPremiumWeightedPpm: 0n };
    return { id: 1, ticker: "BTC-USD", market, state, effectiveStatus: clearingV1.MarketStatus.MARKET_STATUS_ACTIVE, oraclePrice: this.oracle.get(1)! };
  }

  private pairList(): oracleV1.CurrencyPair[] {
    return [{ id: 1, base: "BTC", quote: "USD", decimals: 6 } as oracleV1.CurrencyPair];
  }

  marginMarkets() {
    return marginMarketsFromChain([this.market()], this.pairList());
  }

  account(key: string) {
    const s = this.subs.get(key) ?? { collateral: 0n, positions: [], isolatedMarketId: 0 };
    return marginAccountFromSubaccount({ collateral: s.collateral.toString(), positions: s.positions });
  }

  async height(): Promise<number> {
    this.check();
    return this.height_;
  }
  async markets(): Promise<MarketInfo[]> {
    this.check();
    return [this.market()];
  }
  async pairs(): Promise<oracleV1.CurrencyPair[]> {
    this.check();
    return this.pairList();
  }
  async params(): Promise<clearingV1.Params> {
    this.check();
    return clearingV1.Params.fromPartial({ maxPositionsPerSubaccount: 8, collateralDenom: "uusdc" });
  }
  async subaccount(owner: string, number: number): Promise<SubaccountState | undefined> {
    this.check();
    const s = this.subs.get(`${owner}/${number}`);
    return s ? { collateral: s.collateral.toString(), positions: s.positions, isolatedMarketId: s.isolatedMarketId } : undefined;
  }
  async subaccountNumbers(owner: string): Promise<number[]> {
    this.check();
    return [...this.subs.keys()].filter((k) => k.startsWith(`${owner}/`)).map((k) => Number(k.split("/")[1]));
  }
  async liquidatable(): Promise<LiquidatableInfo[]> {
    this.check();
    const out: LiquidatableInfo[] = [];
    const markets = this.marginMarkets();
    for (const [k, s] of this.subs) {
      if (s.positions.length === 0) continue;
      const r = computeRequirements(this.account(k), markets);
      if (r.equity < r.maintenance_margin) {
        const [owner, n] = k.split("/");
        out.push({ owner, number: Number(n), equity: r.equity, maintenanceMargin: r.maintenance_margin, queued: true });
      }
    }
    return out;
  }
  async discover(from: number, to: number): Promise<SubaccountKey[]> {
    this.check();
    this.discoverCalls.push([from, to]);
    return this.fills.filter((f) => f.height >= from && f.height <= to).flatMap((f) => f.keys);
  }

  async liquidate(liquidatorNumber: number, target: SubaccountKey, marketId: number, size: bigint) {
    this.check();
    await this.gate;
    const markets = this.marginMarkets();
    const vkey = `${target.owner}/${target.number}`;
    const victim = this.account(vkey);
    const req = computeRequirements(victim, markets);
    const fail = (code: number, log: string) =>
      new ClearchainTxError({ code, codespace: "clearing", log, stage: "deliverTx", txHash: "AB".repeat(32), height: this.height_ });
    if (victim.positions.length === 0 || req.equity >= req.maintenance_margin) throw fail(38, "subaccount is not liquidatable");
    const params = liquidationParams({});
    const terms = liquidationTerms(victim, markets, marketId, params, 10_000n, size);
    if (!terms) throw fail(39, "no position in market");
    const terms0 = { market_id: marketId, price: terms.price, max_positions: 8 };
    const vout = settleSide({ account: victim, delta: -terms.size }, terms0, markets);
    const f = liquidationFee(vout.notional, params.feePpm, vout.after.equity);
    const tkey = `${this.liquidator}/${liquidatorNumber}`;
    const tout = settleSide({ account: this.account(tkey), delta: terms.size }, terms0, markets);
    if (tout.verdict === Verdict.TooManyPositions || tout.after.equity < tout.after.initial_margin) throw fail(23, "insufficient margin");
    const store = (key: string, acct: { collateral: bigint; positions: Array<{ market_id: number; size: bigint; quote_balance: bigint; funding_index: bigint }> }, minus = 0n) => {
      this.subs.set(key, { collateral: acct.collateral - minus, isolatedMarketId: 0, positions: acct.positions.map((p) => clearingV1.Position.fromPartial({
        marketId: p.market_id, size: p.size.toString(), quoteBalance: p.quote_balance.toString(), fundingIndex: p.funding_index.toString() })) });
    };
    store(vkey, vout.account, f);
    store(tkey, tout.account);
    this.insurance += f;
    this.liquidations.push({ liquidator: this.liquidator, target, marketId, size: terms.size, price: terms.price });
    return { size: terms.size < 0n ? -terms.size : terms.size, price: terms.price, fee: f, txHash: "CD".repeat(32), height: this.height_ };
  }

  async deposit(number: number, amount: bigint): Promise<void> {
    this.check();
    this.deposits.push(amount);
    const key = `${this.liquidator}/${number}`;
    const s = this.subs.get(key) ?? { collateral: 0n, positions: [], isolatedMarketId: 0 };
    s.collateral += amount;
    this.subs.set(key, s);
  }

  close(): void {
    this.closed++;
  }
}
