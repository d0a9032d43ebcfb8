// The TypeScript liquidation math must give the Go engine's answers, to the unit, on every shared vector of
// test/vectors/liquidation.json (generated and re-checked by `go test ./x/clearing/margin`).
import * as fs from "fs";
import * as path from "path";

import {
  adlScore, bankruptcyPrice, closingSize, computeHealth, fee, fillablePrice, healthToJSON, liquidationFee, liquidationParams, liquidationTerms,
  type MarginMarket, positionToLiquidate, settleSide, toClosingRule, toMarginMarket, toMarginPosition,
} from "../src/margin/index.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const file: Json = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "test", "vectors", "liquidation.json"), "utf8"));
const margin: Json = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "test", "vectors", "margin.json"), "utf8"));
const named = (cases: Json[]) => cases.map((c) => [c.name, c] as [string, Json]);

/** bigint inputs: the other accepted form (account positions as bigints, markets as a Map). */
function bigintInputs(c: Json) {
  const markets = new Map<number, MarginMarket>();
  for (const m of Object.values(c.markets as Record<string, Json>)) markets.set(Number(m.market_id), toMarginMarket(m));
  return { account: { collateral: BigInt(c.account.collateral), positions: (c.account.positions ?? []).map(toMarginPosition) }, markets };
}

describe("shared liquidation vectors (Go ⇄ TypeScript)", () => {
  test("the file holds at least 40 cases per function", () => {
    const counts = ["bankruptcy_price", "fillable_price", "closing_size", "liquidation_fee", "position_to_liquidate", "adl_score"].map((k) => file[k].length);
    expect(counts).toEqual([61, 49, 49, 45, 48, 50]);
    for (const n of counts) expect(n).toBeGreaterThanOrEqual(40);
  });

  describe("bankruptcy_price", () => {
    test.each(named(file.bankruptcy_price))("%s", (_n, c) => {
      expect(bankruptcyPrice(c.account, c.markets, c.market_id, c.close_size).toString()).toBe(c.expected);
      const b = bigintInputs(c);
      expect(bankruptcyPrice(b.account, b.markets, c.market_id, BigInt(c.close_size)).toString()).toBe(c.expected);
    });
  });

  describe("fillable_price", () => {
    test.each(named(file.fillable_price))("%s", (_n, c) => {
      expect(fillablePrice(c.oracle_price, c.bankruptcy, c.long, c.discount_ppm).toString()).toBe(c.expected);
      expect(fillablePrice(BigInt(c.oracle_price), BigInt(c.bankruptcy), c.long, BigInt(c.discount_ppm))).toBe(BigInt(c.expected));
    });
  });

  describe("closing_size", () => {
    test.each(named(file.closing_size))("%s", (_n, c) => {
      expect(closingSize(c.account, c.markets, c.market_id, c.rule).toString()).toBe(c.expected);
      const b = bigintInputs(c);
      expect(closingSize(b.account, Object.values(c.markets), c.market_id, toClosingRule(c.rule)).toString()).toBe(c.expected);
      expect(closingSize(b.account, b.markets, c.market_id, c.rule).toString()).toBe(c.expected);
    });
  });

  describe("liquidation_fee", () => {
    test.each(named(file.liquidation_fee))("%s", (_n, c) => {
      expect(liquidationFee(c.notional, c.fee_ppm, c.equity_after_close).toString()).toBe(c.expected);
      expect(liquidationFee(BigInt(c.notional), BigInt(c.fee_ppm), BigInt(c.equity_after_close))).toBe(BigInt(c.expected));
    });
  });

  describe("position_to_liquidate", () => {
    test.each(named(file.position_to_liquidate))("%s", (_n, c) => {
      const id = positionToLiquidate(c.account, c.markets);
      expect(id !== undefined).toBe(c.expected_ok);
      expect(id ?? 0).toBe(c.expected_market_id);
      const b = bigintInputs(c);
      expect(positionToLiquidate(b.account, b.markets)).toBe(id);
    });
  });

  describe("adl_score", () => {
    test.each(named(file.adl_score))("%s", (_n, c) => {
      const got = adlScore(c.account, c.markets, c.market_id);
      expect([got.score.toString(), got.eligible]).toEqual([c.expected_score, c.expected_eligible]);
      const b = bigintInputs(c);
      expect(adlScore(b.account, b.markets, c.market_id)).toEqual(got);
    });
  });
});

describe("computeHealth's bankruptcy and fillable prices", () => {
  const BTC = { market_id: 1, size_decimals: 8, price_decimals: 6, oracle_price: 57_000_000_000n, imf_ppm: 50_000n, maintenance_fraction_ppm: 600_000n, funding_index: 0n };
  const long = { collateral: 3_500_000_000n, positions: [{ market_id: 1, size: 100_000_000n, quote_balance: -60_000_000_000n, funding_index: 0n }] };

  test("equal the liquidation functions for the whole position (default discount 5,000 ppm, or the one given)", () => {
    const h = computeHealth(long, { 1: BTC });
    expect(h.positions[0].bankruptcy_price).toBe(56_500_000_000n);
    expect(h.positions[0].fillable_price).toBe(56_715_000_000n); // 57,000 × 0.995
    expect(computeHealth(long, { 1: BTC }, 0n, { liquidationDiscountPpm: 1_000n }).positions[0].fillable_price).toBe(56_943_000_000n);
    expect(computeHealth(long, { 1: BTC }, { 1: 56_000_000_000n }, { liquidationDiscountPpm: 0n }).positions[0]).toMatchObject({
      bankruptcy_price: 56_500_000_000n, fillable_price: 56_000_000_000n, // bankrupt: at the oracle
    });
    expect(computeHealth(long, { 1: BTC }, {}, 0n, { liquidationDiscountPpm: 20_000n }).positions[0].fillable_price).toBe(56_500_000_000n);
  });

  test.each(named(margin.health))("%s: the new fields match bankruptcyPrice/fillablePrice, Go's fields are unchanged", (_n, c) => {
    const h = computeHealth(c.account, c.markets, c.max_upnl_withdraw_ppm);
    expect(healthToJSON(h)).toEqual({ ...c.expected, positions: c.expected.positions ?? [] });
    for (const [i, p] of (c.account.positions ?? []).entries()) {
      const want = bankruptcyPrice(c.account, c.markets, p.market_id, p.size);
      expect(h.positions[i].bankruptcy_price).toBe(want);
      const m = c.markets[p.market_id];
      const size = BigInt(p.size);
      expect(h.positions[i].fillable_price).toBe(size === 0n || !m ? 0n : fillablePrice(m.oracle_price, want, size > 0n, 5_000n));
    }
  });
});

describe("liquidationTerms (keeper.closingTerms)", () => {
  const BTC = { market_id: 1, size_decimals: 8, price_decimals: 6, oracle_price: 57_000_000_000n, imf_ppm: 50_000n, maintenance_fraction_ppm: 600_000n, funding_index: 0n };
  const markets = { 1: BTC };
  const params = liquidationParams({});
  const long = (size: bigint, collateral: bigint) => ({ collateral, positions: [{ market_id: 1, size, quote_balance: -size * 600n, funding_index: 0n }] });

  test("defaults resolve like types.Params (0 = default)", () => {
    expect(params).toEqual({ feePpm: 10_000n, discountPpm: 5_000n, bufferPpm: 100_000n, partialNotional: 100_000_000_000n, maxFractionPpm: 200_000n });
    expect(liquidationParams({ liquidationFeePpm: 7n, liquidationDiscountPpm: 0n }).feePpm).toBe(7n);
  });

  test("a partial close restores MM × 1.1 at the partial close's fillable price", () => {
    const acct = long(100_000_000n, 4_500_000_000n);
    const t = liquidationTerms(acct, markets, 1, params, 10_000n)!;
    expect(t.size).toBeGreaterThan(0n);
    expect(t.size).toBeLessThan(100_000_000n);
    expect(t.price).toBe(fillablePrice(BTC.oracle_price, bankruptcyPrice(acct, markets, 1, t.size), true, 5_000n));
    expect(t.bankruptcyPrice).toBe(bankruptcyPrice(acct, markets, 1, t.size));
    // After the close (fee included) equity ≥ 1.1 × MM; one step less misses it.
    const after = (x: bigint) => {
      const out = settleSide({ account: acct, delta: -x }, { market_id: 1, price: t.price, max_positions: 8 }, markets);
      return { equity: out.after.equity - fee(out.notional, 10_000n), mm: out.after.maintenance_margin };
    };
    const ok = after(t.size), short = after(t.size - 10_000n);
    expect(ok.equity * 10n >= ok.mm * 11n).toBe(true);
    expect(short.equity * 10n >= short.mm * 11n).toBe(false);
    expect(t.discountValue).toBe((t.size * (BTC.oracle_price - t.price)) / 100_000_000n);
    expect(t.notional).toBe((t.size * t.price + 99_999_999n) / 100_000_000n);
  });

  test("too deep for a partial close: all of it; a short mirrors; maxSize caps; no position: undefined", () => {
    expect(liquidationTerms(long(100_000_000n, 3_500_000_000n), markets, 1, params, 10_000n)!.size).toBe(100_000_000n);
    const short = { collateral: 3_500_000_000n, positions: [{ market_id: 1, size: -100_000_000n, quote_balance: 60_000_000_000n, funding_index: 0n }] };
    const t = liquidationTerms(short, { 1: { ...BTC, oracle_price: 63_000_000_000n } }, 1, params, 10_000n)!;
    expect(t.size).toBe(-100_000_000n);
    expect(t.price).toBe(63_315_000_000n);
    expect(liquidationTerms(long(100_000_000n, 3_500_000_000n), markets, 1, params, 10_000n, 30_000n)!.size).toBe(30_000n);
    expect(liquidationTerms(long(100_000_000n, 3_500_000_000n), markets, 2, params, 10_000n)).toBeUndefined();
  });

  test("a large position closes at most 20% per step", () => {
    expect(liquidationTerms(long(1_000_000_000n, 35_000_000_000n), markets, 1, params, 10_000n)!.size).toBe(200_000_000n);
  });
});
