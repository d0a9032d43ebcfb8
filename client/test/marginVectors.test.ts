// The TypeScript margin engine must give the Go engine's answers, to the unit and in every field, on every shared
// vector of test/vectors/margin.json (generated and re-checked by `go test ./x/clearing/margin`).
import * as fs from "fs";
import * as path from "path";

import {
  applyFill, computeHealth, fee, fillOutcomeToJSON, fundingIndexDelta, fundingRatePpm, healthToJSON, type MarginAccount, type MarginMarket,
  premiumPpm, stepImf, targetImf, toMarginMarket, toMarginPosition,
} from "../src/margin/index.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const file: Json = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "test", "vectors", "margin.json"), "utf8"));
const named = (cases: Json[]) => cases.map((c) => [c.name, c] as [string, Json]);

/** bigintInputs converts a case's account and markets to bigint-typed engine inputs (the other accepted form). */
function bigintInputs(c: Json): [MarginAccount, Record<number, MarginMarket>] {
  const markets: Record<number, MarginMarket> = {};
  for (const [id, m] of Object.entries(c.markets as Record<string, Json>)) markets[Number(id)] = toMarginMarket(m);
  return [{ collateral: BigInt(c.account.collateral), positions: (c.account.positions ?? []).map(toMarginPosition) }, markets];
}

describe("shared margin vectors (Go ⇄ TypeScript)", () => {
  test("the file holds 240 cases: 120 health, 60 fills, 30 imf, 30 funding", () => {
    expect([file.health.length, file.fills.length, file.imf.length, file.funding.length]).toEqual([120, 60, 30, 30]);
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
});
