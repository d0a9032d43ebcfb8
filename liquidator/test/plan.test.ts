// plan(): prediction with the SDK's margin mirror at the price source's prices, profitability against gas, the
// liquidator's own margin (shrinking to what fits), and the skip reasons.
import { liquidationParams, type MarginAccount } from "@clearchain/client";
import { fitsMargin, gasCostUsdc, isLiquidatable, plan, type PlanInput, type TrackedAccount, withPrices } from "../src/plan";
import { BTC, USD } from "./fakeChain";

const BTC_MARKET = { market_id: 1, size_decimals: 8, price_decimals: 6, oracle_price: 60_000n * USD, imf_ppm: 50_000n, maintenance_fraction_ppm: 600_000n, funding_index: 0n };
const ETH_MARKET = { market_id: 2, size_decimals: 8, price_decimals: 6, oracle_price: 3_000n * USD, imf_ppm: 50_000n, maintenance_fraction_ppm: 600_000n, funding_index: 0n };
const markets = { 1: BTC_MARKET, 2: ETH_MARKET };
const usdc = (x: number) => BigInt(Math.round(x * 1e6));

/** long: size quantums of market bought at entry with collateral. */
const long = (size: bigint, entry: bigint, collateral: bigint, market = 1): MarginAccount => ({
  collateral, positions: [{ market_id: market, size, quote_balance: -(size * entry) / BTC, funding_index: 0n }],
});
const tracked = (owner: string, account: MarginAccount, number = 0): TrackedAccount => ({ owner, number, account, isolatedMarketId: 0 });
const OWN = tracked("clear1liquidator", { collateral: usdc(10_000), positions: [] });

const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  markets, stepSizes: { 1: 10_000n, 2: 100_000n }, predicted: {}, accounts: [tracked("clear1trader", long(BTC, 60_000n * USD, usdc(4_000)))],
  own: OWN, params: liquidationParams({}), maxPositions: 8, gasCost: usdc(0.01), minProfit: 0n, maxSize: 0n, ...over,
});

describe("prediction", () => {
  test("healthy at the chain's 60,000 but liquidatable at the predicted 57,000 (threshold ≈ 57,732): submit", () => {
    expect(isLiquidatable(long(BTC, 60_000n * USD, usdc(4_000)), markets)).toBe(false);
    const p = plan(input({ predicted: { 1: 57_000n * USD } }));
    expect(p.liquidatable).toBe(1);
    expect(p.decisions).toHaveLength(1);
    const d = p.decisions[0];
    expect(d).toMatchObject({ owner: "clear1trader", number: 0, marketId: 1, predicted: true, now: false, action: "submit", oraclePrice: 57_000n * USD, price: 56_715n * USD });
    expect(d.size).toBeGreaterThan(0n); // a long: the liquidator buys
    expect(d.size).toBeLessThan(BTC); // partial: only what restores MM × 1.1
    expect(d.discountValue).toBe((d.size * 285n * USD) / BTC); // |size| × (57,000 − 56,715)
    expect(d.expectedProfit).toBe(d.discountValue - usdc(0.01));
    expect(d.equity).toBe(usdc(1_000));
    expect(d.maintenanceMargin).toBe(usdc(1_710));
    // The liquidator's account after the takeover is what the mirror expects the chain to leave.
    expect(p.ownAfter.positions).toEqual([{ market_id: 1, size: d.size, quote_balance: -(d.size * 56_715n * USD) / BTC, funding_index: 0n }]);
  });

  test("just above the threshold nothing is liquidatable; the chain's price alone finds deferred accounts", () => {
    expect(plan(input({ predicted: { 1: 57_740n * USD } })).decisions).toEqual([]);
    const deferred = plan(input({ markets: withPrices(markets, { 1: 57_000n * USD }) }));
    expect(deferred.decisions[0]).toMatchObject({ now: true, action: "submit" });
    // Liquidatable now but healthy at the predicted price: the takeover would execute after the update and fail.
    expect(plan(input({ markets: withPrices(markets, { 1: 57_000n * USD }), predicted: { 1: 60_000n * USD } })).decisions[0])
      .toMatchObject({ now: true, predicted: false, action: "skip", reason: "recovering" });
  });

  test("shorts: a rise liquidates them and the liquidator sells above the oracle", () => {
    const short = { collateral: usdc(4_000), positions: [{ market_id: 1, size: -BTC, quote_balance: 60_000n * USD, funding_index: 0n }] };
    const d = plan(input({ accounts: [tracked("clear1short", short)], predicted: { 1: 63_000n * USD } })).decisions[0];
    expect(d).toMatchObject({ action: "submit", price: 63_315n * USD });
    expect(d.size).toBeLessThan(0n);
    expect(d.discountValue).toBe((-d.size * 315n * USD) / BTC);
  });

  test("the most profitable targets come first; the own subaccount is never a target", () => {
    const small = tracked("clear1small", long(BTC / 10n, 60_000n * USD, usdc(400)));
    const big = tracked("clear1big", long(BTC, 60_000n * USD, usdc(4_000)));
    const ownTrader = { ...OWN, account: long(BTC, 60_000n * USD, usdc(4_000)) };
    const p = plan(input({ accounts: [small, big, ownTrader], own: ownTrader, predicted: { 1: 57_000n * USD } }));
    expect(p.decisions.map((d) => d.owner)).toEqual(["clear1big", "clear1small"]);
  });

  test("a cross account is taken in the market with the best discount", () => {
    const cross = { collateral: usdc(3_000), positions: [
      { market_id: 1, size: BTC / 10n, quote_balance: -6_000n * USD, funding_index: 0n },
      { market_id: 2, size: 20n * BTC, quote_balance: -60_000n * USD, funding_index: 0n },
    ] };
    const p = plan(input({ accounts: [tracked("clear1cross", cross)], predicted: { 1: 57_000n * USD, 2: 2_880n * USD } }));
    expect(p.decisions[0]).toMatchObject({ marketId: 2, action: "submit" });
  });
});

describe("profitability", () => {
  test("gas cost: 400,000 gas × 0.025 uclear at $1 per CLEAR is $0.01; at $2 and 0.0251, rounded up", () => {
    expect(gasCostUsdc(400_000, 25n * 10n ** 15n, 1_000_000n)).toBe(10_000n);
    expect(gasCostUsdc(400_000, 251n * 10n ** 14n, 2_000_000n)).toBe(20_080n);
    expect(gasCostUsdc(1, 1n, 1n)).toBe(1n);
  });

  test("a discount that does not cover gas plus --min-profit is skipped", () => {
    const d = plan(input({ predicted: { 1: 57_000n * USD } })).decisions[0];
    expect(plan(input({ predicted: { 1: 57_000n * USD }, gasCost: d.discountValue + 1n })).decisions[0]).toMatchObject({ action: "skip", reason: "unprofitable" });
    expect(plan(input({ predicted: { 1: 57_000n * USD }, minProfit: d.expectedProfit + 1n })).decisions[0]).toMatchObject({ action: "skip", reason: "unprofitable" });
    expect(plan(input({ predicted: { 1: 57_000n * USD }, minProfit: d.expectedProfit })).decisions[0].action).toBe("submit");
  });

  test("--max-size caps the size (and the discount)", () => {
    const d = plan(input({ predicted: { 1: 57_000n * USD }, maxSize: 10_000n })).decisions[0];
    expect(d.size).toBe(10_000n);
    expect(d.discountValue).toBe((10_000n * 285n * USD) / BTC);
  });
});

describe("own margin", () => {
  test("fitsMargin applies the takeover and requires equity ≥ initial margin after", () => {
    const buy = fitsMargin(OWN.account, 1, BTC, 56_715n * USD, withPrices(markets, { 1: 57_000n * USD }), 8);
    expect(buy.ok).toBe(true);
    expect(buy.after.collateral).toBe(usdc(10_000));
    const broke = fitsMargin({ collateral: usdc(100), positions: [] }, 1, BTC, 56_715n * USD, withPrices(markets, { 1: 57_000n * USD }), 8);
    expect(broke).toMatchObject({ ok: false, reason: "margin" });
    const full = fitsMargin({ collateral: usdc(100_000), positions: [{ market_id: 2, size: 1n, quote_balance: 0n, funding_index: 0n }] }, 1, BTC, 56_715n * USD, markets, 1);
    expect(full).toMatchObject({ ok: false, reason: "too_many_positions" });
  });

  test("a takeover too large for the liquidator's margin is shrunk to the largest step that fits", () => {
    const full = plan(input({ predicted: { 1: 57_000n * USD } })).decisions[0];
    // IM of the whole takeover at 57,000 is ~5% of its notional; give the liquidator about a third of that.
    const im = (full.size * 57_000n * USD * 50_000n) / BTC / 1_000_000n;
    const own = { ...OWN, account: { collateral: im / 3n, positions: [] } };
    const d = plan(input({ predicted: { 1: 57_000n * USD }, own })).decisions[0];
    expect(d.action).toBe("submit");
    expect(d.size).toBeLessThan(full.size);
    expect(d.size % 10_000n).toBe(0n);
    expect(fitsMargin(own.account, 1, d.size, d.price, withPrices(markets, { 1: 57_000n * USD }), 8).ok).toBe(true);
    expect(fitsMargin(own.account, 1, d.size + 10_000n, d.price, withPrices(markets, { 1: 57_000n * USD }), 8).ok).toBe(false);
    // With nothing at all: skipped.
    const none = plan(input({ predicted: { 1: 57_000n * USD }, own: { ...OWN, account: { collateral: 0n, positions: [] } } })).decisions[0];
    expect(none).toMatchObject({ action: "skip", reason: "margin" });
  });

  test("two targets share the margin: the second sees the first takeover", () => {
    const a = tracked("clear1a", long(BTC, 60_000n * USD, usdc(4_000)));
    const b = tracked("clear1b", long(BTC, 60_000n * USD, usdc(4_000)));
    const one = plan(input({ accounts: [a], predicted: { 1: 57_000n * USD } })).decisions[0];
    const im = (one.size * 57_000n * USD * 50_000n) / BTC / 1_000_000n;
    const own = { ...OWN, account: { collateral: im + im / 2n, positions: [] } };
    const p = plan(input({ accounts: [a, b], predicted: { 1: 57_000n * USD }, own }));
    expect(p.decisions[0]).toMatchObject({ action: "submit", size: one.size });
    expect(p.decisions[1].action).toBe("submit");
    expect(p.decisions[1].size).toBeLessThan(one.size);
  });

  test("in-flight targets, an own subaccount isolated to another market and unknown markets are skipped", () => {
    expect(plan(input({ predicted: { 1: 57_000n * USD }, inFlight: new Set(["clear1trader/0"]) })).decisions[0].reason).toBe("in_flight");
    expect(plan(input({ predicted: { 1: 57_000n * USD }, own: { ...OWN, isolatedMarketId: 2 } })).decisions[0].reason).toBe("isolated");
    expect(plan(input({ predicted: { 1: 57_000n * USD }, liquidatableMarkets: new Set([2]) })).decisions[0].reason).toBe("market");
  });
});
