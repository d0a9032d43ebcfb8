// Stops the shared node and feeder started by global-setup.ts (pids are read back from node.json, which tests
// update when they restart the node).
import * as fs from "fs";
import { NetInfo, stopNet } from "./chain";
import { NODE_JSON } from "./paths";

export default async function globalTeardown(): Promise<void> {
  if (!fs.existsSync(NODE_JSON)) return;
  const net = JSON.parse(fs.readFileSync(NODE_JSON, "utf8")) as NetInfo;
  await stopNet(net);
}
