// `make crash`: kill -9 one validator (node3) of a 4-validator loopback network at seeded random points, CRASH_KILLS
// times (default 20), under steady SDK trades; node0 is never touched and is the replica every restart is compared
// with. Each restart must be back in sync within 20 s with the replica's app hash at every common height. Prints a
// table and writes build/bench/crash.json. Seed: CRASH_SEED (default 1). Bounded: 20 minutes overall.
import { compareChains } from "./checks";
import { heights, kill9, start, waitInSync } from "./cluster";
import { finish, main, round, setup } from "./harness";
import { sleep } from "../support/process";

/** mulberry32 is a small seeded PRNG (the kill points are reproducible from the seed). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KILLS = Math.min(50, Number(process.env.CRASH_KILLS ?? 20));
const SEED = Number(process.env.CRASH_SEED ?? 1);
const VICTIM = 3;

main("crash", 19 * 60_000, async (logDir, setRun) => {
  const r = await setup("crash", logDir);
  setRun(r);
  const rand = mulberry32(SEED);
  console.log(`cluster up; killing node${VICTIM} ${KILLS} times (seed ${SEED}), node0 is the untouched replica`);
  const budgetEnd = r.t0 + 15 * 60_000;
  let mismatches = 0;
  for (let k = 1; k <= KILLS && Date.now() < budgetEnd; k++) {
    // A random point: 0.3-6 s after the node was back in sync (anywhere in a block's execute/commit/persist cycle),
    // and a random downtime of 0-3 s before the restart.
    const runMs = 300 + Math.floor(rand() * 5_700);
    const downMs = Math.floor(rand() * 3_000);
    await sleep(runMs);
    const [before, acc0] = [(await heights(r.cluster))[VICTIM], r.load.accepted.length];
    const t = Date.now();
    await kill9(r.cluster, VICTIM);
    await sleep(downMs);
    start(r.cluster, VICTIM);
    const end = Date.now();
    const rec = await waitInSync(r.cluster, VICTIM, before, end, 90_000);
    // The restarted node against the replica at every common height since just before the kill.
    const cmp = await compareChains([r.cluster.net.nodes[0].rpc, r.cluster.net.nodes[VICTIM].rpc], Math.max(1, before - 5));
    mismatches += cmp.appHashMismatches.length;
    r.rows.push({ perturbation: `kill -9 #${k} after ${runMs} ms`, node: `node${VICTIM}`, down_s: round((end - t) / 1000),
      recovery_s: rec === undefined ? null : round(rec), height_before: before, height_after: (await heights(r.cluster))[VICTIM],
      trades_during: r.load.accepted.length - acc0 });
    console.log(`kill #${k}: at height ${before} after ${runMs} ms, down ${downMs} ms, in sync after ${rec === undefined ? "> 90" : round(rec)} s, ` +
      `${cmp.appHashMismatches.length} mismatches over heights ${Math.max(1, before - 5)}..${cmp.commonHeight}`);
    if (rec === undefined) break;
  }
  const s = await finish(r, "crash");
  if (mismatches > 0 && s.app_hash_mismatches === 0) console.error(`${mismatches} per-kill mismatches were seen during the run`);
  return s;
});
