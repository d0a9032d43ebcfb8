// Stops the shared node and feeder started by global-setup.ts (pids are read back from node.json, which tests update
// when they restart the node), then anything else the suite started that is still running (pid registry), the
// watchdog, and removes the temp root with the node homes (kept when E2E_KEEP=1). Logs stay in build/e2e/.
import * as fs from "fs";
import { stopNet } from "./chain";
import { NODE_JSON, PID_REGISTRY, ROOT_ENV } from "./paths";
import { stopPid, sweepRegistry } from "./process";
import { readNodeFile } from "./state";

export default async function globalTeardown(): Promise<void> {
  if (fs.existsSync(NODE_JSON)) await stopNet(readNodeFile());
  const leftovers = await sweepRegistry(PID_REGISTRY);
  if (leftovers.length) console.warn(`e2e teardown: stopped leftover processes ${leftovers.join(", ")}`);
  await stopPid(Number(process.env.CLEARCHAIN_E2E_WATCHDOG) || undefined, 2_000);
  const root = process.env[ROOT_ENV];
  if (root && !process.env.E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
}
