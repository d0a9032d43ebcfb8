// computeHealth: mirror of chain/x/clearing/margin/health.go (equity, margins, ratios, withdrawable, liquidation prices).
import { abs, big, divCeil, divFloor, type IntLike, pow10, PPM, PPM2, QUOTE_DECIMALS, saturate, scaleDen } from "./arith.js";
import {
  fundingOwedRaw, initialMarginRaw, maintenanceMarginRaw, marketOf, notionalRaw, ratioPpm, signedValueRaw, toMarginMarket, toMarginPosition,
} from "./engine.js";
import { DEFAULT_LIQUIDATION_DISCOUNT_PPM, fillablePrice } from "./liquidation.js";
import type {
  Health, MarginAccountInput, MarginMarket, MarginMarketInput, MarginMarketsInput, MarginPosition, MarginPositionInput, PositionRisk,
} from "./types.js";

/** Oracle prices by market id (price quantums), overriding the markets' oracle_price in computeHealth. */
export type PricesByMarket = Readonly<Record<number | string, IntLike>>;

/** Options of computeHealth. */
export interface HealthOptions {
  /** liquidation_discount_ppm for each position's fillable_price (default 5,000, the chain's default). */
  readonly liquidationDiscountPpm?: IntLike;
}

const isOptions = (x: unknown): x is HealthOptions => typeof x === "object" && x !== null;

/**
 * liquidationPrice solves equity(p) = MM(p) for `position`'s market price with every other price fixed; a long's
 * price rounds up and a short's down; 0 when flat or when no positive price liquidates. `equity` and
 * `maintenanceMargin` are the whole subaccount's (Health.equity / maintenance_margin at the market's oracle price).
 */
export function liquidationPrice(position: MarginPositionInput, market: MarginMarketInput, equity: IntLike, maintenanceMargin: IntLike): bigint {
  return saturate(liquidationPriceRaw(toMarginPosition(position), toMarginMarket(market), big(equity), big(maintenanceMargin)));
}

function liquidationPriceRaw(p: MarginPosition, m: MarginMarket, equity: bigint, mm: bigint): bigint {
  const size = p.size;
  if (size === 0n) return 0n;
  const value = signedValueRaw(size, m.oracle_price, m.size_decimals, m.price_decimals);
  const pmm = maintenanceMarginRaw(notionalRaw(size, m.oracle_price, m.size_decimals, m.price_decimals), m.imf_ppm, m.maintenance_fraction_ppm);
  const e0 = equity - value;
  const mm0 = mm - pmm;
  // p = (MM0 − E0) · 10^(sd+pd) · 10^12 / (10^6 · (size·10^12 − |size|·imf·mf))
  let den = (size * PPM2 - abs(size) * (m.imf_ppm * m.maintenance_fraction_ppm)) * pow10(QUOTE_DECIMALS);
  let num = (mm0 - e0) * scaleDen(m.size_decimals, m.price_decimals) * PPM2;
  if (den === 0n) return 0n;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const price = size > 0n ? divCeil(num, den) : divFloor(num, den);
  return price > 0n ? price : 0n;
}

/** bankruptcyPriceOfAll is margin.BankruptcyPrice for closing the whole position, given the account's equity. */
function bankruptcyPriceOfAll(p: MarginPosition, m: MarginMarket, equity: bigint): bigint {
  const c = p.size;
  if (c === 0n) return 0n;
  let num = equity * scaleDen(m.size_decimals, m.price_decimals);
  let den = c * pow10(QUOTE_DECIMALS);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const price = c > 0n ? m.oracle_price - divFloor(num, den) : m.oracle_price - divCeil(num, den);
  return price <= 0n ? 0n : saturate(price);
}

/** Inputs of withdrawable: sums over a subaccount's positions (unrealized_loss ≤ 0, unrealized_profit ≥ 0). */
export interface WithdrawableInput {
  readonly collateral: IntLike;
  readonly funding_owed: IntLike;
  readonly unrealized_loss: IntLike;
  readonly unrealized_profit: IntLike;
  readonly initial_margin: IntLike;
  readonly max_upnl_withdraw_ppm: IntLike;
}

/** withdrawable = clamp(collateral − Σ owed + Σ losses + ⌊Σ profits × upnl_share⌋ − IM, 0, collateral). */
export function withdrawable(w: WithdrawableInput): bigint {
  const c = big(w.collateral);
  let out = c - big(w.funding_owed) + big(w.unrealized_loss) + divFloor(big(w.unrealized_profit) * big(w.max_upnl_withdraw_ppm), PPM) - big(w.initial_margin);
  if (out > c) out = c;
  if (out < 0n) out = 0n;
  return saturate(out);
}

/**
 * computeHealth mirrors margin.ComputeHealth: computeHealth(account, markets, maxUpnlWithdrawPpm = 0, options?) or
 * computeHealth(account, markets, pricesByMarketId, maxUpnlWithdrawPpm = 0, options?). Inputs take the vectors' JSON
 * shape (integers as bigint, number or string); a position whose market is missing is valued like Go's zero Market.
 * Beyond Go's fields each position carries bankruptcy_price (closing all of it leaves zero equity) and fillable_price
 * (the price a liquidation of all of it would close at, with options.liquidationDiscountPpm, default 5,000).
 */
export function computeHealth(
  account: MarginAccountInput,
  markets: MarginMarketsInput,
  pricesOrMaxUpnl: PricesByMarket | IntLike = 0n,
  maxUpnlOrOptions: IntLike | HealthOptions = 0n,
  options: HealthOptions = {},
): Health {
  const prices = typeof pricesOrMaxUpnl === "object" && pricesOrMaxUpnl !== null ? pricesOrMaxUpnl : undefined;
  let opts = options;
  let upnlShare: bigint;
  if (prices) {
    if (isOptions(maxUpnlOrOptions)) {
      opts = maxUpnlOrOptions;
      upnlShare = 0n;
    } else upnlShare = big(maxUpnlOrOptions);
  } else {
    upnlShare = big(pricesOrMaxUpnl as IntLike);
    if (isOptions(maxUpnlOrOptions)) opts = maxUpnlOrOptions;
  }
  const discount = big(opts.liquidationDiscountPpm ?? DEFAULT_LIQUIDATION_DISCOUNT_PPM);
  const collateral = big(account.collateral);
  const raw = account.positions ?? [];
  const positions: MarginPosition[] = new Array(raw.length);
  const mkts: MarginMarket[] = new Array(raw.length);
  let equity = collateral, im = 0n, mm = 0n, total = 0n, lossSum = 0n, profitSum = 0n, owedSum = 0n;
  const risks: PositionRisk[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const p = (positions[i] = toMarginPosition(raw[i]));
    let m = marketOf(markets, p.market_id);
    const override = prices?.[p.market_id];
    if (override !== undefined) m = { ...m, oracle_price: big(override) };
    mkts[i] = m;
    const value = signedValueRaw(p.size, m.oracle_price, m.size_decimals, m.price_decimals);
    const upnl = value + p.quote_balance;
    const owed = fundingOwedRaw(p.size, m.funding_index, p.funding_index, m.size_decimals);
    const n = notionalRaw(p.size, m.oracle_price, m.size_decimals, m.price_decimals);
    const pim = initialMarginRaw(n, m.imf_ppm);
    const pmm = maintenanceMarginRaw(n, m.imf_ppm, m.maintenance_fraction_ppm);
    equity += upnl - owed;
    im += pim;
    mm += pmm;
    total += n;
    owedSum += owed;
    if (upnl < 0n) lossSum += upnl;
    else profitSum += upnl;
    risks[i] = {
      market_id: p.market_id, notional: saturate(n), unrealized_pnl: saturate(upnl), funding_owed: saturate(owed),
      initial_margin: saturate(pim), maintenance_margin: saturate(pmm),
      entry_price: p.size === 0n ? 0n : saturate(abs((-p.quote_balance * scaleDen(m.size_decimals, m.price_decimals)) / (p.size * pow10(QUOTE_DECIMALS)))),
      liquidation_price: 0n,
    };
  }
  for (let i = 0; i < raw.length; i++) {
    const p = positions[i], m = mkts[i];
    risks[i].liquidation_price = saturate(liquidationPriceRaw(p, m, equity, mm));
    const bp = bankruptcyPriceOfAll(p, m, equity);
    risks[i].bankruptcy_price = bp;
    risks[i].fillable_price = p.size === 0n ? 0n : fillablePrice(m.oracle_price, bp, p.size > 0n, discount);
  }
  const h: Health = {
    equity: saturate(equity), initial_margin: saturate(im), maintenance_margin: saturate(mm), free_collateral: saturate(equity - im),
    total_notional: saturate(total), margin_ratio_ppm: 0n, leverage_ppm: 0n, liquidatable: false,
    withdrawable: withdrawable({
      collateral, funding_owed: owedSum, unrealized_loss: lossSum, unrealized_profit: profitSum, initial_margin: im, max_upnl_withdraw_ppm: upnlShare,
    }),
    positions: risks,
  };
  if (raw.length > 0) {
    h.margin_ratio_ppm = ratioPpm(mm, equity);
    h.leverage_ppm = ratioPpm(total, equity);
    h.liquidatable = equity < mm;
  }
  return h;
}

/** healthToJSON renders a Health like Go's encoding/json of margin.Health (integers as strings), as in the vectors. */
export function healthToJSON(h: Health): Record<string, unknown> {
  const s = (x: bigint) => x.toString();
  return {
    equity: s(h.equity), initial_margin: s(h.initial_margin), maintenance_margin: s(h.maintenance_margin), free_collateral: s(h.free_collateral),
    total_notional: s(h.total_notional), margin_ratio_ppm: s(h.margin_ratio_ppm), leverage_ppm: s(h.leverage_ppm), liquidatable: h.liquidatable,
    withdrawable: s(h.withdrawable),
    positions: h.positions.map((p) => ({
      market_id: p.market_id, notional: s(p.notional), unrealized_pnl: s(p.unrealized_pnl), funding_owed: s(p.funding_owed),
      initial_margin: s(p.initial_margin), maintenance_margin: s(p.maintenance_margin), entry_price: s(p.entry_price),
      liquidation_price: s(p.liquidation_price),
    })),
  };
}
