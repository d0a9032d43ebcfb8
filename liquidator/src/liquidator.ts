/**
 * The liquidator service: every --interval-ms it reads the chain (markets, its own subaccount, the subaccounts it
 * watches, the sweep's deferred set, new fills) and its price source, plans with plan.ts and sends MsgLiquidate for
 * what is worth it. Chain failures never end it: it reconnects with bounded exponential backoff and carries on.
 */
import {
  computeRequirements, isClearchainTxError, liquidationParams, marginAccountFromSubaccount, marginMarketsFromChain, type MarginMarket,
  type MarketInfo, type oracleV1, signedValue,
} from "@clearchain/client";
import type { WatchSpec } from "./args";
import type { ChainAdapter, SubaccountKey } from "./chain";
import { formatUnits, toNumber } from "./decimal";
import type { Logger } from "./log";
import type { LiquidatorMetrics } from "./metrics";
import { type Decision, gasCostUsdc, keyOf, plan, type TrackedAccount } from "./plan";
import { type MarketPair, predictedPrices, type PriceSource } from "./prices";

/** Options of Liquidator. */
export interface LiquidatorOptions {
  /** Connects to the chain (called again after failures). */
  readonly connect: () => Promise<ChainAdapter>;
  /** The liquidator's address. */
  readonly address: string;
  /** Its subaccount that takes positions over. */
  readonly subaccount: number;
  /** Predicted prices; undefined: the chain's prices only (deferred accounts). */
  readonly prices?: PriceSource;
  readonly intervalMs: number;
  /** Collateral base units. */
  readonly minProfit: bigint;
  readonly maxSize: bigint;
  readonly dryRun: boolean;
  readonly gasLimit: number;
  /** Gas price amount as a decimal string and its denom, e.g. "0.025", "uclear". */
  readonly gasPriceAmount: string;
  readonly gasPriceDenom: string;
  /** USDC base units per whole gas token. */
  readonly gasTokenPriceUsdc: bigint;
  /** Top own collateral up to this at the first connection (collateral base units). */
  readonly deposit?: bigint;
  readonly watch: readonly WatchSpec[];
  readonly discoveryBlocks: number;
  readonly logger: Logger;
  readonly metrics: LiquidatorMetrics;
  /** Largest delay between attempts while the chain is unreachable (default 10 000 ms). */
  readonly maxBackoffMs?: number;
  /** Injectable clock (tests). */
  readonly now?: () => number;
}

/** The most recent poll, for /healthz. */
export interface PollStatus {
  readonly ok: boolean;
  readonly atMs: number;
  readonly height: number;
  readonly error?: string;
}

/** Refresh parameters and pairs every this many polls. */
const STATIC_REFRESH_POLLS = 50;
/** Subaccount reads in parallel. */
const READ_CONCURRENCY = 16;
/** Repeat an unchanged "chain_unreachable" warning at most this often. */
const REPEAT_WARNING_MS = 30_000;

/** parseGasPrice18 turns "0.025" into base units per gas × 10^18. */
function parseGasPrice18(text: string): bigint {
  const [i, f = ""] = text.split(".");
  return BigInt(i) * 10n ** 18n + BigInt((f.slice(0, 18) || "0").padEnd(18, "0"));
}

/** The liquidator service. */
export class Liquidator {
  private chain: ChainAdapter | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private ticking: Promise<void> | undefined;
  private failures = 0;
  private lastWarnMs = 0;
  private firstConnect = true;
  private polls = 0;
  private lastScanned = 0;
  private params = liquidationParams({});
  private maxPositions = 8;
  private pairs: MarketPair[] = [];
  private chainPairs: oracleV1.CurrencyPair[] = [];
  private lastMarkets: Record<number, MarginMarket> = {};
  private readonly tracked = new Map<string, TrackedAccount>();
  private readonly known = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly pending = new Set<Promise<void>>();
  private readonly gasPrice18: bigint;
  /** Gas cost of one MsgLiquidate in collateral base units. */
  readonly gasCost: bigint;
  /** Fee of one MsgLiquidate in the gas denom. */
  readonly feeAmount: bigint;
  private last: PollStatus = { ok: false, atMs: 0, height: 0, error: "not polled yet" };
  private readonly now: () => number;

  constructor(private readonly o: LiquidatorOptions) {
    this.now = o.now ?? Date.now;
    this.gasPrice18 = parseGasPrice18(o.gasPriceAmount);
    this.gasCost = gasCostUsdc(o.gasLimit, this.gasPrice18, o.gasTokenPriceUsdc);
    const den = 10n ** 18n;
    this.feeAmount = (BigInt(o.gasLimit) * this.gasPrice18 + den - 1n) / den;
    for (const w of o.watch) if (w.number !== undefined) this.known.add(keyOf(w.owner, w.number));
  }

  /** The last poll's outcome. */
  get status(): PollStatus {
    return this.last;
  }

  /** Subaccounts tracked with positions. */
  get trackedCount(): number {
    return this.tracked.size;
  }

  /** Starts polling (the first poll runs immediately). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling, waits up to budgetMs for the current poll and the liquidations in flight, and disconnects. */
  async stop(budgetMs = 500): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    const wait = Promise.all([this.ticking, ...this.pending]).then(() => undefined);
    await Promise.race([wait, new Promise<void>((r) => setTimeout(r, budgetMs).unref())]);
    this.chain?.close();
    this.chain = undefined;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().then(() => undefined).finally(() => {
        this.ticking = undefined;
        const backoff = this.failures === 0 ? this.o.intervalMs : Math.min(this.o.maxBackoffMs ?? 10_000, this.o.intervalMs * 2 ** Math.min(this.failures, 16));
        this.schedule(backoff);
      });
    }, ms);
  }

  /** One poll: read, plan, send. Never throws (failures are logged, counted and retried with backoff). */
  async tick(): Promise<Decision[]> {
    const t0 = this.now();
    this.o.metrics.polls.inc();
    try {
      const decisions = await this.poll();
      if (this.failures > 0) this.o.logger.info("chain_recovered", { after_failures: this.failures });
      this.failures = 0;
      this.o.metrics.chainUp.set({}, 1);
      return decisions;
    } catch (err) {
      this.failures++;
      const error = err instanceof Error ? err.message : String(err);
      this.o.metrics.pollErrors.inc();
      this.o.metrics.chainUp.set({}, 0);
      this.last = { ok: false, atMs: this.now(), height: this.last.height, error };
      if (this.failures === 1 || this.now() - this.lastWarnMs >= REPEAT_WARNING_MS) {
        this.lastWarnMs = this.now();
        this.o.logger.warn("chain_unreachable", { error, consecutive_failures: this.failures });
      }
      if (this.failures >= 2 && this.chain) {
        this.chain.close();
        this.chain = undefined; // reconnect next time (a restarted node, a new TxQueue)
      }
      return [];
    } finally {
      this.o.metrics.pollDuration.observe({}, (this.now() - t0) / 1000);
    }
  }

  private async poll(): Promise<Decision[]> {
    let fresh = false;
    if (!this.chain) {
      this.chain = await this.o.connect();
      this.o.metrics.connects.inc();
      fresh = true;
    }
    const chain = this.chain;
    const height = await chain.height();
    if (fresh) this.o.logger.info("chain_connected", { height, first: this.firstConnect });
    this.o.metrics.height.set({}, height);
    if (this.polls++ % STATIC_REFRESH_POLLS === 0 || this.pairs.length === 0) await this.refreshStatic(chain);
    const markets = await chain.markets();
    const marginMarkets = this.marginMarkets(markets);
    this.lastMarkets = marginMarkets;
    if (this.firstConnect) {
      this.firstConnect = false;
      await this.onFirstConnect(chain, height);
    }
    await this.discover(chain, height);
    await this.readLiquidatable(chain);
    await this.refreshTracked(chain);
    const ownState = await chain.subaccount(this.o.address, this.o.subaccount);
    const own: TrackedAccount = {
      owner: this.o.address, number: this.o.subaccount, isolatedMarketId: ownState?.isolatedMarketId ?? 0,
      account: marginAccountFromSubaccount({ collateral: ownState?.collateral ?? "0", positions: [...(ownState?.positions ?? [])] }),
    };
    this.ownGauges(own, marginMarkets);
    const predicted = await this.readPrices();
    const stepSizes: Record<number, bigint> = {};
    for (const m of markets) stepSizes[m.id] = m.market.stepSize;
    const result = plan({
      markets: marginMarkets, stepSizes, predicted, accounts: [...this.tracked.values()], own, params: this.params, maxPositions: this.maxPositions,
      gasCost: this.gasCost, minProfit: this.o.minProfit, maxSize: this.o.maxSize, inFlight: this.inFlight,
    });
    this.o.metrics.liquidatable.set({}, result.liquidatable);
    this.o.metrics.watched.set({}, this.tracked.size);
    for (const d of result.decisions) this.act(chain, d);
    this.last = { ok: true, atMs: this.now(), height };
    return [...result.decisions];
  }

  private async refreshStatic(chain: ChainAdapter): Promise<void> {
    const [params, pairs] = await Promise.all([chain.params(), chain.pairs()]);
    this.params = liquidationParams(params);
    this.maxPositions = params.maxPositionsPerSubaccount || 8;
    this.chainPairs = pairs;
    for (const w of this.o.watch) {
      if (w.number !== undefined) continue;
      for (const n of await chain.subaccountNumbers(w.owner)) this.known.add(keyOf(w.owner, n));
    }
  }

  /** marginMarkets builds the engine's markets (markets whose oracle pair is unknown are left out) and the market → pair map. */
  private marginMarkets(markets: readonly MarketInfo[]): Record<number, MarginMarket> {
    const byId = new Map(this.chainPairs.map((p) => [p.id, p]));
    const known = markets.filter((m) => byId.has(m.market.pairId));
    this.pairs = known.map((m) => {
      const p = byId.get(m.market.pairId)!;
      return { marketId: m.id, pair: `${p.base}/${p.quote}`, decimals: p.decimals };
    });
    return marginMarketsFromChain(known, this.chainPairs);
  }

  private async onFirstConnect(chain: ChainAdapter, height: number): Promise<void> {
    this.lastScanned = Math.max(0, height - this.o.discoveryBlocks);
    if (this.o.deposit === undefined) return;
    const s = await chain.subaccount(this.o.address, this.o.subaccount);
    const have = BigInt(s?.collateral ?? "0");
    if (have >= this.o.deposit) return;
    const amount = this.o.deposit - have;
    if (this.o.dryRun) {
      this.o.logger.info("would_deposit", { amount: formatUnits(amount, 6), subaccount: this.o.subaccount });
      return;
    }
    await chain.deposit(this.o.subaccount, amount);
    this.o.logger.info("deposited", { amount: formatUnits(amount, 6), subaccount: this.o.subaccount, collateral: formatUnits(this.o.deposit, 6) });
  }

  private async discover(chain: ChainAdapter, height: number): Promise<void> {
    if (height <= this.lastScanned) return;
    const from = this.lastScanned + 1;
    let keys: SubaccountKey[];
    try {
      keys = await chain.discover(from, height);
    } catch (err) {
      this.o.logger.warn("discovery_failed", { from, to: height, error: err instanceof Error ? err.message : String(err) });
      return;
    }
    for (const k of keys) this.known.add(keyOf(k.owner, k.number));
    this.lastScanned = height;
    if (keys.length > 0) this.o.logger.debug("discovered", { from, to: height, subaccounts: keys.length });
  }

  /** readLiquidatable adds the sweep's liquidatable set to the watch list; a chain without the query is only a warning. */
  private async readLiquidatable(chain: ChainAdapter): Promise<void> {
    try {
      for (const e of await chain.liquidatable()) this.known.add(keyOf(e.owner, e.number));
      if (this.liquidatableFailed) this.o.logger.info("liquidatable_query_recovered", {});
      this.liquidatableFailed = false;
    } catch (err) {
      if (!this.liquidatableFailed) {
        this.o.logger.warn("liquidatable_query_failed", { error: err instanceof Error ? err.message : String(err) });
      }
      this.liquidatableFailed = true;
    }
  }

  private liquidatableFailed = false;

  private async refreshTracked(chain: ChainAdapter): Promise<void> {
    const keys = [...this.known];
    for (let i = 0; i < keys.length; i += READ_CONCURRENCY) {
      await Promise.all(keys.slice(i, i + READ_CONCURRENCY).map(async (k) => {
        const slash = k.lastIndexOf("/");
        const owner = k.slice(0, slash), number = Number(k.slice(slash + 1));
        const s = await chain.subaccount(owner, number);
        if (!s || s.positions.length === 0) {
          this.tracked.delete(k);
          if (!this.o.watch.some((w) => w.owner === owner)) this.known.delete(k); // re-found by discovery when it trades again
          return;
        }
        this.tracked.set(k, { owner, number, isolatedMarketId: s.isolatedMarketId, account: marginAccountFromSubaccount({ collateral: s.collateral, positions: [...s.positions] }) });
      }));
    }
  }

  private ownGauges(own: TrackedAccount, markets: Readonly<Record<number, MarginMarket>>): void {
    const r = computeRequirements(own.account, markets);
    this.o.metrics.equity.set({}, toNumber(r.equity, 6));
    this.o.metrics.collateral.set({}, toNumber(own.account.collateral, 6));
    this.o.metrics.freeCollateral.set({}, toNumber(r.equity - r.initial_margin, 6));
    this.o.metrics.positions.set({}, own.account.positions.length);
  }

  private async readPrices(): Promise<Record<number, bigint>> {
    if (!this.o.prices) return {};
    try {
      const q = await this.o.prices.fetch();
      if (this.o.metrics.priceSourceUp.get() === 0 && this.sourceFailed) this.o.logger.info("price_source_recovered", { source: this.o.prices.name });
      this.sourceFailed = false;
      this.o.metrics.priceSourceUp.set({}, 1);
      this.o.metrics.priceAge.set({}, Math.max(0, (this.now() - q.timestampMs) / 1000));
      return predictedPrices(q, this.pairs);
    } catch (err) {
      if (!this.sourceFailed) this.o.logger.warn("price_source_error", { source: this.o.prices.name, error: err instanceof Error ? err.message : String(err) });
      this.sourceFailed = true;
      this.o.metrics.priceSourceUp.set({}, 0);
      return {}; // the chain's prices: only accounts liquidatable now
    }
  }

  private sourceFailed = false;

  private act(chain: ChainAdapter, d: Decision): void {
    const fields = {
      owner: d.owner, number: d.number, market_id: d.marketId, size: d.size, price: d.price, oracle_price: d.oraclePrice, predicted: d.predicted,
      discount_usdc: formatUnits(d.discountValue, 6), expected_profit_usdc: formatUnits(d.expectedProfit, 6), equity: d.equity, maintenance_margin: d.maintenanceMargin,
    };
    if (d.action === "skip") {
      this.o.metrics.decisions.inc({ decision: d.reason ?? "skip" });
      this.o.logger.debug("skipped", { ...fields, reason: d.reason });
      return;
    }
    if (this.o.dryRun) {
      this.o.metrics.decisions.inc({ decision: "dry_run" });
      this.o.logger.info("would_liquidate", fields);
      return;
    }
    this.o.metrics.decisions.inc({ decision: "submit" });
    const key = keyOf(d.owner, d.number);
    const market = String(d.marketId);
    const abs = d.size < 0n ? -d.size : d.size;
    this.inFlight.add(key);
    this.o.metrics.submitted.inc({ market });
    this.o.metrics.gasSpent.inc({}, toNumber(this.gasCost, 6));
    this.o.logger.info("liquidation_submitted", fields);
    const fee = { amount: [{ denom: this.o.gasPriceDenom, amount: this.feeAmount.toString() }], gas: String(this.o.gasLimit) };
    const p = chain.liquidate(this.o.subaccount, { owner: d.owner, number: d.number }, d.marketId, abs, fee).then(
      (r) => {
        const diff = r.price > d.oraclePrice ? r.price - d.oraclePrice : d.oraclePrice - r.price;
        const m = this.lastMarkets[d.marketId];
        const discount = m ? signedValue(r.size, diff, m.size_decimals, m.price_decimals) : 0n;
        this.o.metrics.results.inc({ market, result: "success" });
        this.o.metrics.takenSize.inc({ market }, Number(r.size));
        this.o.metrics.discount.inc({ market }, toNumber(discount, 6));
        this.o.logger.info("liquidation_succeeded", {
          owner: d.owner, number: d.number, market_id: d.marketId, size: r.size, price: r.price, fee: r.fee, discount_usdc: formatUnits(discount, 6),
          tx: r.txHash, height: r.height,
        });
      },
      (err: unknown) => {
        const result = isClearchainTxError(err) ? `${err.codespace}/${err.code}` : "error";
        this.o.metrics.results.inc({ market, result });
        this.o.logger.warn("liquidation_failed", {
          owner: d.owner, number: d.number, market_id: d.marketId, result, error: err instanceof Error ? err.message : String(err),
          tx: isClearchainTxError(err) ? err.txHash : undefined,
        });
      },
    ).finally(() => {
      this.inFlight.delete(key);
      this.pending.delete(p);
    });
    this.pending.add(p);
  }
}
