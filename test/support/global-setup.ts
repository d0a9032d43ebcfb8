// Starts one real single-validator node (with its price-feeder) for the end-to-end suite: a fresh temp home, free
// loopback ports, chain-id clearchain-e2e, funded keys with mnemonics in build/e2e/node.json, logs in build/e2e/.
// Every wait is bounded; on failure everything started here is stopped again before the error is thrown.
import { execFile, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createNet, NetInfo, startFeeder, startNode, waitForHeight } from "./chain";
import { BINARY, E2E_DIR, FEEDER, FEEDER_LOG, NODE_JSON, NODE_LOG, PID_REGISTRY, ROOT_ENV } from "./paths";
import { findFreeRange, PID_REGISTRY_ENV, sweepRegistry, tail, waitFor } from "./process";
import { writeNodeFile } from "./state";

/**
 * E2E_ACCOUNTS are funded in genesis with 1,000,000 CLEAR and 1,000,000 USDC each (plus validator0). Test files run in
 * any order against the same chain: a test that asserts absolute state uses accounts no other file touches
 * (foundation: alice, bob, queue; restart: restart; trading: dave, frank, grace; sdk-trading: carol, erin, mallory;
 * clearing-security: ivan, judy, oscar, peggy, wash; hostile-inputs: hostile).
 */
export const E2E_ACCOUNTS = ["faucet", "alice", "bob", "carol", "dave", "erin", "frank", "grace", "mallory", "queue", "restart",
  "ivan", "judy", "oscar", "peggy", "wash", "hostile"];

export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  for (const f of [BINARY, FEEDER]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run 'make build' first`);
  }
  fs.mkdirSync(E2E_DIR, { recursive: true });
  // A previous run that was killed hard may have left processes: stop those still matching their recorded command.
  await sweepRegistry(PID_REGISTRY);
  fs.writeFileSync(PID_REGISTRY, "");
  for (const f of [NODE_JSON, NODE_LOG, FEEDER_LOG]) fs.rmSync(f, { force: true });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "clearchain-e2e-"));
  process.env[ROOT_ENV] = root;
  process.env[PID_REGISTRY_ENV] = PID_REGISTRY;
  const watchdog = spawn(process.execPath, [path.join(__dirname, "watchdog.js"), String(process.pid), PID_REGISTRY, root],
    { detached: true, stdio: "ignore" });
  watchdog.unref();
  process.env.CLEARCHAIN_E2E_WATCHDOG = String(watchdog.pid);

  let net: NetInfo | undefined;
  try {
    const base = await findFreeRange(10);
    net = await createNet({ dir: path.join(root, "net"), chainId: "clearchain-e2e", validators: 1, basePort: base, accounts: E2E_ACCOUNTS });
    await importKeys(net);
    startFeeder(net.nodes[0], ["synthetic:42"], [], FEEDER_LOG);
    startNode(net.nodes[0], NODE_LOG);
    writeNodeFile(net);
    await waitForHeight(net.nodes[0].rpc, 2, 90_000);
    await waitFor("the REST API", async () => (await fetch(`${net!.nodes[0].api}/clearchain/clearing/v1/params`, { signal: AbortSignal.timeout(3_000) })).ok, 30_000);
    console.log(`\ne2e node up in ${Date.now() - t0} ms: rpc ${net.nodes[0].rpc}, home ${net.nodes[0].home}, log ${NODE_LOG}`);
  } catch (e) {
    await sweepRegistry(PID_REGISTRY);
    if (!process.env.E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`e2e node failed to start: ${e instanceof Error ? e.message : String(e)}\n--- ${NODE_LOG} (tail) ---\n${tail(NODE_LOG)}`);
  }
}

/**
 * importKeys puts every funded account into the node home's test keyring under its name (validator0 is there as
 * "validator"), so the CLI works with `--from alice --keyring-backend test --home <home>`.
 */
async function importKeys(net: NetInfo): Promise<void> {
  const home = net.nodes[0].home;
  await Promise.all(net.keys.filter((k) => !k.name.startsWith("validator")).map((k) => new Promise<void>((resolve, reject) => {
    const child = execFile(BINARY, ["keys", "add", k.name, "--recover", "--keyring-backend", "test", "--home", home, "--output", "json"],
      { timeout: 60_000 }, (err, _out, stderr) => (err ? reject(new Error(`keys add ${k.name}: ${stderr || err.message}`)) : resolve()));
    child.stdin?.end(`${k.mnemonic}\n`);
  })));
}
