// The Liquidator service against a fake chain: discovery, deposit, prediction → MsgLiquidate that executes after the
// oracle update, the fee and gas accounting in metrics, dry-run, the own-margin guard, and riding out a node restart.
import type { WatchSpec } from "../src/args";
import { Liquidator, type LiquidatorOptions } from "../src/liquidator";
import type { Logger } from "../src/log";
import { LiquidatorMetrics } from "../src/metrics";
import type { PriceSource } from "../src/prices";
import { BTC, FakeChain, USD } from "./fakeChain";

const ME = "clear1liquidator0000000000000000000000000";
const TRADER = "clear1trader000000000000000000000000000000";
const usdc = (x: number) => BigInt(Math.round(x * 1e6));

/** A price source serving whatever `price` is (BTC/USD as a decimal string). */
class StaticPrices implements PriceSource {
  readonly name = "static";
  fail = false;
  constructor(public price: string) {}
  async fetch() {
    if (this.fail) throw new Error("feeder down");
    return { prices: { "BTC/USD": this.price, "ETH/USD": "3000" }, timestampMs: Date.now() };
  }
}

/** A logger that records events. */
function recorder(): Logger & { events: Array<{ level: string; event: string; fields: Record<string, unknown> }> } {
  const events: Array<{ level: string; event: string; fields: Record<string, unknown> }> = [];
  const at = (level: string) => (event: string, fields: Record<string, unknown> = {}) => void events.push({ level, event, fields });
  return { events, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

function setup(over: Partial<LiquidatorOptions> = {}, watch: WatchSpec[] = []) {
  const chain = new FakeChain(ME);
  const prices = new StaticPrices("60000");
  const logger = recorder();
  const metrics = new LiquidatorMetrics(Date.now(), over.dryRun ?? false);
  let connects = 0;
  const liq = new Liquidator({
    connect: async () => {
      connects++;
      if (chain.down) throw new Error("connect ECONNREFUSED");
      return chain;
    },
    address: ME, subaccount: 0, prices, intervalMs: 20, minProfit: 0n, maxSize: 0n, dryRun: false, gasLimit: 400_000, gasPriceAmount: "0.025",
    gasPriceDenom: "uclear", gasTokenPriceUsdc: 1_000_000n, deposit: usdc(10_000), watch, discoveryBlocks: 50, logger, metrics, maxBackoffMs: 50, ...over,
  });
  return { chain, prices, logger, metrics, liq, connects: () => connects };
}

/** settle waits for the liquidations the service sent to finish. */
const settle = async (liq: Liquidator) => {
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
  await (liq as unknown as { pending: Set<Promise<void>> }).pending.forEach(() => undefined);
  await Promise.all([...(liq as unknown as { pending: Set<Promise<void>> }).pending]);
};

describe("Liquidator", () => {
  test("discovers a trader from fills, tops up its own collateral, and liquidates when its feeder predicts the drop", async () => {
    const { chain, prices, liq, metrics, logger } = setup();
    chain.put(TRADER, 0, BTC, 60_000n * USD, usdc(4_000), 80);
    chain.put("clear1old00000000000000000000000000000000", 0, BTC, 60_000n * USD, usdc(4_000), 10); // older than --discovery-blocks
    expect(await liq.tick()).toEqual([]);
    expect(chain.deposits).toEqual([usdc(10_000)]);
    expect(chain.discoverCalls).toEqual([[51, 100]]);
    expect(liq.trackedCount).toBe(1);
    expect(logger.events.map((e) => e.event)).toEqual(expect.arrayContaining(["chain_connected", "deposited"]));

    // The feeder moves to 57,000: the chain is still at 60,000 (the trader is healthy there), the liquidator sends the
    // takeover now; it executes in the next block, after the oracle update.
    prices.price = "57000";
    let release!: () => void;
    chain.gate = new Promise((r) => (release = r));
    const ds = await liq.tick();
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ owner: TRADER, action: "submit", predicted: true, now: false });
    expect(metrics.submitted.get({ market: "1" })).toBe(1);
    // While in flight the same target is not sent again.
    chain.height_++;
    expect((await liq.tick())[0]).toMatchObject({ action: "skip", reason: "in_flight" });
    chain.oracle.set(1, 57_000n * USD);
    release();
    await settle(liq);
    expect(chain.liquidations).toHaveLength(1);
    expect(chain.liquidations[0]).toMatchObject({ target: { owner: TRADER, number: 0 }, marketId: 1, price: 56_715n * USD });
    expect(metrics.results.get({ market: "1", result: "success" })).toBe(1);
    expect(metrics.discount.get({ market: "1" })).toBeGreaterThan(0);
    expect(metrics.gasSpent.get()).toBeCloseTo(0.01);
    expect(logger.events.find((e) => e.event === "liquidation_succeeded")?.fields).toMatchObject({ owner: TRADER, market_id: 1 });
    // The liquidator now holds the long it took over; the trader is restored above MM.
    expect(chain.account(`${ME}/0`).positions[0].size).toBe(chain.liquidations[0].size);
    expect(chain.insurance).toBeGreaterThan(0n);
    // The older trader, which discovery never saw, is liquidatable at the chain's new price: the sweep's set lists it.
    const after = await liq.tick();
    expect(after.map((d) => [d.owner, d.action, d.now])).toEqual([["clear1old00000000000000000000000000000000", "submit", true]]);
    await settle(liq);
    expect(chain.liquidations).toHaveLength(2);
    expect(metrics.equity.get()).toBeGreaterThan(10_000); // bought below the oracle: equity above the deposit
  });

  test("a wrong prediction fails on chain with NotLiquidatable (38) and is counted", async () => {
    const { chain, prices, liq, metrics, logger } = setup();
    chain.put(TRADER, 0, BTC, 60_000n * USD, usdc(4_000), 90);
    prices.price = "57000";
    await liq.tick(); // the oracle never follows
    await settle(liq);
    expect(metrics.results.get({ market: "1", result: "clearing/38" })).toBe(1);
    expect(logger.events.find((e) => e.event === "liquidation_failed")?.fields).toMatchObject({ result: "clearing/38" });
    expect(chain.liquidations).toEqual([]);
  });

  test("without a price source it takes what the chain already finds liquidatable (deferred by the caps)", async () => {
    const { chain, liq } = setup({ prices: undefined });
    chain.put(TRADER, 0, BTC, 60_000n * USD, usdc(4_000), 95);
    chain.oracle.set(1, 57_000n * USD);
    const ds = await liq.tick();
    expect(ds[0]).toMatchObject({ action: "submit", now: true });
    await settle(liq);
    expect(chain.liquidations).toHaveLength(1);
  });

  test("--dry-run logs would_liquidate and sends nothing (no deposit either)", async () => {
    const { chain, prices, liq, metrics, logger } = setup({ dryRun: true, deposit: usdc(20_000) });
    await chain.deposit(0, usdc(10_000));
    chain.deposits.length = 0;
    chain.put(TRADER, 0, BTC, 60_000n * USD, usdc(4_000), 95);
    prices.price = "57000";
    await liq.tick();
    await settle(liq);
    expect(chain.liquidations).toEqual([]);
    expect(chain.deposits).toEqual([]);
    expect(metrics.decisions.get({ decision: "dry_run" })).toBe(1);
    expect(logger.events.map((e) => e.event)).toEqual(expect.arrayContaining(["would_deposit", "would_liquidate"]));
  });

  test("its own margin: without collateral nothing is sent", async () => {
    const { chain, prices, liq, metrics } = setup({ deposit: undefined });
    chain.put(TRADER, 0, BTC, 60_000n * USD, usdc(4_000), 95);
    prices.price = "57000";
    expect((await liq.tick())[0]).toMatchObject({ action: "skip", reason: "margin" });
    expect(metrics.decisions.get({ decision: "margin" })).toBe(1);
  });

  test("a gas cost above the discount: unprofitable", async () => {
    const { chain, prices, liq } = setup({ gasTokenPriceUsdc: usdc(1_000_000) }); // gas at $10,000
    chain.put(TRADER, 0, BTC, 60_000n * USD, usdc(4_000), 95);
    prices.price = "57000";
    expect((await liq.tick())[0]).toMatchObject({ action: "skip", reason: "unprofitable" });
  });

  test("--watch adds subaccounts discovery does not see; a failing feeder falls back to the chain's prices", async () => {
    const { chain, prices, liq, logger, metrics } = setup({ discoveryBlocks: 0 }, [{ owner: TRADER }]);
    chain.put(TRADER, 3, BTC, 60_000n * USD, usdc(4_000), 1);
    prices.fail = true;
    await liq.tick();
    expect(liq.trackedCount).toBe(1);
    expect(metrics.priceSourceUp.get()).toBe(0);
    expect(logger.events.filter((e) => e.event === "price_source_error")).toHaveLength(1);
    prices.fail = false;
    await liq.tick();
    expect(logger.events.filter((e) => e.event === "price_source_recovered")).toHaveLength(1);
  });

  test("a chain without the liquidatable query (engine not enabled) is a warning, not a failed poll", async () => {
    const { chain, liq, logger, metrics } = setup();
    chain.liquidatable = async () => {
      throw new Error("rpc error: code = Unimplemented desc = liquidation engine not yet enabled");
    };
    chain.put(TRADER, 0, BTC, 60_000n * USD, usdc(4_000), 95);
    await liq.tick();
    await liq.tick();
    expect(metrics.pollErrors.get()).toBe(0);
    expect(liq.status.ok).toBe(true);
    expect(logger.events.filter((e) => e.event === "liquidatable_query_failed")).toHaveLength(1);
  });

  test("keeps running through a node restart: backoff, reconnect, recover", async () => {
    const { chain, liq, logger, metrics, connects } = setup();
    chain.put(TRADER, 0, BTC, 60_000n * USD, usdc(4_000), 95);
    await liq.tick();
    expect(connects()).toBe(1);
    chain.down = true;
    for (let i = 0; i < 4; i++) expect(await liq.tick()).toEqual([]);
    expect(metrics.chainUp.get()).toBe(0);
    expect(metrics.pollErrors.get()).toBe(4);
    expect(chain.closed).toBe(1); // dropped after two failures
    expect(logger.events.filter((e) => e.event === "chain_unreachable")).toHaveLength(1); // not repeated every poll
    expect(liq.status).toMatchObject({ ok: false });
    chain.down = false;
    chain.height_ = 120;
    await liq.tick();
    expect(connects()).toBeGreaterThanOrEqual(3);
    expect(metrics.chainUp.get()).toBe(1);
    expect(logger.events.map((e) => e.event)).toContain("chain_recovered");
    expect(chain.discoverCalls.at(-1)).toEqual([101, 120]); // discovery resumes where it stopped
    expect(liq.status).toMatchObject({ ok: true, height: 120 });
    expect(chain.deposits).toHaveLength(1); // the first-connection deposit is not repeated
  });

  test("start/stop: polls on its own and stops promptly", async () => {
    const { chain, liq, metrics } = setup({ intervalMs: 10 });
    chain.put(TRADER, 0, BTC, 60_000n * USD, usdc(4_000), 95);
    liq.start();
    const t0 = Date.now();
    while (metrics.polls.get() < 3 && Date.now() - t0 < 5_000) await new Promise((r) => setTimeout(r, 5));
    expect(metrics.polls.get()).toBeGreaterThanOrEqual(3);
    await liq.stop(200);
    const n = metrics.polls.get();
    await new Promise((r) => setTimeout(r, 60));
    expect(metrics.polls.get()).toBe(n);
    expect(chain.closed).toBe(1);
  });
});
