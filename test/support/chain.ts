// Creates, starts and stops real clearchaind networks on 127.0.0.1 for the end-to-end tests and the localnet.
import * as fs from "fs";
import * as path from "path";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { BINARY, FEEDER } from "./paths";
import { run, startDetached, stopPid, StopResult, waitFor } from "./process";

/** NodeInfo describes one validator node. */
export interface NodeInfo {
  name: string;
  home: string;
  rpc: string;
  api: string;
  grpc: string;
  p2p: string;
  pid?: number;
  feeder: string;
  feeder_pid?: number;
}

/** KeyInfo is a funded account with its mnemonic. */
export interface KeyInfo {
  name: string;
  address: string;
  mnemonic: string;
}

/** NetInfo is a whole network. */
export interface NetInfo {
  chain_id: string;
  dir: string;
  nodes: NodeInfo[];
  keys: KeyInfo[];
}

/** PORT_STRIDE is the port distance between nodes (testnet init-files --port-stride). */
export const PORT_STRIDE = 10;

/** CreateNetOptions configures createNet. */
export interface CreateNetOptions {
  dir: string;
  chainId: string;
  validators: number;
  basePort: number;
  accounts: string[];
  /** coins given to every extra account. */
  coins?: string;
}

/** createNet writes node homes with `clearchaind testnet init-files`, adds funded accounts and shares the genesis. */
export async function createNet(o: CreateNetOptions): Promise<NetInfo> {
  fs.rmSync(o.dir, { recursive: true, force: true });
  fs.mkdirSync(o.dir, { recursive: true });
  run(BINARY, ["testnet", "init-files", "--v", String(o.validators), "--output-dir", o.dir, "--chain-id", o.chainId,
    "--starting-port", String(o.basePort), "--port-stride", String(PORT_STRIDE)]);
  const home0 = path.join(o.dir, "node0");
  const keys: KeyInfo[] = [];
  for (let i = 0; i < o.validators; i++) {
    const seed = JSON.parse(fs.readFileSync(path.join(o.dir, `node${i}`, "key_seed.json"), "utf8"));
    keys.push({ name: `validator${i}`, address: seed.address, mnemonic: seed.mnemonic });
  }
  for (const name of o.accounts) {
    const wallet = await DirectSecp256k1HdWallet.generate(24, { prefix: "clear" });
    const [acc] = await wallet.getAccounts();
    run(BINARY, ["genesis", "add-genesis-account", acc.address, o.coins ?? "1000000000000uclear,1000000000000uusdc", "--home", home0]);
    keys.push({ name, address: acc.address, mnemonic: wallet.mnemonic });
  }
  run(BINARY, ["genesis", "validate", "--home", home0]);
  const genesis = fs.readFileSync(path.join(home0, "config", "genesis.json"));
  const nodes: NodeInfo[] = [];
  for (let i = 0; i < o.validators; i++) {
    const home = path.join(o.dir, `node${i}`);
    fs.writeFileSync(path.join(home, "config", "genesis.json"), genesis);
    const b = o.basePort + PORT_STRIDE * i;
    nodes.push({
      name: `node${i}`, home, p2p: `tcp://127.0.0.1:${b}`, rpc: `http://127.0.0.1:${b + 1}`, api: `http://127.0.0.1:${b + 2}`,
      grpc: `127.0.0.1:${b + 3}`, feeder: `http://127.0.0.1:${b + 5}`,
    });
  }
  return { chain_id: o.chainId, dir: o.dir, nodes, keys };
}

/** startNode starts clearchaind for node in the background, appending to logFile (default <home>/node.log). */
export function startNode(node: NodeInfo, logFile = path.join(node.home, "node.log")): number {
  node.pid = startDetached(BINARY, ["start", "--home", node.home, "--log_level", "info", "--log_no_color"], logFile);
  return node.pid;
}

/** stopNode stops the node process (SIGTERM, SIGKILL after graceMs); tells whether it exited on SIGTERM. */
export async function stopNode(node: NodeInfo, graceMs = 10_000): Promise<StopResult> {
  const how = await stopPid(node.pid, graceMs);
  node.pid = undefined;
  return how;
}

/** RestartResult tells how the old process ended and the new pid. */
export interface RestartResult {
  stopped: StopResult;
  pid: number;
}

/**
 * restartNode stops the node with SIGTERM and starts it again on the same home (so the same ports), then waits until
 * it has committed `blocks` new blocks past the height it had before the stop. node.pid is updated in place.
 */
export async function restartNode(node: NodeInfo, o: { logFile?: string; blocks?: number; timeoutMs?: number } = {}): Promise<RestartResult> {
  const before = (await status(node.rpc)).height;
  const stopped = await stopNode(node);
  const pid = startNode(node, o.logFile);
  await waitForHeight(node.rpc, before + (o.blocks ?? 2), o.timeoutMs ?? 90_000);
  return { stopped, pid };
}

/** startFeeder starts the node's clearchain-feeder with the given sources (default synthetic:42), logging to logFile. */
export function startFeeder(node: NodeInfo, sources: string[] = ["synthetic:42"], extra: string[] = [],
  logFile = path.join(node.home, "feeder.log")): number {
  const listen = node.feeder.replace("http://", "");
  const args = [FEEDER, "--listen", listen, "--interval-ms", "250", ...sources.flatMap((s) => ["--source", s]), ...extra];
  node.feeder_pid = startDetached(process.execPath, args, logFile);
  return node.feeder_pid;
}

/** stopFeeder stops the node's feeder. */
export async function stopFeeder(node: NodeInfo): Promise<void> {
  await stopPid(node.feeder_pid, 3_000);
  node.feeder_pid = undefined;
}

/** status reads CometBFT /status. */
export async function status(rpc: string): Promise<{ height: number; time: string }> {
  const res = await fetch(`${rpc}/status`, { signal: AbortSignal.timeout(5_000) });
  const body = (await res.json()) as { result: { sync_info: { latest_block_height: string; latest_block_time: string } } };
  return { height: Number(body.result.sync_info.latest_block_height), time: body.result.sync_info.latest_block_time };
}

/** waitForHeight waits until the node reports at least height. */
export async function waitForHeight(rpc: string, height: number, timeoutMs = 60_000): Promise<number> {
  return waitFor(`height ${height} at ${rpc}`, async () => {
    const s = await status(rpc);
    return s.height >= height ? s.height : undefined;
  }, timeoutMs);
}

/** stopNet stops every node and feeder of a network. */
export async function stopNet(net: NetInfo): Promise<void> {
  await Promise.all(net.nodes.map(async (n) => {
    await stopFeeder(n);
    await stopNode(n);
  }));
}
