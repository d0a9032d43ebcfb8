// A 4-validator loopback network for the fault and crash harnesses: node homes from test/support/chain.ts, peer links
// through PeerRelays (so a node can be cut off), one price-feeder per node, and signals (kill -9, SIGSTOP/SIGCONT,
// SIGTERM restart) sent by pid to processes this harness started, never by name.
import * as fs from "fs";
import * as path from "path";
import { createNet, NetInfo, NodeInfo, startFeeder, startNode, status, stopNet, stopNode } from "../support/chain";
import { findFreeRange, isAlive, sleep, waitFor } from "../support/process";
import { PeerRelays } from "./proxy";

/** Cluster is a running network with its relays and log directory. */
export interface Cluster {
  net: NetInfo;
  relays: PeerRelays;
  logDir: string;
  /** paused nodes (SIGSTOP'd), resumed before any stop. */
  paused: Set<number>;
}

/** ACCOUNTS are funded in genesis for the load generator: a venue that submits and two traders. */
export const ACCOUNTS = ["venue", "traderA", "traderB"];

/** nodeLog is node i's log file (appended across restarts). */
export const nodeLog = (c: Cluster, i: number) => path.join(c.logDir, `node${i}.log`);

/**
 * createCluster writes a 4-validator network under dir, routes every persistent-peer link through a relay and
 * disables PEX (so nodes only ever reach each other through the relays), then starts feeders and nodes and waits for
 * height 3 (bounded).
 */
export async function createCluster(o: { dir: string; logDir: string; chainId: string; validators?: number }): Promise<Cluster> {
  const n = o.validators ?? 4;
  fs.mkdirSync(o.logDir, { recursive: true });
  for (let i = 0; i < n; i++) for (const f of [`node${i}.log`, `feeder${i}.log`]) fs.rmSync(path.join(o.logDir, f), { force: true });
  const base = await findFreeRange(10 * n);
  const net = await createNet({ dir: o.dir, chainId: o.chainId, validators: n, basePort: base, accounts: ACCOUNTS });
  const relayBase = await findFreeRange(n * n);
  const relays = new PeerRelays();
  const p2pPort = (node: NodeInfo) => Number(node.p2p.split(":").pop());
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) if (a !== b) await relays.add(a, b, relayBase + a * n + b, p2pPort(net.nodes[b]));
  }
  const cluster: Cluster = { net, relays, logDir: o.logDir, paused: new Set() };
  for (let a = 0; a < n; a++) rewirePeers(cluster, a);
  for (let i = 0; i < n; i++) startFeeder(net.nodes[i], undefined, undefined, path.join(o.logDir, `feeder${i}.log`));
  for (let i = 0; i < n; i++) startNode(net.nodes[i], nodeLog(cluster, i));
  await waitFor("height 3 on every node", async () => (await heights(cluster)).every((h) => h >= 3), 180_000, 500);
  return cluster;
}

/** rewirePeers points node a's persistent peers at the relays and turns PEX off in its config.toml. */
function rewirePeers(c: Cluster, a: number): void {
  const file = path.join(c.net.nodes[a].home, "config", "config.toml");
  let toml = fs.readFileSync(file, "utf8");
  const m = /^persistent_peers = "([^"]*)"$/m.exec(toml);
  if (!m) throw new Error(`${file}: no persistent_peers line`);
  const ports = c.net.nodes.map((node) => Number(node.p2p.split(":").pop()));
  const peers = m[1].split(",").filter(Boolean).map((entry) => {
    const [id, addr] = entry.split("@");
    const b = ports.indexOf(Number(addr.split(":").pop()));
    if (b < 0) throw new Error(`${file}: unknown peer ${entry}`);
    return `${id}@127.0.0.1:${c.relays.port(a, b)}`;
  });
  toml = toml.replace(m[0], `persistent_peers = "${peers.join(",")}"`).replace(/^pex = true$/m, "pex = false");
  fs.writeFileSync(file, toml);
}

/** heights reads every node's latest height (-1 for a node that does not answer). */
export async function heights(c: Cluster): Promise<number[]> {
  return Promise.all(c.net.nodes.map(async (node) => {
    try {
      return (await status(node.rpc)).height;
    } catch {
      return -1;
    }
  }));
}

/** kill9 sends SIGKILL to node i and waits until the process is gone. */
export async function kill9(c: Cluster, i: number): Promise<void> {
  const pid = c.net.nodes[i].pid;
  if (!pid) throw new Error(`node${i} is not running`);
  process.kill(pid, "SIGKILL");
  await waitFor(`node${i} (pid ${pid}) to die`, async () => !isAlive(pid), 10_000, 50);
  c.net.nodes[i].pid = undefined;
}

/** start starts node i again on its home, appending to its log. */
export function start(c: Cluster, i: number): number {
  return startNode(c.net.nodes[i], nodeLog(c, i));
}

/** pause sends SIGSTOP to node i. */
export function pause(c: Cluster, i: number): void {
  process.kill(c.net.nodes[i].pid!, "SIGSTOP");
  c.paused.add(i);
}

/** resume sends SIGCONT to node i. */
export function resume(c: Cluster, i: number): void {
  if (c.net.nodes[i].pid) process.kill(c.net.nodes[i].pid!, "SIGCONT");
  c.paused.delete(i);
}

/** stopGracefully stops node i with SIGTERM (SIGKILL after 15 s). */
export async function stopGracefully(c: Cluster, i: number): Promise<void> {
  if (c.paused.has(i)) resume(c, i);
  await stopNode(c.net.nodes[i], 15_000);
}

/**
 * waitInSync waits (bounded by timeoutMs) until node i answers, is not catching up, has passed minHeight and is within
 * one block of the highest other node; returns the seconds it took since `sinceMs`, or undefined on timeout.
 */
export async function waitInSync(c: Cluster, i: number, minHeight: number, sinceMs: number, timeoutMs: number): Promise<number | undefined> {
  const deadline = sinceMs + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${c.net.nodes[i].rpc}/status`, { signal: AbortSignal.timeout(3_000) });
      const body = (await res.json()) as { result: { sync_info: { latest_block_height: string; catching_up: boolean } } };
      const h = Number(body.result.sync_info.latest_block_height);
      const others = (await heights(c)).filter((_, j) => j !== i);
      if (!body.result.sync_info.catching_up && h > minHeight && h >= Math.max(...others) - 1) return (Date.now() - sinceMs) / 1000;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  return undefined;
}

/** panicLines returns every log line of the cluster's nodes that mentions a panic. */
export function panicLines(c: Cluster): string[] {
  const out: string[] = [];
  for (let i = 0; i < c.net.nodes.length; i++) {
    let text = "";
    try {
      text = fs.readFileSync(nodeLog(c, i), "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n")) if (/panic/i.test(line)) out.push(`node${i}: ${line.slice(0, 300)}`);
  }
  return out;
}

/** stopCluster resumes paused nodes, stops every node and feeder and closes the relays (bounded). */
export async function stopCluster(c: Cluster): Promise<void> {
  for (const i of [...c.paused]) resume(c, i);
  await stopNet(c.net);
  await c.relays.close();
}
