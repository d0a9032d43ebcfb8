// Shared run of the fault and crash harnesses: bring up the cluster and the load, run perturbations, then the final
// checks (app hashes, gaps, inclusion, export invariants, panics), the table and build/bench/<name>.json.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO } from "../support/paths";
import { PID_REGISTRY_ENV, sweepRegistry, waitFor } from "../support/process";
import { checkInclusion, compareChains, exportInvariants } from "./checks";
import { Cluster, createCluster, heights, panicLines, stopCluster, stopGracefully } from "./cluster";
import { LoadGenerator } from "./load";

/** RECOVERY_LIMIT_S is how soon a perturbed node must be back in sync. */
export const RECOVERY_LIMIT_S = 20;

/** Row is one perturbation's outcome. */
export interface Row {
  perturbation: string;
  node: string;
  down_s: number;
  /** seconds from the end of the perturbation until the node was back in sync (null: not within the bound). */
  recovery_s: number | null;
  height_before: number;
  height_after: number;
  trades_during: number;
}

/** Summary is what build/bench/<name>.json holds. */
export interface Summary {
  perturbations: number;
  app_hash_mismatches: number;
  lost_txs: number;
  duplicated_txs: number;
  max_recovery_s: number | null;
  height_gaps: number;
  invariants_broken: string[];
  panics: number;
  accepted_txs: number;
  rejected_txs: number;
  client_errors: number;
  heights_compared: number;
  duration_s: number;
  ok: boolean;
  rows: Row[];
}

/** Run is a live harness run. */
export interface Run {
  cluster: Cluster;
  load: LoadGenerator;
  t0: number;
  rows: Row[];
  registry: string;
  homeRoot: string;
}

/**
 * setup starts a 4-validator cluster under a temp root (in tmpRoot, default the OS temp dir), funds the traders and
 * starts the load. Started processes are recorded in logDir/pids.jsonl, unless ownRegistry is false (the jest suite's
 * registry, swept by its teardown and watchdog, is kept).
 */
export async function setup(name: string, logDir: string, o: { ownRegistry?: boolean; tmpRoot?: string } = {}): Promise<Run> {
  const t0 = Date.now();
  fs.mkdirSync(logDir, { recursive: true });
  const registry = o.ownRegistry === false ? process.env[PID_REGISTRY_ENV] ?? "" : path.join(logDir, "pids.jsonl");
  if (o.ownRegistry !== false) {
    await sweepRegistry(registry);
    fs.writeFileSync(registry, "");
    process.env[PID_REGISTRY_ENV] = registry;
  }
  const homeRoot = fs.mkdtempSync(path.join(o.tmpRoot ?? os.tmpdir(), `clearchain-${name}-`));
  const cluster = await createCluster({ dir: path.join(homeRoot, "net"), logDir, chainId: `clearchain-${name}` });
  const load = new LoadGenerator(cluster.net);
  await load.fund();
  load.start();
  if (!(await load.waitAccepted(2, 90_000))) throw new Error("the load generator got no trade accepted within 90 s");
  return { cluster, load, t0, rows: [], registry, homeRoot };
}

/** maxHeight is the highest height any node reports. */
export async function maxHeight(r: Run): Promise<number> {
  return Math.max(...(await heights(r.cluster)));
}

/** waitBlocks waits (bounded) until the highest node has produced n more blocks. */
export async function waitBlocks(r: Run, n: number, timeoutMs = 60_000): Promise<number> {
  const h = await maxHeight(r);
  return waitFor(`${n} more blocks`, async () => {
    const m = await maxHeight(r);
    return m >= h + n ? m : undefined;
  }, timeoutMs, 200);
}

/** finish stops the load, checks the chain, exports node 3 for the invariants, stops everything and summarises. */
export async function finish(r: Run, name: string): Promise<Summary> {
  await r.load.waitAccepted(2, 60_000);
  await r.load.stop();
  const top = await maxHeight(r);
  await waitFor("every node at the same height", async () => Math.min(...(await heights(r.cluster))) >= top + 1, 60_000, 300);
  const rpcs = r.cluster.net.nodes.map((n) => n.rpc);
  const cmp = await compareChains(rpcs);
  const inc = await checkInclusion(rpcs[0], cmp.metas, r.load.accepted);
  const last = r.cluster.net.nodes.length - 1;
  await stopGracefully(r.cluster, last);
  let invariants: string[];
  try {
    const inv = await exportInvariants(r.cluster.net.nodes[last].home, path.join(r.homeRoot, "export.json"));
    invariants = inv.broken;
    console.log(`export of node${last} at height ${inv.height}: ${inv.subaccounts} subaccounts, invariants ${inv.broken.length ? "BROKEN" : "hold"}`);
  } catch (e) {
    invariants = [`export failed: ${e instanceof Error ? e.message : String(e)}`];
  }
  await stopCluster(r.cluster);
  const panics = panicLines(r.cluster);
  for (const p of panics.slice(0, 20)) console.error(`PANIC ${p}`);
  const recoveries = r.rows.map((x) => x.recovery_s);
  const maxRecovery = recoveries.some((x) => x === null) ? null : Math.max(0, ...(recoveries as number[]));
  const gaps = cmp.gaps.reduce((a, g) => a + g.length, 0);
  const s: Summary = {
    perturbations: r.rows.length,
    app_hash_mismatches: cmp.appHashMismatches.length,
    lost_txs: inc.lost.length,
    duplicated_txs: inc.duplicated.length,
    max_recovery_s: maxRecovery === null ? null : round(maxRecovery),
    height_gaps: gaps,
    invariants_broken: invariants,
    panics: panics.length,
    accepted_txs: r.load.accepted.length,
    rejected_txs: r.load.rejected,
    client_errors: r.load.errors,
    heights_compared: cmp.commonHeight,
    duration_s: round((Date.now() - r.t0) / 1000),
    ok: false,
    rows: r.rows,
  };
  s.ok = s.app_hash_mismatches === 0 && s.lost_txs === 0 && s.duplicated_txs === 0 && gaps === 0 && invariants.length === 0 &&
    s.panics === 0 && maxRecovery !== null && maxRecovery <= RECOVERY_LIMIT_S && s.accepted_txs > 0;
  if (cmp.appHashMismatches.length) console.error(`app hash mismatches at heights ${cmp.appHashMismatches.slice(0, 20).join(", ")}`);
  if (inc.lost.length) console.error(`lost txs: ${inc.lost.slice(0, 10).join(", ")}`);
  report(name, s);
  return s;
}

/** round keeps two decimals. */
export const round = (x: number) => Math.round(x * 100) / 100;

/** report prints the per-perturbation table and the BENCH line, and writes build/bench/<name>.json. */
export function report(name: string, s: Summary): void {
  const cols: (keyof Row)[] = ["perturbation", "node", "down_s", "recovery_s", "height_before", "height_after", "trades_during"];
  const widths = cols.map((c) => Math.max(c.length, ...s.rows.map((r) => String(r[c] ?? "-").length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i])).join("  ");
  console.log(`\n${line(cols as string[])}`);
  for (const r of s.rows) console.log(line(cols.map((c) => String(r[c] ?? "-"))));
  console.log(`\nBENCH ${name} perturbations=${s.perturbations} app_hash_mismatches=${s.app_hash_mismatches} lost_txs=${s.lost_txs} ` +
    `max_recovery_s=${s.max_recovery_s} duplicated_txs=${s.duplicated_txs} height_gaps=${s.height_gaps} panics=${s.panics} ` +
    `invariants_broken=${s.invariants_broken.length} accepted_txs=${s.accepted_txs} heights_compared=${s.heights_compared} duration_s=${s.duration_s} ok=${s.ok}`);
  const dir = process.env.CLEARCHAIN_BENCH_DIR ?? path.join(REPO, "build", "bench");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(s, null, 2)}\n`);
}

/** cleanup stops whatever the run started (bounded) and removes the homes unless FAULTS_KEEP=1. */
export async function cleanup(r: Run | undefined, registry?: string): Promise<void> {
  if (r) await r.load.stop().catch(() => undefined);
  if (r) await stopCluster(r.cluster).catch(() => undefined);
  if (registry) await sweepRegistry(registry).catch(() => []);
  if (r && !process.env.FAULTS_KEEP) fs.rmSync(r.homeRoot, { recursive: true, force: true });
}

/** main wraps a harness: overall deadline, signal handling, cleanup and the exit code. */
export function main(name: string, limitMs: number, body: (logDir: string, setRun: (r: Run) => void) => Promise<Summary>): void {
  const logDir = process.env.FAULTS_LOG_DIR ?? path.join(REPO, "build", name);
  const registry = path.join(logDir, "pids.jsonl");
  let run: Run | undefined;
  const bail = async (why: string, code: number) => {
    console.error(`${name}: ${why}`);
    await cleanup(run, registry);
    process.exit(code);
  };
  const timer = setTimeout(() => void bail(`deadline of ${limitMs / 1000} s passed`, 3), limitMs);
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void bail(`got ${sig}`, 130));
  body(logDir, (r) => (run = r)).then(async (s) => {
    clearTimeout(timer);
    await cleanup(run, registry);
    console.log(`${name}: ${s.ok ? "PASS" : "FAIL"} (logs in ${logDir})`);
    process.exit(s.ok ? 0 : 1);
  }, (e) => {
    clearTimeout(timer);
    void bail(`failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`, 1);
  });
}
