// Hand-computed table tests of the TypeScript margin engine (the shared Go vectors are in marginVectors.test.ts).
import {
  applyFill, blockPremiumPpm, clampedPremiumPpm, computeHealth, computeRequirements, entryPrice, fee, fundingIndexDelta, fundingOwed, fundingRatePpm,
  INT_LIMIT, isRiskReducing, liquidationPrice, type MarginMarket, marginRequirements, MAX_U64, notional, parseDec18, premiumPpm, settleSide,
  BLOCKS_PER_HOUR, maxImfAfterBlocks, maxMmRiseOverBlocks, signedValue, stepImf, targetImf, Verdict, verdictName, volAddOnCap, withdrawable,
  withinBand,
} from "../src/margin/index.js";

const BTC: MarginMarket = { market_id: 1, size_decimals: 8, price_decimals: 6, oracle_price: 60_000_000_000n, imf_ppm: 50_000n, maintenance_fraction_ppm: 600_000n, funding_index: 0n };
const ONE_BTC = 100_000_000n;

describe("primitives and their rounding", () => {
  test.each([
    // size, price, sd, pd, notional (⌈⌉ of |size|), signedValue (⌊⌋)
    [1n, 1n, 8, 6, 1n, 0n],
    [-1n, 1n, 8, 6, 1n, -1n],
    [ONE_BTC, 60_000_000_000n, 8, 6, 60_000_000_000n, 60_000_000_000n],
    [-ONE_BTC, 60_000_000_000n, 8, 6, 60_000_000_000n, -60_000_000_000n],
    [3n, 333_333n, 0, 6, 999_999n, 999_999n],
    [0n, 5n, 0, 0, 0n, 0n],
  ])("notional/signedValue(%p, %p, %p, %p)", (size, price, sd, pd, n, v) => {
    expect(notional(size, price, sd, pd)).toBe(n);
    expect(signedValue(size, price, sd, pd)).toBe(v);
  });

  test("fundingOwed rounds up: a long owes a little more, a short receives a little less", () => {
    expect(fundingOwed(ONE_BTC, 1_000_000n, 0n, 8)).toBe(1n); // index +$1 per BTC: 1 uusdc
    expect(fundingOwed(1n, 1n, 0n, 8)).toBe(1n); // ⌈1e-14⌉
    expect(fundingOwed(-1n, 1n, 0n, 8)).toBe(0n); // ⌈−1e-14⌉
    expect(fundingOwed(-ONE_BTC, 2_500_000n, 500_000n, 8)).toBe(-2n);
    expect(fundingOwed("100", "-7", "0", 0)).toBe(0n); // ⌈−700/1e6⌉
  });

  test("margin requirements round up", () => {
    expect(marginRequirements(1000n, 50_000n, 600_000n)).toEqual([50n, 30n]);
    expect(marginRequirements(1n, 50_000n, 600_000n)).toEqual([1n, 1n]);
    expect(marginRequirements(0n, 50_000n, 600_000n)).toEqual([0n, 0n]);
    expect(marginRequirements(60_000_000_000n, 50_000n, 600_000n)).toEqual([3_000_000_000n, 1_800_000_000n]);
  });

  test("entry price truncates toward zero and is positive for both sides", () => {
    expect(entryPrice(3n, -10n, 8, 6)).toBe(333_333_333n);
    expect(entryPrice(-3n, 10n, 8, 6)).toBe(333_333_333n);
    expect(entryPrice(0n, 10n, 8, 6)).toBe(0n);
    expect(entryPrice(ONE_BTC, -60_000_000_000n, 8, 6)).toBe(60_000_000_000n);
  });

  test("isRiskReducing: same side (or flat) and strictly smaller", () => {
    expect([[10n, 5n], [10n, 0n], [-10n, -9n], [-10n, 0n]].every(([o, n]) => isRiskReducing(o, n))).toBe(true);
    expect([[10n, 10n], [10n, 11n], [10n, -1n], [-10n, 1n], [0n, 0n], [0n, 1n], [0n, -1n]].some(([o, n]) => isRiskReducing(o, n))).toBe(false);
  });

  test("fee rounds up", () => {
    expect(fee(1_000_000n, 200n)).toBe(200n);
    expect(fee(1n, 200n)).toBe(1n);
    expect(fee(0n, 500n)).toBe(0n);
  });

  test("results saturate at ±(2^255 − 1) like math.Int in Go", () => {
    expect(notional(1n << 300n, 1n, 0, 0)).toBe(INT_LIMIT);
    expect(signedValue(-(1n << 300n), 1n, 0, 0)).toBe(-INT_LIMIT);
  });
});

describe("applyFill", () => {
  const flat = { market_id: 1, size: 0n, quote_balance: 0n, funding_index: 7n };
  test("open, increase, reduce, close and flip (sd = pd = 0)", () => {
    const open = applyFill(flat, 2n, 100n, 0, 0);
    expect(open).toEqual({ position: { market_id: 1, size: 2n, quote_balance: -200_000_000n, funding_index: 7n }, realized_pnl: 0n, notional: 200_000_000n });
    const reduce = applyFill(open.position, -1n, 110n, 0, 0);
    expect(reduce).toEqual({ position: { ...open.position, size: 1n, quote_balance: -100_000_000n }, realized_pnl: 10_000_000n, notional: 110_000_000n });
    const flip = applyFill(reduce.position, -2n, 120n, 0, 0);
    expect(flip).toEqual({ position: { ...open.position, size: -1n, quote_balance: 120_000_000n }, realized_pnl: 20_000_000n, notional: 240_000_000n });
    const close = applyFill(flip.position, 1n, 90n, 0, 0);
    expect(close).toEqual({ position: { ...open.position, size: 0n, quote_balance: 0n }, realized_pnl: 30_000_000n, notional: 90_000_000n });
  });

  test("the remaining cost basis rounds down (against the trader)", () => {
    const pos = { market_id: 1, size: 3n, quote_balance: -10n, funding_index: 0n };
    const out = applyFill(pos, -1n, 0n, 0, 0);
    expect(out.position.quote_balance).toBe(-7n); // ⌊−20/3⌋
    expect(out.realized_pnl).toBe(-3n);
  });

  test("a zero delta changes nothing", () => {
    const pos = { market_id: 1, size: 5n, quote_balance: -9n, funding_index: 0n };
    expect(applyFill(pos, 0n, 100n, 0, 0)).toEqual({ position: pos, realized_pnl: 0n, notional: 0n });
  });
});

describe("imf", () => {
  const p = { base_imf_ppm: 50_000n, oi_lower: 0n, oi_upper: 100n, volatility_multiplier_ppm: 1n, max_imf_ppm: 1_000_000n };
  test("OI scaling and volatility add-on round up; the cap applies last", () => {
    expect(targetImf(p, 0n, "0")).toBe(50_000n);
    expect(targetImf(p, 50n, "0")).toBe(525_000n);
    expect(targetImf(p, 1n, "0")).toBe(59_500n);
    expect(targetImf(p, 500n, "0")).toBe(1_000_000n);
    expect(targetImf(p, 50n, "0.000000000000000001")).toBe(525_001n); // ⌈1e-18 × 1⌉
    expect(targetImf({ ...p, volatility_multiplier_ppm: 10_000_000n }, 0n, "0.0025")).toBe(75_000n);
    expect(targetImf({ ...p, volatility_multiplier_ppm: 3n }, 0n, "0.333333333333333333")).toBe(50_001n); // ⌈0.999…⌉
    expect(targetImf(p, 0n, "-5")).toBe(50_000n);
    expect(targetImf(p, 0n, 10n ** 18n)).toBe(50_001n); // bigint = already scaled by 10^18
    expect(targetImf({ ...p, max_imf_ppm: 60_000n }, 50n, "0")).toBe(60_000n);
    expect(targetImf({ ...p, oi_upper: 0n }, 50n, "0")).toBe(50_000n);
  });

  test("stepImf: multiplicative rise ≤ 134 ppm per block, falls a quarter as fast, a new market jumps", () => {
    expect(stepImf(0n, 80_000n, 134n)).toBe(80_000n);
    expect(stepImf(50_000n, 80_000n, 134n)).toBe(50_006n); // ⌊50,000 × 134 / 10^6⌋
    expect(stepImf(50_000n, 80_000n, 5_000n)).toBe(50_006n); // governance limit clamped
    expect(stepImf(50_000n, 80_000n, 0n)).toBe(50_006n); // 0 = the maximum
    expect(stepImf(50_000n, 80_000n, 100n)).toBe(50_005n);
    expect(stepImf(50_000n, 50_003n, 134n)).toBe(50_003n);
    expect(stepImf(80_000n, 50_000n, 134n)).toBe(79_998n); // ⌊80,000 × 134 / 4×10^6⌋ = 2
    expect(stepImf(1_000n, 2_000n, 134n)).toBe(1_001n); // at least 1 ppm
    expect(stepImf(1_000_000n, 1n, 134n)).toBe(999_967n);
  });

  test("the effective IMF never doubles within BLOCKS_PER_HOUR blocks; bounds for the sweep index", () => {
    let x = 60_000n;
    for (let i = 0n; i < BLOCKS_PER_HOUR; i++) x = stepImf(x, 1_000_000n, 5_000n);
    expect(x).toBe(115_905n); // 1.93x: each step rounds down

    expect(maxImfAfterBlocks(60_000n, 5_000n, BLOCKS_PER_HOUR, 1_000_000n)).toBe(x);
    expect(maxImfAfterBlocks(60_000n, 134n, 1n << 40n, 90_000n)).toBe(90_000n);
    expect(maxMmRiseOverBlocks(50_000n, 750_000n, 134n, 1n, 1_000_000n)).toBe(5n);
    expect(volAddOnCap(60_000n, 750_000n)).toBe(20_000n);
    expect(volAddOnCap(50_000n, 600_000n)).toBe(33_333n);
    expect(volAddOnCap(50_000n, 0n)).toBe(0n);
    expect(targetImf({ ...p, volatility_multiplier_ppm: 10_000_000n, vol_add_on_cap_ppm: 3_000n }, 0n, "0.0025")).toBe(53_000n);
  });

  test("parseDec18 is exact and strict", () => {
    expect(parseDec18("1.5")).toBe(1_500_000_000_000_000_000n);
    expect(parseDec18("-0.1")).toBe(-100_000_000_000_000_000n);
    expect(parseDec18("3")).toBe(3n * 10n ** 18n);
    expect(parseDec18("0.000000000000000001")).toBe(1n);
    for (const bad of ["1e5", "", ".5", "0.0000000000000000001", "abc"]) expect(() => parseDec18(bad)).toThrow(TypeError);
  });
});

describe("funding", () => {
  test("premium truncates toward zero and clamps to ±100%", () => {
    expect(premiumPpm(101n, 100n)).toBe(10_000n);
    expect(premiumPpm(99n, 100n)).toBe(-10_000n);
    expect(premiumPpm(1n, 3n)).toBe(-666_666n);
    expect(premiumPpm(1000n, 1n)).toBe(1_000_000n);
    expect(premiumPpm(0n, 100n)).toBe(0n);
    expect(premiumPpm(100n, 0n)).toBe(0n);
  });

  test("rate = trunc(sum / samples) + interest, clamped; int64 like big.Int.Int64()", () => {
    expect(fundingRatePpm(-7n, 2n, 0n, 100n)).toBe(-3n);
    expect(fundingRatePpm(7n, 0n, 5n, 100n)).toBe(5n);
    expect(fundingRatePpm(1_000n, 1n, 0n, 100n)).toBe(100n);
    expect(fundingRatePpm(-1_000n, 1n, 0n, 100n)).toBe(-100n);
    const i64 = (1n << 63n) - 1n;
    expect(fundingRatePpm(i64, 1n, i64, MAX_U64)).toBe(-2n);
  });

  test("index delta = rate × price × 10^6 / 10^pd, truncated", () => {
    expect(fundingIndexDelta(100n, 60_000_000_000n, 6)).toBe(6_000_000_000_000n);
    expect(fundingIndexDelta(-1n, 7n, 8)).toBe(0n);
    expect(fundingIndexDelta(-3n, 7n, 1)).toBe(-2_100_000n);
  });
});

describe("computeHealth", () => {
  const long = { collateral: 5_000_000_000n, positions: [{ market_id: 1, size: ONE_BTC, quote_balance: -60_000_000_000n, funding_index: 0n }] };

  test("1 BTC long at $60k with $5k: equity, margins, ratios, liquidation price", () => {
    const h = computeHealth(long, { 1: BTC });
    expect(h).toEqual({
      equity: 5_000_000_000n, initial_margin: 3_000_000_000n, maintenance_margin: 1_800_000_000n, free_collateral: 2_000_000_000n,
      total_notional: 60_000_000_000n, margin_ratio_ppm: 360_000n, leverage_ppm: 12_000_000n, liquidatable: false, withdrawable: 2_000_000_000n,
      positions: [{ market_id: 1, notional: 60_000_000_000n, unrealized_pnl: 0n, funding_owed: 0n, initial_margin: 3_000_000_000n,
        maintenance_margin: 1_800_000_000n, entry_price: 60_000_000_000n, liquidation_price: 56_701_030_928n, // 55,000 / 0.97, rounded up
        bankruptcy_price: 55_000_000_000n, fillable_price: 59_700_000_000n }], // 60,000 − 5,000; 60,000 × 0.995
    });
    expect(liquidationPrice(long.positions[0], BTC, h.equity, h.maintenance_margin)).toBe(56_701_030_928n);
    // At the reported level the subaccount is liquidatable; one quantum above it is not.
    expect(computeHealth(long, { 1: BTC }, { 1: 56_701_030_927n }).liquidatable).toBe(true);
    expect(computeHealth(long, { 1: BTC }, { 1: "56701030929" }).liquidatable).toBe(false);
  });

  test("a short's liquidation price rounds down", () => {
    const short = { collateral: 5_000_000_000n, positions: [{ market_id: 1, size: -ONE_BTC, quote_balance: 60_000_000_000n, funding_index: 0n }] };
    const h = computeHealth(short, [BTC]);
    expect(h.positions[0].liquidation_price).toBe(63_106_796_116n); // 65,000 / 1.03, rounded down
    expect(computeHealth(short, [BTC], { 1: 63_106_796_117n }).liquidatable).toBe(true);
  });

  test("withdrawable counts only max_upnl_withdraw_ppm of unrealised profit and never exceeds collateral", () => {
    const winning = { collateral: 5_000_000_000n, positions: [{ market_id: 1, size: ONE_BTC, quote_balance: -50_000_000_000n, funding_index: 0n }] };
    expect(computeHealth(winning, { 1: BTC }).withdrawable).toBe(2_000_000_000n); // 5,000 − 3,000 IM
    expect(computeHealth(winning, { 1: BTC }, 500_000n).withdrawable).toBe(5_000_000_000n); // +5,000 profit share, capped at collateral
    expect(computeHealth(winning, { 1: BTC }, 100_000).withdrawable).toBe(3_000_000_000n); // number and string forms too
    expect(computeHealth(winning, { 1: BTC }, "100000").withdrawable).toBe(3_000_000_000n);
    expect(computeHealth(winning, { 1: BTC }, {}, 100_000n).withdrawable).toBe(3_000_000_000n);
    expect(withdrawable({ collateral: 10n, funding_owed: 0n, unrealized_loss: -20n, unrealized_profit: 0n, initial_margin: 0n, max_upnl_withdraw_ppm: 0n })).toBe(0n);
  });

  test("no positions: ratios 0 and not liquidatable, even with negative collateral", () => {
    expect(computeHealth({ collateral: -5n, positions: [] }, {})).toMatchObject({ equity: -5n, margin_ratio_ppm: 0n, leverage_ppm: 0n, liquidatable: false, withdrawable: 0n });
    expect(computeHealth({ collateral: "7" }, {})).toMatchObject({ equity: 7n, withdrawable: 7n, positions: [] });
  });

  test("equity ≤ 0 with positions: ratios saturate at 2^64 − 1", () => {
    const broke = { collateral: 0n, positions: [{ market_id: 1, size: ONE_BTC, quote_balance: -70_000_000_000n, funding_index: 0n }] };
    const h = computeHealth(broke, { 1: BTC });
    expect(h.equity).toBe(-10_000_000_000n);
    expect([h.margin_ratio_ppm, h.leverage_ppm, h.liquidatable]).toEqual([MAX_U64, MAX_U64, true]);
  });

  test("funding owed reduces equity and withdrawable", () => {
    const acct = { collateral: 5_000_000_000n, positions: [{ market_id: 1, size: ONE_BTC, quote_balance: -60_000_000_000n, funding_index: 0n }] };
    const h = computeHealth(acct, { 1: { ...BTC, funding_index: 3_000_000n } });
    expect(h.positions[0].funding_owed).toBe(3n);
    expect(h.equity).toBe(4_999_999_997n);
    expect(h.withdrawable).toBe(1_999_999_997n);
  });

  test("a position whose market is missing is valued like Go's zero Market", () => {
    const acct = { collateral: 100n, positions: [{ market_id: 9, size: 5n, quote_balance: -3n, funding_index: 2_000_000n }] };
    const h = computeHealth(acct, {});
    expect(h.positions[0]).toEqual({ market_id: 9, notional: 0n, unrealized_pnl: -3n, funding_owed: -10n, initial_margin: 0n, maintenance_margin: 0n,
      entry_price: 0n, liquidation_price: 0n, bankruptcy_price: 0n, fillable_price: 0n });
    expect(h.equity).toBe(107n);
  });
});

describe("settleSide", () => {
  const ETH: MarginMarket = { ...BTC, market_id: 2, oracle_price: 3_000_000_000n, imf_ppm: 100_000n, maintenance_fraction_ppm: 500_000n };
  const markets = { 1: BTC, 2: ETH, 3: { ...BTC, market_id: 3 } };
  const usd = (x: number) => BigInt(x) * 1_000_000n;
  const longBtc = (collateral: bigint) => ({ collateral, positions: [{ market_id: 1, size: ONE_BTC, quote_balance: -usd(60_000), funding_index: 0n }] });
  const at = (price: number, max = 4) => ({ market_id: 1, price: usd(price), max_positions: max });

  test("open 1 BTC at $60k with $5k and a 0.05% fee: fee from collateral, 5% IM, 3% MM", () => {
    const out = settleSide({ account: { collateral: usd(5_000), positions: [] }, delta: ONE_BTC, fee_ppm: 500n }, at(60_000), markets);
    expect(out).toEqual({
      account: { collateral: usd(4_970), positions: [{ market_id: 1, size: ONE_BTC, quote_balance: -usd(60_000), funding_index: 0n }] },
      old_size: 0n, new_size: ONE_BTC, realized_pnl: 0n, fee: usd(30), notional: usd(60_000), reducing: false,
      before: { equity: usd(5_000), initial_margin: 0n, maintenance_margin: 0n },
      after: { equity: usd(4_970), initial_margin: usd(3_000), maintenance_margin: usd(1_800) }, verdict: Verdict.OK,
    });
  });

  test.each([
    // collateral, verdict: equity after = collateral − $30 fee against $3,000 IM
    [usd(3_030), Verdict.OK],
    [usd(3_030) - 1n, Verdict.BelowInitialMargin],
    [0n, Verdict.BelowInitialMargin],
  ])("a risk-increasing fill needs equity ≥ IM afterwards (collateral %p)", (collateral, verdict) => {
    expect(settleSide({ account: { collateral }, delta: ONE_BTC, fee_ppm: 500n }, at(60_000), markets).verdict).toBe(verdict);
  });

  test("max_positions refuses only a new market; the account is returned unchanged", () => {
    const acct = longBtc(usd(100_000));
    const refused = settleSide({ account: acct, delta: ONE_BTC }, { market_id: 2, price: usd(3_000), max_positions: 1 }, markets);
    expect(refused).toMatchObject({ verdict: Verdict.TooManyPositions, account: acct, old_size: 0n, new_size: 0n, fee: 0n,
      after: { equity: 0n, initial_margin: 0n, maintenance_margin: 0n } });
    expect(settleSide({ account: acct, delta: ONE_BTC }, at(60_000, 1), markets).verdict).toBe(Verdict.OK);
  });

  test.each([
    // delta (BTC quantums), verdict under reduce_only for a 1 BTC long
    [ONE_BTC / 10n, Verdict.ReduceOnly], // grows
    [-2n * ONE_BTC, Verdict.ReduceOnly], // flips
    [-ONE_BTC / 2n, Verdict.OK], // shrinks
    [-ONE_BTC, Verdict.OK], // closes
  ])("reduce_only: delta %p", (delta, verdict) => {
    expect(settleSide({ account: longBtc(usd(10_000)), delta, reduce_only: true }, at(60_000), markets).verdict).toBe(verdict);
  });

  test.each([
    // collateral, sell price of 0.5 BTC, verdict. Before: IM $3,000, MM $1,800.
    [2_000, 59_500, Verdict.OK], // equity $1,750 ≥ IM $1,500
    [2_000, 58_000, Verdict.OK], // $1,000 / $900 = $2,000 / $1,800: ratio unchanged (exact edge)
    [2_000, 57_999, Verdict.MarginRatioWorsened], // $999.50 / $900 < $2,000 / $1,800
    [1_000, 60_000, Verdict.OK], // $1,000 / $900 > $1,000 / $1,800: below IM but healthier
    [1_000, 58_500, Verdict.MarginRatioWorsened], // $250 / $900 < $1,000 / $1,800
    [1_000, 57_000, Verdict.NegativeEquity], // equity −$500
  ])("an undercollateralised reduction (collateral $%p, sell at $%p)", (collateral, price, verdict) => {
    expect(settleSide({ account: longBtc(usd(collateral)), delta: -ONE_BTC / 2n }, at(price), markets).verdict).toBe(verdict);
  });

  test("a full close drops the position and realises the PnL; flat with equity < 0 is refused", () => {
    const ok = settleSide({ account: longBtc(usd(1_000)), delta: -ONE_BTC }, at(59_500), markets);
    expect(ok).toMatchObject({ account: { collateral: usd(500), positions: [] }, realized_pnl: -usd(500), reducing: true, verdict: Verdict.OK,
      after: { equity: usd(500), initial_margin: 0n, maintenance_margin: 0n } });
    const broke = settleSide({ account: longBtc(usd(1_000)), delta: -ONE_BTC }, at(58_000), markets);
    expect(broke).toMatchObject({ account: { collateral: -usd(1_000), positions: [] }, verdict: Verdict.NegativeEquity });
  });

  test("a flip realises the closed part and opens the rest; it is not risk-reducing", () => {
    const out = settleSide({ account: longBtc(usd(20_000)), delta: -3n * ONE_BTC }, at(61_000), markets);
    expect(out).toMatchObject({
      account: { collateral: usd(21_000), positions: [{ market_id: 1, size: -2n * ONE_BTC, quote_balance: usd(122_000), funding_index: 0n }] },
      old_size: ONE_BTC, new_size: -2n * ONE_BTC, realized_pnl: usd(1_000), notional: usd(183_000), reducing: false, verdict: Verdict.OK,
      after: { equity: usd(23_000), initial_margin: usd(6_000), maintenance_margin: usd(3_600) },
    });
  });

  test("a new position is inserted in market order with the market's funding snapshot (cross margin)", () => {
    const acct = { collateral: usd(50_000), positions: [longBtc(0n).positions[0], { market_id: 3, size: -ONE_BTC, quote_balance: usd(60_000), funding_index: 0n }] };
    const out = settleSide({ account: acct, delta: 10n * ONE_BTC }, { market_id: 2, price: usd(3_000), max_positions: 3 },
      { ...markets, 2: { ...ETH, funding_index: 42n } });
    expect(out.account.positions.map((p) => [p.market_id, p.funding_index])).toEqual([[1, 0n], [2, 42n], [3, 0n]]);
    expect(out.after).toEqual({ equity: usd(50_000), initial_margin: usd(9_000), maintenance_margin: usd(5_100) });
    expect(out.verdict).toBe(Verdict.OK);
  });

  test("computeRequirements subtracts funding owed (rounded up) like computeHealth", () => {
    const acct = longBtc(usd(5_000));
    const req = computeRequirements(acct, { 1: { ...BTC, funding_index: 3_000_000_000_000n } }); // $3 per BTC
    expect(req).toEqual({ equity: usd(4_997), initial_margin: usd(3_000), maintenance_margin: usd(1_800) });
    expect(computeRequirements({ collateral: "7" }, {})).toEqual({ equity: 7n, initial_margin: 0n, maintenance_margin: 0n });
  });

  test("verdict numbers and names are Go's", () => {
    expect(Verdict).toEqual({ OK: 0, TooManyPositions: 1, ReduceOnly: 2, BelowInitialMargin: 3, MarginRatioWorsened: 4, NegativeEquity: 5 });
    expect(verdictName(Verdict.OK)).toBe("ok");
    expect(verdictName(Verdict.MarginRatioWorsened)).toBe("below initial margin and the fill lowers equity / maintenance margin");
    expect(verdictName(6)).toBe("unknown verdict");
  });
});

describe("band and premium limits", () => {
  const oracle = 60_000_000_000n; // $60,000; a 1% band is $600
  test.each([
    [60_600_000_000n, 10_000n, true],
    [60_600_000_001n, 10_000n, false],
    [59_400_000_000n, 10_000n, true],
    [59_399_999_999n, 10_000n, false],
    [oracle, 0n, true],
    [oracle + 1n, 0n, false],
    [0n, 1_000_000n, true],
  ])("withinBand(%p, $60k, %p ppm) = %p", (price, band, within) => {
    expect(withinBand(price, oracle, band)).toBe(within);
  });

  test("withinBand is false without an oracle price", () => {
    expect(withinBand(0n, 0n, 1_000_000n)).toBe(false);
    expect(withinBand("5", 0, "18446744073709551615")).toBe(false);
  });

  test("clampedPremiumPpm limits the premium to ±band (and ±100%)", () => {
    expect(clampedPremiumPpm(60_300_000_000n, oracle, 10_000n)).toBe(5_000n);
    expect(clampedPremiumPpm(60_900_000_000n, oracle, 10_000n)).toBe(10_000n);
    expect(clampedPremiumPpm(59_100_000_000n, oracle, 10_000n)).toBe(-10_000n);
    expect(clampedPremiumPpm(0n, oracle, 10_000n)).toBe(0n);
    expect(clampedPremiumPpm(5n * oracle, oracle, 2_000_000n)).toBe(1_000_000n);
    expect(clampedPremiumPpm(1n, 3n, 1_000_000n)).toBe(-666_666n);
  });

  test("blockPremiumPpm truncates toward zero, clamps to ±100% and is 0 without notional", () => {
    expect(blockPremiumPpm(7n, 2n)).toBe(3n);
    expect(blockPremiumPpm(-7n, 2n)).toBe(-3n);
    expect(blockPremiumPpm(5n, 0n)).toBe(0n);
    expect(blockPremiumPpm(5n, -1n)).toBe(0n);
    expect(blockPremiumPpm(10n ** 30n, 1n)).toBe(1_000_000n);
    expect(blockPremiumPpm(-(10n ** 30n), "1")).toBe(-1_000_000n);
  });
});
