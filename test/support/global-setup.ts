// Starts one real single-validator node (with its price-feeder) for the end-to-end suite.
import * as fs from "fs";
import * as path from "path";
import { createNet, startFeeder, startNode, waitForHeight } from "./chain";
import { BINARY, E2E_DIR, FEEDER, NODE_JSON } from "./paths";
import { findFreeRange } from "./process";

export default async function globalSetup(): Promise<void> {
  for (const f of [BINARY, FEEDER]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run 'make build' first`);
  }
  fs.mkdirSync(E2E_DIR, { recursive: true });
  const base = await findFreeRange(10);
  const net = await createNet({
    dir: path.join(E2E_DIR, "net"), chainId: "clearchain-e2e", validators: 1, basePort: base,
    accounts: ["faucet", "alice", "bob", "carol", "dave", "erin", "frank", "grace", "mallory", "queue"],
  });
  startFeeder(net.nodes[0]);
  startNode(net.nodes[0]);
  fs.writeFileSync(NODE_JSON, JSON.stringify(net, null, 2));
  await waitForHeight(net.nodes[0].rpc, 3, 90_000);
}
