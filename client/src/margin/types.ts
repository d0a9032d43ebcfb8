// Shapes of the margin engine: field names and nesting match test/vectors/margin.json (Go's JSON of the engine types).
import type { IntLike } from "./arith.js";
import type { Verdict } from "./verdict.js";

/** A market as the engine sees it (prices in price quantums, sizes in base quantums). */
export interface MarginMarket {
  market_id: number;
  size_decimals: number;
  price_decimals: number;
  /** Oracle price in price quantums (uint64). */
  oracle_price: bigint;
  /** Effective initial margin fraction, ppm. */
  imf_ppm: bigint;
  /** Maintenance margin as a share of initial margin, ppm. */
  maintenance_fraction_ppm: bigint;
  /** Cumulative funding index (collateral base units × 10^6 per base unit). */
  funding_index: bigint;
}

/** A signed position with its cost basis and funding snapshot. */
export interface MarginPosition {
  market_id: number;
  /** Signed size in base quantums (positive long). */
  size: bigint;
  /** Signed cost basis in collateral base units. */
  quote_balance: bigint;
  /** Market funding index at the last funding settlement. */
  funding_index: bigint;
}

/** A subaccount as the engine sees it. */
export interface MarginAccount {
  collateral: bigint;
  positions: MarginPosition[];
}

/** Lenient<T> accepts any IntLike where T has a bigint (JSON strings from the vectors work as is). */
export type Lenient<T> = { readonly [K in keyof T]: T[K] extends bigint ? IntLike : T[K] };
/** A market input: MarginMarket with bigint | number | string integers. */
export type MarginMarketInput = Lenient<MarginMarket>;
/** A position input: MarginPosition with bigint | number | string integers. */
export type MarginPositionInput = Lenient<MarginPosition>;
/** An account input; positions may be null/absent (Go's JSON of an empty slice). */
export interface MarginAccountInput {
  readonly collateral: IntLike;
  readonly positions?: readonly MarginPositionInput[] | null;
}
/** Markets by id (object as in the vectors, or a Map), or a list (indexed by market_id). */
export type MarginMarketsInput =
  | Readonly<Record<number | string, MarginMarketInput>>
  | ReadonlyMap<number, MarginMarketInput>
  | readonly MarginMarketInput[];

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
  /**
   * Price at which closing the whole position leaves the account with zero equity (a long's rounded up, a short's
   * down; 0 when no positive price exists). Not in Go's margin.Health: computeHealth adds it (healthToJSON omits it).
   */
  bankruptcy_price?: bigint;
  /** Price a liquidation of the whole position would close at (fillablePrice with the discount given to computeHealth). */
  fillable_price?: bigint;
}

/** A subaccount's computed margin state (margin.Health). */
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

/** The result of applyFill (margin.FillOutcome). */
export interface FillOutcome {
  position: MarginPosition;
  realized_pnl: bigint;
  notional: bigint;
}

/** IMF inputs of a market (margin.IMFParams). */
export interface ImfParams {
  base_imf_ppm: bigint;
  oi_lower: bigint;
  oi_upper: bigint;
  volatility_multiplier_ppm: bigint;
  max_imf_ppm: bigint;
}
/** IMF params input with bigint | number | string integers. */
export type ImfParamsInput = Lenient<ImfParams>;

/** Equity, initial and maintenance margin of a subaccount: the part of Health that settlement needs (margin.Requirements). */
export interface Requirements {
  /** collateral + Σ ⌊size × price⌋ + Σ quote_balance − Σ ⌈funding owed⌉. */
  equity: bigint;
  /** Σ ⌈notional × imf⌉. */
  initial_margin: bigint;
  /** Σ ⌈notional × imf × mf⌉. */
  maintenance_margin: bigint;
}

/** One party of a fill as the pure settlement sees it (margin.FillSide). */
export interface FillSide {
  /** The subaccount after its funding was settled, positions sorted by market. */
  account: MarginAccount;
  /** Signed size change: +size for the buyer, −size for the seller. */
  delta: bigint;
  /** The side's fee rate on notional, ppm. */
  fee_ppm: bigint;
  /** Set when the order or the market only allows risk reduction. */
  reduce_only: boolean;
}
/** A fill side input: integers as bigint | number | string; fee_ppm defaults to 0 and reduce_only to false. */
export interface FillSideInput {
  readonly account: MarginAccountInput;
  readonly delta: IntLike;
  readonly fee_ppm?: IntLike;
  readonly reduce_only?: boolean;
}

/** The fill being settled (margin.FillTerms). */
export interface FillTerms {
  /** The traded market; the markets passed to settleSide must contain it. */
  market_id: number;
  /** Fill price in price quantums. */
  price: bigint;
  /** The subaccount's position limit. */
  max_positions: bigint;
}
/** Fill terms input with bigint | number | string integers. */
export type FillTermsInput = Lenient<FillTerms>;

/** The result of settling one side (margin.SideOutcome). */
export interface SideOutcome {
  /** The subaccount after the fill (flat positions dropped, positions sorted); unchanged when refused for too many positions. */
  account: MarginAccount;
  /** The traded position's size before and after (both 0 when refused for too many positions). */
  old_size: bigint;
  new_size: bigint;
  /** Realised PnL moved into collateral. */
  realized_pnl: bigint;
  /** ⌈notional × fee_ppm⌉, taken from collateral. */
  fee: bigint;
  /** The fill's notional. */
  notional: bigint;
  /** Whether the fill only shrank the position. */
  reducing: boolean;
  /** The side's requirements before and after the fill (after is all zero when refused for too many positions). */
  before: Requirements;
  after: Requirements;
  /** The margin decision. */
  verdict: Verdict;
}
