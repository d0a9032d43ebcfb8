// Verdict: mirror of margin.Verdict and its String() in chain/x/clearing/margin/settle.go (same numbers, same names).

/** The pure settlement's decision for one side of a fill; the numbers are Go's margin.Verdict values. */
export const Verdict = {
  /** Accepts the side. */
  OK: 0,
  /** A fill that opens a position beyond the subaccount's limit. */
  TooManyPositions: 1,
  /** A fill that grows or flips a position under reduce-only. */
  ReduceOnly: 2,
  /** A fill that grows risk and leaves equity below initial margin. */
  BelowInitialMargin: 3,
  /** A risk-reducing fill that leaves the side below initial margin and lowers equity ÷ maintenance margin. */
  MarginRatioWorsened: 4,
  /** A fill that leaves the side's equity below zero. */
  NegativeEquity: 5,
} as const;
/** A margin.Verdict number (0–5). */
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

/** Each verdict's name: the text of Go's Verdict.String() (used in the chain's error messages). */
export const VERDICT_NAMES: Readonly<Record<Verdict, string>> = {
  [Verdict.OK]: "ok",
  [Verdict.TooManyPositions]: "too many positions",
  [Verdict.ReduceOnly]: "fill would grow a position under reduce-only",
  [Verdict.BelowInitialMargin]: "equity below initial margin after a risk-increasing fill",
  [Verdict.MarginRatioWorsened]: "below initial margin and the fill lowers equity / maintenance margin",
  [Verdict.NegativeEquity]: "equity below zero after the fill",
};

/** verdictName is Go's Verdict.String(): the verdict's name, or "unknown verdict" for any other number. */
export function verdictName(verdict: number): string {
  return Object.prototype.hasOwnProperty.call(VERDICT_NAMES, verdict) ? VERDICT_NAMES[verdict as Verdict] : "unknown verdict";
}
