// Pure TypeScript mirror of the chain's margin engine (chain/x/clearing/margin): the same integer formulas and
// rounding (always against the trader), held to the Go answers by test/vectors/margin.json. bigint only.

/** Decimals of the collateral denom (USDC). */
export const QUOTE_DECIMALS = 6n;
const PPM = 1_000_000n;
const MAX_U64 = (1n << 64n) - 1n;
const INT_LIMIT = (1n << 255n) - 1n;

/** A market as the engine sees it (prices in price quantums, sizes in base quantums). */
export interface MarginMarket {
  market_id: number;
  size_decimals: number;
  price_decimals: number;
  oracle_price: bigint;
  imf_ppm: bigint;
  maintenance_fraction_ppm: bigint;
  funding_index: bigint;
}

/** A signed position with its cost basis and funding snapshot. */
export interface MarginPosition {
  market_id: number;
  size: bigint;
  quote_balance: bigint;
  funding_index: bigint;
}

/** A subaccount as the engine sees it. */
export interface MarginAccount {
  collateral: bigint;
  positions: MarginPosition[];
}

/** One position's computed risk. */
export interface PositionRisk {
  market_id: number;
  notional: bigint;
  unrealized_pnl: bigint;
  funding_owed: bigint;
  initial_margin: bigint;
  maintenance_margin: bigint;
  entry_price: bigint;
  liquidation_price: bigint;
}

/** A subaccount's computed margin state. */
export interface Health {
  equity: bigint;
  initial_margin: bigint;
  maintenance_margin: bigint;
  free_collateral: bigint;
  total_notional: bigint;
  margin_ratio_ppm: bigint;
  leverage_ppm: bigint;
  liquidatable: boolean;
  withdrawable: bigint;
  positions: PositionRisk[];
}

const pow10 = (n: number | bigint) => 10n ** BigInt(n);
const abs = (x: bigint) => (x < 0n ? -x : x);
/** ⌊a/b⌋ toward −∞ for b > 0. */
const divFloor = (a: bigint, b: bigint) => {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
};
/** ⌈a/b⌉ toward +∞ for b > 0. */
const divCeil = (a: bigint, b: bigint) => {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
};
/** saturate clamps to ±(2^255 − 1) like the Go side's conversion to math.Int. */
const saturate = (x: bigint) => (x > INT_LIMIT ? INT_LIMIT : x < -INT_LIMIT ? -INT_LIMIT : x);
const satU64 = (x: bigint) => (x <= 0n ? 0n : x > MAX_U64 ? MAX_U64 : x);
const scaleDen = (sd: number, pd: number) => pow10(sd + pd);

/** notional = ⌈|size| × price × 10^6 / 10^(sd+pd)⌉. */
export function notional(size: bigint, price: bigint, sd: number, pd: number): bigint {
  return divCeil(abs(size) * price * pow10(QUOTE_DECIMALS), scaleDen(sd, pd));
}

/** signedValue = ⌊size × price × 10^6 / 10^(sd+pd)⌋. */
export function signedValue(size: bigint, price: bigint, sd: number, pd: number): bigint {
  return divFloor(size * price * pow10(QUOTE_DECIMALS), scaleDen(sd, pd));
}

/** fundingOwed = ⌈size × (index − snapshot) / (10^sd × 10^6)⌉ (negative: receives). */
export function fundingOwed(size: bigint, index: bigint, snapshot: bigint, sd: number): bigint {
  return divCeil((index - snapshot) * size, pow10(sd) * PPM);
}

/** marginRequirements returns [⌈n × imf⌉, ⌈n × imf × mf⌉] (ppm fractions). */
export function marginRequirements(n: bigint, imfPpm: bigint, mfPpm: bigint): [bigint, bigint] {
  return [divCeil(n * imfPpm, PPM), divCeil(n * imfPpm * mfPpm, PPM * PPM)];
}

/** entryPrice = |−quote × 10^(sd+pd) / (size × 10^6)| truncated toward zero (0 when flat). */
export function entryPrice(size: bigint, quote: bigint, sd: number, pd: number): bigint {
  if (size === 0n) return 0n;
  return abs((-quote * scaleDen(sd, pd)) / (size * pow10(QUOTE_DECIMALS)));
}

/** ratioPpm = ⌈num × 10^6 / den⌉, 0 for num ≤ 0, max uint64 when den ≤ 0. */
function ratioPpm(num: bigint, den: bigint): bigint {
  if (num <= 0n) return 0n;
  if (den <= 0n) return MAX_U64;
  return satU64(divCeil(num * PPM, den));
}

/** liquidationPrice solves equity(p) = MM(p) for one position with other prices fixed (see the Go engine). */
function liquidationPrice(p: MarginPosition, m: MarginMarket, equity: bigint, mm: bigint): bigint {
  if (p.size === 0n) return 0n;
  const value = signedValue(p.size, m.oracle_price, m.size_decimals, m.price_decimals);
  const [, pmm] = marginRequirements(notional(p.size, m.oracle_price, m.size_decimals, m.price_decimals), m.imf_ppm, m.maintenance_fraction_ppm);
  const e0 = equity - value;
  const mm0 = mm - pmm;
  let den = (p.size * PPM * PPM - abs(p.size) * m.imf_ppm * m.maintenance_fraction_ppm) * pow10(QUOTE_DECIMALS);
  let num = (mm0 - e0) * scaleDen(m.size_decimals, m.price_decimals) * PPM * PPM;
  if (den === 0n) return 0n;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const price = p.size > 0n ? divCeil(num, den) : divFloor(num, den);
  return price > 0n ? price : 0n;
}

/** Oracle prices by market id (price quantums), for computeHealth's third argument. */
export type PricesByMarket = Record<number | string, bigint | string | number>;

/**
 * computeHealth mirrors margin.ComputeHealth: equity, IM, MM, free collateral, ratios, withdrawable, liquidation
 * prices. Call it as computeHealth(subaccount, markets, prices?, maxUpnlWithdrawPpm?) — `prices` (by market id)
 * overrides each market's oracle_price — or as computeHealth(subaccount, markets, maxUpnlWithdrawPpm).
 */
export function computeHealth(
  acct: MarginAccount,
  markets: Record<number, MarginMarket>,
  pricesOrMaxUpnl: PricesByMarket | bigint = 0n,
  maxUpnlWithdrawPpm = 0n,
): Health {
  if (typeof pricesOrMaxUpnl === "bigint") {
    maxUpnlWithdrawPpm = pricesOrMaxUpnl;
  } else {
    const priced: Record<number, MarginMarket> = {};
    for (const [id, m] of Object.entries(markets)) {
      const p = pricesOrMaxUpnl[id];
      priced[Number(id)] = p === undefined ? m : { ...m, oracle_price: BigInt(p) };
    }
    markets = priced;
  }
  return computeHealthAt(acct, markets, maxUpnlWithdrawPpm);
}

/** computeHealthAt evaluates an account at the markets' own oracle prices. */
function computeHealthAt(acct: MarginAccount, markets: Record<number, MarginMarket>, maxUpnlWithdrawPpm: bigint): Health {
  let equity = acct.collateral;
  let im = 0n, mm = 0n, total = 0n, lossSum = 0n, profitSum = 0n, owedSum = 0n;
  const risks: PositionRisk[] = [];
  for (const p of acct.positions) {
    const m = markets[p.market_id];
    const value = signedValue(p.size, m.oracle_price, m.size_decimals, m.price_decimals);
    const upnl = value + p.quote_balance;
    const owed = fundingOwed(p.size, m.funding_index, p.funding_index, m.size_decimals);
    const n = notional(p.size, m.oracle_price, m.size_decimals, m.price_decimals);
    const [pim, pmm] = marginRequirements(n, m.imf_ppm, m.maintenance_fraction_ppm);
    equity += upnl - owed;
    im += pim;
    mm += pmm;
    total += n;
    owedSum += owed;
    if (upnl < 0n) lossSum += upnl;
    else profitSum += upnl;
    risks.push({
      market_id: p.market_id, notional: saturate(n), unrealized_pnl: saturate(upnl), funding_owed: saturate(owed),
      initial_margin: saturate(pim), maintenance_margin: saturate(pmm),
      entry_price: saturate(entryPrice(p.size, p.quote_balance, m.size_decimals, m.price_decimals)), liquidation_price: 0n,
    });
  }
  acct.positions.forEach((p, i) => {
    risks[i].liquidation_price = saturate(liquidationPrice(p, markets[p.market_id], equity, mm));
  });
  let w = acct.collateral - owedSum + lossSum + divFloor(profitSum * maxUpnlWithdrawPpm, PPM) - im;
  if (w > acct.collateral) w = acct.collateral;
  if (w < 0n) w = 0n;
  const h: Health = {
    equity: saturate(equity), initial_margin: saturate(im), maintenance_margin: saturate(mm), free_collateral: saturate(equity - im),
    total_notional: saturate(total), margin_ratio_ppm: 0n, leverage_ppm: 0n, liquidatable: false, withdrawable: saturate(w), positions: risks,
  };
  if (acct.positions.length > 0) {
    h.margin_ratio_ppm = ratioPpm(mm, equity);
    h.leverage_ppm = ratioPpm(total, equity);
    h.liquidatable = equity < mm;
  }
  return h;
}

/** isRiskReducing: same direction (or flat) and strictly smaller. */
export function isRiskReducing(oldSize: bigint, newSize: bigint): boolean {
  if (newSize !== 0n && (newSize > 0n) !== (oldSize > 0n)) return false;
  return abs(newSize) < abs(oldSize);
}

/** The result of applyFill. */
export interface FillOutcome {
  position: MarginPosition;
  realized_pnl: bigint;
  notional: bigint;
}

/** applyFill mirrors margin.ApplyFill (open/increase, reduce, flip = close then open). */
export function applyFill(pos: MarginPosition, delta: bigint, price: bigint, sd: number, pd: number): FillOutcome {
  const n = notional(delta, price, sd, pd);
  const size = pos.size, quote = pos.quote_balance;
  const newSize = size + delta;
  const sign = (x: bigint) => (x > 0n ? 1 : x < 0n ? -1 : 0);
  if (size === 0n || sign(size) === sign(delta)) {
    return { position: { ...pos, size: newSize, quote_balance: quote + signedValue(-delta, price, sd, pd) }, realized_pnl: 0n, notional: n };
  }
  if (newSize === 0n || sign(newSize) === sign(size)) {
    const totalQ = quote + signedValue(-delta, price, sd, pd);
    let remaining = 0n;
    if (newSize !== 0n) {
      let num = quote * newSize, den = size;
      if (den < 0n) {
        num = -num;
        den = -den;
      }
      remaining = divFloor(num, den);
    }
    return { position: { ...pos, size: newSize, quote_balance: remaining }, realized_pnl: totalQ - remaining, notional: n };
  }
  const closed = applyFill(pos, -size, price, sd, pd);
  const opened = applyFill(closed.position, newSize, price, sd, pd);
  return { position: opened.position, realized_pnl: closed.realized_pnl, notional: n };
}

/** fee = ⌈notional × fee_ppm⌉. */
export function fee(n: bigint, feePpm: bigint): bigint {
  return divCeil(n * feePpm, PPM);
}

/** IMF inputs of a market. */
export interface ImfParams {
  base_imf_ppm: bigint;
  oi_lower: bigint;
  oi_upper: bigint;
  volatility_multiplier_ppm: bigint;
  max_imf_ppm: bigint;
}

/** parseDec18 parses an 18-decimal fixed-point decimal string into bigint × 10^18. */
export function parseDec18(s: string): bigint {
  const neg = s.startsWith("-");
  const [i, f = ""] = (neg ? s.slice(1) : s).split(".");
  const v = BigInt(i || "0") * 10n ** 18n + BigInt((f + "0".repeat(18)).slice(0, 18) || "0");
  return neg ? -v : v;
}

/** targetImf mirrors margin.TargetIMF (volatility as an 18-decimal string). */
export function targetImf(p: ImfParams, openInterest: bigint, volatility: string): bigint {
  let target = p.base_imf_ppm;
  if (p.oi_upper > p.oi_lower && openInterest > p.oi_lower && p.base_imf_ppm < PPM) {
    const span = p.oi_upper - p.oi_lower;
    let over = openInterest - p.oi_lower;
    if (over > span) over = span;
    target += divCeil((PPM - p.base_imf_ppm) * over, span);
  }
  const vol = parseDec18(volatility);
  if (vol > 0n) target += divCeil(vol * p.volatility_multiplier_ppm, 10n ** 18n);
  if (target > p.max_imf_ppm) target = p.max_imf_ppm;
  return satU64(target);
}

/** stepImf moves current toward target by at most stepLimit (a zero current jumps to the target). */
export function stepImf(current: bigint, target: bigint, stepLimit: bigint): bigint {
  if (current === 0n || current === target) return target;
  if (target > current) return target - current > stepLimit ? current + stepLimit : target;
  return current - target > stepLimit ? current - stepLimit : target;
}

/** premiumPpm = trunc((trade − oracle) × 10^6 / oracle), clamped to ±10^6; 0 when a price is missing. */
export function premiumPpm(trade: bigint, oracle: bigint): bigint {
  if (trade === 0n || oracle === 0n) return 0n;
  const d = ((trade - oracle) * PPM) / oracle;
  return d > PPM ? PPM : d < -PPM ? -PPM : d;
}

/** fundingRatePpm = clamp(trunc(sum / samples) + interest, ±max). */
export function fundingRatePpm(premiumSum: bigint, samples: bigint, interest: bigint, maxRate: bigint): bigint {
  let rate = samples > 0n ? premiumSum / samples : 0n;
  rate += interest;
  if (rate > maxRate) rate = maxRate;
  if (rate < -maxRate) rate = -maxRate;
  return rate;
}

/** fundingIndexDelta = trunc(rate × oracle × 10^6 / 10^pd). */
export function fundingIndexDelta(ratePpm: bigint, oraclePrice: bigint, pd: number): bigint {
  return saturate((ratePpm * oraclePrice * pow10(QUOTE_DECIMALS)) / pow10(pd));
}
