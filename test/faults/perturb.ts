// The perturbations, one at a time under load: kill -9 + restart, SIGSTOP 30 s + SIGCONT, cut off from peers +
// reconnected, and all nodes restarted. Each returns a table row with the node's recovery time.
import { sleep } from "../support/process";
import { heights, kill9, pause, resume, start, stopGracefully, waitInSync } from "./cluster";
import { maxHeight, round, Row, Run, waitBlocks } from "./harness";

/** RECOVERY_WAIT_MS bounds how long a recovery is measured (beyond the 20 s limit, so a slow one shows its time). */
const RECOVERY_WAIT_MS = 90_000;

/** aside points the load at node 0, or node 1 when node 0 is the one perturbed (never at the next victim). */
function aside(r: Run, i: number): void {
  r.load.target = i === 0 ? 1 : 0;
}

/** measure fills a row after the perturbation of node i ended at endMs. */
async function measure(r: Run, what: string, i: number, before: number, downMs: number, endMs: number, accepted0: number): Promise<Row> {
  const rec = await waitInSync(r.cluster, i, before, endMs, RECOVERY_WAIT_MS);
  const row: Row = {
    perturbation: what, node: `node${i}`, down_s: round(downMs / 1000), recovery_s: rec === undefined ? null : round(rec),
    height_before: before, height_after: (await heights(r.cluster))[i], trades_during: r.load.accepted.length - accepted0,
  };
  console.log(`${what} node${i}: down ${row.down_s} s, back in sync after ${row.recovery_s ?? "> " + RECOVERY_WAIT_MS / 1000} s`);
  return row;
}

/** killAndRestart kill -9's node i, lets the others make `blocksDown` blocks, then starts it again. */
export async function killAndRestart(r: Run, i: number, blocksDown = 3): Promise<Row> {
  aside(r, i);
  const [before, acc0, t] = [await maxHeight(r), r.load.accepted.length, Date.now()];
  await kill9(r.cluster, i);
  await waitBlocks(r, blocksDown);
  start(r.cluster, i);
  const end = Date.now();
  return measure(r, "kill -9 + restart", i, before, end - t, end, acc0);
}

/** pauseResume SIGSTOPs node i for pauseMs, then SIGCONTs it. */
export async function pauseResume(r: Run, i: number, pauseMs = 30_000): Promise<Row> {
  aside(r, i);
  const [before, acc0, t] = [await maxHeight(r), r.load.accepted.length, Date.now()];
  pause(r.cluster, i);
  await sleep(pauseMs);
  resume(r.cluster, i);
  const end = Date.now();
  return measure(r, `SIGSTOP ${pauseMs / 1000} s + SIGCONT`, i, before, end - t, end, acc0);
}

/**
 * isolateReconnect cuts node i off from every peer (its relays close and refuse), checks the others keep committing
 * while it cannot, then lets it reconnect.
 */
export async function isolateReconnect(r: Run, i: number, cutMs = 20_000): Promise<Row> {
  aside(r, i);
  const [before, acc0, t] = [await maxHeight(r), r.load.accepted.length, Date.now()];
  r.cluster.relays.isolate(i);
  await sleep(2_000);
  const stuckAt = (await heights(r.cluster))[i];
  await sleep(Math.max(0, cutMs - 2_000));
  const during = await heights(r.cluster);
  const othersMax = Math.max(...during.filter((_, j) => j !== i));
  if (during[i] > stuckAt + 1) throw new Error(`node${i} kept committing while cut off (${stuckAt} -> ${during[i]}): the cut does not work`);
  if (othersMax <= before) throw new Error(`the other nodes stopped while node${i} was cut off (height ${before} -> ${othersMax})`);
  r.cluster.relays.reconnect(i);
  const end = Date.now();
  return measure(r, `cut off ${cutMs / 1000} s + reconnect`, i, before, end - t, end, acc0);
}

/** restartAll stops every node with SIGTERM, starts them all again and measures until the slowest is in sync. */
export async function restartAll(r: Run): Promise<Row> {
  const [before, acc0, t] = [await maxHeight(r), r.load.accepted.length, Date.now()];
  const n = r.cluster.net.nodes.length;
  await Promise.all(Array.from({ length: n }, (_, i) => stopGracefully(r.cluster, i)));
  for (let i = 0; i < n; i++) start(r.cluster, i);
  const end = Date.now();
  const recs = await Promise.all(Array.from({ length: n }, (_, i) => waitInSync(r.cluster, i, before, end, RECOVERY_WAIT_MS)));
  const rec = recs.some((x) => x === undefined) ? null : round(Math.max(...(recs as number[])));
  r.load.target = 0;
  const row: Row = { perturbation: "all nodes restarted", node: "all", down_s: round((end - t) / 1000), recovery_s: rec,
    height_before: before, height_after: await maxHeight(r), trades_during: r.load.accepted.length - acc0 };
  console.log(`all nodes restarted: down ${row.down_s} s, all in sync after ${rec ?? "> 90"} s`);
  return row;
}
