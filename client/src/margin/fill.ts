// applyFill and fee: mirror of chain/x/clearing/margin/fill.go.
import { big, divCeil, divFloor, type IntLike, PPM, saturate, sign } from "./arith.js";
import { notionalRaw, signedValueRaw, toMarginPosition } from "./engine.js";
import type { FillOutcome, MarginPosition, MarginPositionInput } from "./types.js";

/**
 * applyFill applies a signed size delta (positive buys) at price: the quote changes by ⌊−delta × price⌋; a reducing
 * fill releases the closed share of the cost basis into realized PnL (remaining basis ⌊quote × new/old⌋); a flip
 * is a close followed by an open. The funding snapshot is unchanged.
 */
export function applyFill(position: MarginPositionInput, delta: IntLike, price: IntLike, sizeDecimals: number, priceDecimals: number): FillOutcome {
  return applyFillRaw(toMarginPosition(position), big(delta), big(price), sizeDecimals, priceDecimals);
}

function applyFillRaw(pos: MarginPosition, d: bigint, price: bigint, sd: number, pd: number): FillOutcome {
  const size = pos.size;
  let quote = pos.quote_balance;
  let realized = 0n;
  const n = notionalRaw(d, price, sd, pd);
  const newSize = size + d;
  if (size === 0n || sign(size) === sign(d)) {
    // Opening or increasing.
    quote += signedValueRaw(-d, price, sd, pd);
  } else if (newSize === 0n || sign(newSize) === sign(size)) {
    // Reducing (possibly to flat).
    const totalQ = quote + signedValueRaw(-d, price, sd, pd);
    let remaining = 0n;
    if (newSize !== 0n) {
      let num = quote * newSize, den = size;
      if (den < 0n) {
        num = -num;
        den = -den;
      }
      remaining = divFloor(num, den);
    }
    realized = totalQ - remaining;
    quote = remaining;
  } else {
    // Flipping: close the whole position, then open the remainder.
    const closed = applyFillRaw(pos, saturate(-size), price, sd, pd);
    const opened = applyFillRaw(closed.position, saturate(newSize), price, sd, pd);
    return { position: opened.position, realized_pnl: closed.realized_pnl, notional: saturate(n) };
  }
  return {
    position: { ...pos, size: saturate(newSize), quote_balance: saturate(quote) },
    realized_pnl: saturate(realized),
    notional: saturate(n),
  };
}

/** fee = ⌈notional × fee_ppm / 10^6⌉. */
export function fee(notionalAmt: IntLike, feePpm: IntLike): bigint {
  return saturate(divCeil(big(notionalAmt) * big(feePpm), PPM));
}

/** fillOutcomeToJSON renders a FillOutcome like Go's encoding/json (integers as strings), as in the vectors. */
export function fillOutcomeToJSON(o: FillOutcome): Record<string, unknown> {
  const p = o.position;
  return {
    position: { market_id: p.market_id, size: p.size.toString(), quote_balance: p.quote_balance.toString(), funding_index: p.funding_index.toString() },
    realized_pnl: o.realized_pnl.toString(),
    notional: o.notional.toString(),
  };
}
