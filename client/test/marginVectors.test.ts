// The TypeScript margin engine must give the Go engine's answers, to the unit and in every field, on every shared
// vector of test/vectors/margin.json (generated and re-checked by `go test ./x/clearing/margin`).
import * as fs from "fs";
import * as path from "path";

import {
  applyFill, blockPremiumPpm, clampedPremiumPpm, computeHealth, computeRequirements, fee, fillOutcomeToJSON, fundingIndexDelta, fundingRatePpm,
  healthToJSON, type MarginAccount, type MarginMarket, premiumPpm, requirementsToJSON, settleSide, sideOutcomeToJSON, stepImf, targetImf,
  toMarginMarket, toMarginPosition, Verdict, VERDICT_NAMES, verdictName, withinBand,
} from "../src/margin/index.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const file: Json = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "test", "vectors", "margin.json"), "utf8"));
const named = (cases: Json[]) => cases.map((c) => [c.name, c] as [string, Json]);

/** bigintInputs converts a case's account and markets to bigint-typed engine inputs (the other accepted form). */
function bigintInputs(c: Json, account: Json = c.account): [MarginAccount, Record<number, MarginMarket>] {
  const markets: Record<number, MarginMarket> = {};
  for (const [id, m] of Object.entries(c.markets as Record<string, Json>)) markets[Number(id)] = toMarginMarket(m);
  return [{ collateral: BigInt(account.collateral), positions: (account.positions ?? []).map(toMarginPosition) }, markets];
}

describe("shared margin vectors (Go ⇄ TypeScript)", () => {
  test("the file holds 407 cases: 120 health, 60 fills, 30 imf, 30 funding, 96 settle, 45 band, 26 premium", () => {
    expect([file.health, file.fills, file.imf, file.funding, file.settle, file.band, file.premium].map((cs: Json[]) => cs.length)).toEqual([
      120, 60, 30, 30, 96, 45, 26,
    ]);
  });

  test("the settle vectors reach every verdict, with Go's numbers and names", () => {
    const seen = new Map<number, string>();
    for (const c of file.settle) seen.set(c.expected.verdict, c.expected.verdict_name);
    expect([...seen.keys()].sort()).toEqual(Object.values(Verdict).sort());
    for (const [v, name] of seen) expect(VERDICT_NAMES[v as Verdict]).toBe(name);
  });

  describe("health", () => {
    test.each(named(file.health))("%s", (_name, c) => {
      const expected = { ...c.expected, positions: c.expected.positions ?? [] };
      // The vectors' JSON shape as is (strings for big integers, null positions) …
      expect(healthToJSON(computeHealth(c.account, c.markets, c.max_upnl_withdraw_ppm))).toEqual(expected);
      // … and bigint inputs, with markets as a Map and as a list.
      const [acct, markets] = bigintInputs(c);
      const upnl = BigInt(c.max_upnl_withdraw_ppm);
      expect(healthToJSON(computeHealth(acct, markets, upnl))).toEqual(expected);
      expect(healthToJSON(computeHealth(acct, new Map(Object.values(markets).map((m) => [m.market_id, m])), upnl))).toEqual(expected);
      expect(healthToJSON(computeHealth(acct, Object.values(markets), {}, upnl))).toEqual(expected);
    });
  });

  describe("fills", () => {
    test.each(named(file.fills))("%s", (_name, c) => {
      const out = applyFill(c.position, c.delta, c.price, c.size_decimals, c.price_decimals);
      expect(fillOutcomeToJSON(out)).toEqual(c.expected);
      expect(fee(out.notional, c.fee_ppm).toString()).toBe(c.expected_fee);
      const again = applyFill(toMarginPosition(c.position), BigInt(c.delta), BigInt(c.price), c.size_decimals, c.price_decimals);
      expect(again).toEqual(out);
    });
  });

  describe("imf", () => {
    test.each(named(file.imf))("%s", (_name, c) => {
      const target = targetImf(c.params, c.open_interest, c.volatility);
      expect(target.toString()).toBe(c.expected_target_ppm);
      expect(stepImf(c.current_imf_ppm, target, c.step_limit_ppm).toString()).toBe(c.expected_stepped_ppm);
    });
  });

  describe("funding", () => {
    test.each(named(file.funding))("%s", (_name, c) => {
      expect(premiumPpm(c.trade_price, c.oracle_price).toString()).toBe(c.expected_premium_ppm);
      const rate = fundingRatePpm(c.premium_sum_ppm, c.samples, c.interest_ppm, c.max_rate_ppm);
      expect(rate.toString()).toBe(c.expected_rate_ppm);
      expect(fundingIndexDelta(rate, c.oracle_price, c.price_decimals).toString()).toBe(c.expected_index_delta);
    });
  });

  describe("requirements agree with health", () => {
    test.each(named(file.health))("%s", (_name, c) => {
      const e = c.expected;
      const want = { equity: e.equity, initial_margin: e.initial_margin, maintenance_margin: e.maintenance_margin };
      expect(requirementsToJSON(computeRequirements(c.account, c.markets))).toEqual(want);
    });
  });

  describe("settle", () => {
    test.each(named(file.settle))("%s", (_name, c) => {
      // The vectors' JSON shape as is …
      const out = settleSide(c.side, c.terms, c.markets);
      expect(sideOutcomeToJSON(out)).toEqual(c.expected);
      expect(verdictName(out.verdict)).toBe(c.expected.verdict_name);
      // … bigint inputs with markets as a Map and as a list …
      const [acct, markets] = bigintInputs(c, c.side.account);
      const side = { account: acct, delta: BigInt(c.side.delta), fee_ppm: BigInt(c.side.fee_ppm), reduce_only: c.side.reduce_only };
      const terms = { market_id: c.terms.market_id, price: BigInt(c.terms.price), max_positions: BigInt(c.terms.max_positions) };
      expect(settleSide(side, terms, new Map(Object.values(markets).map((m) => [m.market_id, m])))).toEqual(out);
      expect(settleSide(side, terms, Object.values(markets))).toEqual(out);
      // … and the requirements around the fill are computeRequirements of the accounts before and after.
      expect(requirementsToJSON(computeRequirements(c.side.account, c.markets))).toEqual(c.expected.before);
      if (c.expected.verdict !== Verdict.TooManyPositions) {
        expect(requirementsToJSON(computeRequirements(c.expected.account, c.markets))).toEqual(c.expected.after);
      }
    });
  });

  describe("band", () => {
    test.each(named(file.band))("%s", (_name, c) => {
      expect(withinBand(c.price, c.oracle_price, c.band_ppm)).toBe(c.expected_within);
      expect(withinBand(BigInt(c.price), BigInt(c.oracle_price), BigInt(c.band_ppm))).toBe(c.expected_within);
    });
  });

  describe("premium", () => {
    test.each(named(file.premium))("%s", (_name, c) => {
      expect(clampedPremiumPpm(c.trade_price, c.oracle_price, c.band_ppm).toString()).toBe(c.expected_clamped_premium_ppm);
      expect(clampedPremiumPpm(BigInt(c.trade_price), BigInt(c.oracle_price), BigInt(c.band_ppm)).toString()).toBe(c.expected_clamped_premium_ppm);
      expect(blockPremiumPpm(c.weighted_ppm, c.notional).toString()).toBe(c.expected_block_premium_ppm);
      expect(blockPremiumPpm(BigInt(c.weighted_ppm), BigInt(c.notional)).toString()).toBe(c.expected_block_premium_ppm);
    });
  });
});
