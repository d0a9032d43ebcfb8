// The TypeScript margin engine must give the Go engine's answers, to the unit, on every shared vector
// (test/vectors/margin.json, generated and re-checked by `go test ./x/clearing/margin`).
import * as fs from "fs";
import * as path from "path";
import {
  applyFill, computeHealth, fee, fundingIndexDelta, fundingRatePpm, type Health, type MarginAccount, type MarginMarket,
  premiumPpm, stepImf, targetImf,
} from "../src/margin";

const file = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "test", "vectors", "margin.json"), "utf8"));
const B = (v: unknown) => BigInt(v as string);

function account(raw: any): MarginAccount {
  return { collateral: B(raw.collateral), positions: (raw.positions ?? []).map((p: any) => ({
    market_id: p.market_id, size: B(p.size), quote_balance: B(p.quote_balance), funding_index: B(p.funding_index) })) };
}

function markets(raw: Record<string, any>): Record<number, MarginMarket> {
  const out: Record<number, MarginMarket> = {};
  for (const [id, m] of Object.entries(raw)) {
    out[Number(id)] = { market_id: m.market_id, size_decimals: m.size_decimals, price_decimals: m.price_decimals, oracle_price: B(m.oracle_price),
      imf_ppm: B(m.imf_ppm), maintenance_fraction_ppm: B(m.maintenance_fraction_ppm), funding_index: B(m.funding_index) };
  }
  return out;
}

/** normalize renders a Health like Go's JSON (integers as strings) for a field-by-field comparison. */
function normalize(h: Health): unknown {
  return {
    equity: String(h.equity), initial_margin: String(h.initial_margin), maintenance_margin: String(h.maintenance_margin),
    free_collateral: String(h.free_collateral), total_notional: String(h.total_notional), margin_ratio_ppm: String(h.margin_ratio_ppm),
    leverage_ppm: String(h.leverage_ppm), liquidatable: h.liquidatable, withdrawable: String(h.withdrawable),
    positions: h.positions.map((p) => ({ market_id: p.market_id, notional: String(p.notional), unrealized_pnl: String(p.unrealized_pnl),
      funding_owed: String(p.funding_owed), initial_margin: String(p.initial_margin), maintenance_margin: String(p.maintenance_margin),
      entry_price: String(p.entry_price), liquidation_price: String(p.liquidation_price) })),
  };
}

describe("computeHealth call forms", () => {
  test("prices by market id override the markets' oracle prices", () => {
    const m: MarginMarket = { market_id: 1, size_decimals: 8, price_decimals: 6, oracle_price: 60_000_000_000n, imf_ppm: 50_000n,
      maintenance_fraction_ppm: 600_000n, funding_index: 0n };
    const acct: MarginAccount = { collateral: 5_000_000_000n, positions: [{ market_id: 1, size: 100_000_000n, quote_balance: -60_000_000_000n, funding_index: 0n }] };
    const at60k = computeHealth(acct, { 1: m });
    expect(at60k.equity).toBe(5_000_000_000n);
    expect(at60k.free_collateral).toBe(2_000_000_000n);
    expect(at60k.positions[0].liquidation_price).toBe(56_701_030_928n); // 55,000 / 0.97, rounded up for a long
    const at57k = computeHealth(acct, { 1: m }, { 1: 57_000_000_000n });
    expect(at57k.equity).toBe(2_000_000_000n);
    expect(at57k.liquidatable).toBe(false);
    expect(computeHealth(acct, { 1: m }, { 1: "56701030000" }).liquidatable).toBe(true);
  });
});

describe("shared margin vectors (Go ⇄ TypeScript)", () => {
  test("there are at least 200 cases", () => {
    expect(file.health.length + file.fills.length + file.imf.length + file.funding.length).toBeGreaterThanOrEqual(200);
  });

  test.each(file.health.map((c: any) => [c.name, c]) as [string, any][])("%s", (_name, c: any) => {
    const h = computeHealth(account(c.account), markets(c.markets), B(c.max_upnl_withdraw_ppm));
    const expected = { ...c.expected, positions: c.expected.positions ?? [] };
    expect(normalize(h)).toEqual(expected);
  });

  test.each(file.fills.map((c: any) => [c.name, c]) as [string, any][])("%s", (_name, c: any) => {
    const pos = { market_id: c.position.market_id, size: B(c.position.size), quote_balance: B(c.position.quote_balance), funding_index: B(c.position.funding_index) };
    const out = applyFill(pos, B(c.delta), B(c.price), c.size_decimals, c.price_decimals);
    expect(String(out.position.size)).toBe(c.expected.position.size);
    expect(String(out.position.quote_balance)).toBe(c.expected.position.quote_balance);
    expect(String(out.realized_pnl)).toBe(c.expected.realized_pnl);
    expect(String(out.notional)).toBe(c.expected.notional);
    expect(String(fee(out.notional, B(c.fee_ppm)))).toBe(c.expected_fee);
  });

  test.each(file.imf.map((c: any) => [c.name, c]) as [string, any][])("%s", (_name, c: any) => {
    const p = { base_imf_ppm: B(c.params.base_imf_ppm), oi_lower: B(c.params.oi_lower), oi_upper: B(c.params.oi_upper),
      volatility_multiplier_ppm: B(c.params.volatility_multiplier_ppm), max_imf_ppm: B(c.params.max_imf_ppm) };
    const target = targetImf(p, B(c.open_interest), c.volatility);
    expect(String(target)).toBe(c.expected_target_ppm);
    expect(String(stepImf(B(c.current_imf_ppm), target, B(c.step_limit_ppm)))).toBe(c.expected_stepped_ppm);
  });

  test.each(file.funding.map((c: any) => [c.name, c]) as [string, any][])("%s", (_name, c: any) => {
    expect(String(premiumPpm(B(c.trade_price), B(c.oracle_price)))).toBe(c.expected_premium_ppm);
    const rate = fundingRatePpm(B(c.premium_sum_ppm), B(c.samples), B(c.interest_ppm), B(c.max_rate_ppm));
    expect(String(rate)).toBe(c.expected_rate_ppm);
    expect(String(fundingIndexDelta(rate, B(c.oracle_price), c.price_decimals))).toBe(c.expected_index_delta);
  });
});
