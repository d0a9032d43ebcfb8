// TypeScript margin engine benchmark: health of a subaccount with 1, 10 and 100 positions (median ns per call).
// Prints `BENCH margin_ts ...` and writes build/bench/margin_ts.json; bounded to a few seconds.
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";
import { computeHealth, type MarginAccount, type MarginMarket } from "../src/margin";

function account(n: number): [MarginAccount, Record<number, MarginMarket>] {
  const markets: Record<number, MarginMarket> = {};
  const acct: MarginAccount = { collateral: 1_000_000_000_000n, positions: [] };
  for (let i = 1; i <= n; i++) {
    markets[i] = { market_id: i, size_decimals: 8, price_decimals: 6, oracle_price: BigInt(1_000_000_000 + i * 1_000_000), imf_ppm: 50_000n,
      maintenance_fraction_ppm: 600_000n, funding_index: BigInt(i) * 1_000_000_000n };
    const size = BigInt(i) * 10_000_000n * (i % 2 === 0 ? -1n : 1n);
    acct.positions.push({ market_id: i, size, quote_balance: -size * 10n, funding_index: 0n });
  }
  return [acct, markets];
}

function measure(n: number): number {
  const [acct, markets] = account(n);
  const iterations = Math.max(20, Math.floor(20_000 / n));
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) computeHealth(acct, markets, 0n);
    runs.push(Number(process.hrtime.bigint() - t0) / iterations);
  }
  runs.sort((a, b) => a - b);
  return Math.round(runs[3]);
}

const figures: Record<string, number> = {};
for (const n of [1, 10, 100]) figures[`ts_positions_${n}_ns`] = measure(n);
console.log(`BENCH margin_ts ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(" ")}`);
const dir = process.env.CLEARCHAIN_BENCH_DIR ?? fileURLToPath(new URL("../../build/bench", import.meta.url));
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "margin_ts.json"), JSON.stringify({ name: "margin_ts", ...figures }, null, 2) + "\n");
