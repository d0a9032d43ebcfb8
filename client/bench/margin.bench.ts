// TypeScript margin engine benchmark: computeHealth of a subaccount with 1, 10 and 100 positions, in ns per call
// (median of 7 timed runs after a warm-up; each run ~100 ms, whole benchmark bounded to 20 s). Prints one line
// `BENCH margin_ts positions_1_ns=… positions_10_ns=… positions_100_ns=…` and writes build/bench/margin_ts.json
// (repo root; CLEARCHAIN_BENCH_DIR overrides the directory). Run: npx tsx client/bench/margin.bench.ts (or npm run bench).
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";

import { computeHealth, type MarginAccount, type MarginMarket } from "../src/margin/index.js";

const DEADLINE = Date.now() + 20_000;
const RUNS = 7;
const RUN_TARGET_NS = 100_000_000;

/** fixture: n positions across n markets (alternating long/short, funding owed, mixed decimals), like a busy subaccount. */
function fixture(n: number): [MarginAccount, Record<number, MarginMarket>] {
  const markets: Record<number, MarginMarket> = {};
  const acct: MarginAccount = { collateral: 1_000_000_000_000n, positions: [] };
  for (let i = 1; i <= n; i++) {
    markets[i] = {
      market_id: i, size_decimals: 6 + (i % 4), price_decimals: 6 + (i % 3), oracle_price: BigInt(1_000_000_000 + i * 7_919_000),
      imf_ppm: 50_000n + BigInt(i * 100), maintenance_fraction_ppm: 600_000n, funding_index: BigInt(i) * 1_234_567_891n,
    };
    const size = BigInt(i) * 10_000_007n * (i % 2 === 0 ? -1n : 1n);
    acct.positions.push({ market_id: i, size, quote_balance: -size * 997n, funding_index: BigInt(i) * 1_000_000_000n });
  }
  return [acct, markets];
}

/** measure returns the median ns per computeHealth call for n positions. */
function measure(n: number): number {
  const [acct, markets] = fixture(n);
  let sink = 0n;
  // Warm-up, and calibrate the iterations of one run to ~RUN_TARGET_NS.
  let iterations = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) sink += computeHealth(acct, markets, 100_000n).equity;
    const dt = Number(process.hrtime.bigint() - t0);
    if (dt > RUN_TARGET_NS / 4 || Date.now() > DEADLINE) {
      iterations = Math.max(1, Math.round((iterations * RUN_TARGET_NS) / Math.max(dt, 1)));
      break;
    }
    iterations *= 2;
  }
  const runs: number[] = [];
  for (let r = 0; r < RUNS && (r === 0 || Date.now() < DEADLINE); r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) sink += computeHealth(acct, markets, 100_000n).equity;
    runs.push(Number(process.hrtime.bigint() - t0) / iterations);
  }
  if (sink === 42n) console.log(""); // keep the work observable
  runs.sort((a, b) => a - b);
  return Math.round(runs[Math.floor(runs.length / 2)]);
}

const figures: Record<string, number> = {};
for (const n of [1, 10, 100]) figures[`positions_${n}_ns`] = measure(n);
console.log(`BENCH margin_ts ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(" ")}`);
const dir = process.env.CLEARCHAIN_BENCH_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "build", "bench");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "margin_ts.json"), JSON.stringify({ name: "margin_ts", ...figures }, null, 2) + "\n");
