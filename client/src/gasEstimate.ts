// Gas estimation for large MsgSubmitTrades batches: a simulation request carries the tx hex-encoded in a JSON-RPC
// body, which CometBFT caps (rpc.max_body_bytes, default 1 MB), so a batch of ~1,000+ fills cannot be simulated in
// one request even though the tx itself is accepted. Such batches are simulated in chunks and the gas is summed
// (an overestimate by the per-tx ante cost of each extra chunk, which the fee covers harmlessly).
import type { EncodeObject } from "@cosmjs/proto-signing";

import { Fill } from "./generated/clearchain/clearing/v1/order.js";
import { MsgSubmitTrades } from "./generated/clearchain/clearing/v1/tx.js";
import { MsgSubmitTradesTypeUrl } from "./modules/clearing/messages.js";

/** Default budget of encoded message bytes per simulation request (hex-doubled, well under a 1 MB RPC body). */
export const DEFAULT_MAX_SIMULATE_BYTES = 400_000;

/** splitForSimulation groups msgs so each group's encoded messages fit maxBytes, splitting MsgSubmitTrades fills. */
export function splitForSimulation(msgs: readonly EncodeObject[], maxBytes = DEFAULT_MAX_SIMULATE_BYTES): EncodeObject[][] {
  const trades = msgs.filter((m) => m.typeUrl === MsgSubmitTradesTypeUrl);
  if (trades.length === 0) return [[...msgs]];
  const sizes = trades.map((m) => (m.value as MsgSubmitTrades).fills.map((f) => Fill.encode(f).finish().length + 6));
  const total = sizes.reduce((sum, s) => sum + s.reduce((a, b) => a + b, 0), 0);
  if (total <= maxBytes) return [[...msgs]];
  const others = msgs.filter((m) => m.typeUrl !== MsgSubmitTradesTypeUrl);
  const groups: EncodeObject[][] = others.length ? [others] : [];
  trades.forEach((m, t) => {
    const { submitter, fills } = m.value as MsgSubmitTrades;
    let start = 0, bytes = 0;
    const flush = (end: number) => {
      if (end > start) groups.push([{ typeUrl: MsgSubmitTradesTypeUrl, value: MsgSubmitTrades.fromPartial({ submitter, fills: fills.slice(start, end) }) }]);
      start = end;
      bytes = 0;
    };
    fills.forEach((_, i) => {
      if (bytes + sizes[t][i] > maxBytes && i > start) flush(i);
      bytes += sizes[t][i];
    });
    flush(fills.length);
  });
  return groups;
}

/** simulateChunked simulates each group of splitForSimulation(msgs) and returns the summed gas. */
export async function simulateChunked(
  msgs: readonly EncodeObject[],
  simulateOnce: (msgs: readonly EncodeObject[]) => Promise<number>,
  maxBytes = DEFAULT_MAX_SIMULATE_BYTES,
): Promise<number> {
  let gas = 0;
  for (const group of splitForSimulation(msgs, maxBytes)) gas += await simulateOnce(group);
  return gas;
}
