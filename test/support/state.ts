// The shared node description (build/e2e/node.json) written by the global setup and read by every test file.
import * as fs from "fs";
import type { NetInfo } from "./chain";
import { NODE_JSON, NODE_LOG } from "./paths";

/**
 * NodeFile is NetInfo plus node0's endpoints at the top level for quick use from a shell:
 * `{chain_id, dir, nodes, keys, rpc, api, grpc, p2p, home, pid, feeder, feeder_pid, log}`.
 */
export type NodeFile = NetInfo & {
  rpc: string;
  api: string;
  grpc: string;
  p2p: string;
  home: string;
  pid?: number;
  feeder: string;
  feeder_pid?: number;
  log: string;
};

/** writeNodeFile writes node.json (call again after a restart changed a pid). */
export function writeNodeFile(net: NetInfo): void {
  const n = net.nodes[0];
  const file: NodeFile = {
    ...net, rpc: n.rpc, api: n.api, grpc: n.grpc, p2p: n.p2p, home: n.home, pid: n.pid, feeder: n.feeder, feeder_pid: n.feeder_pid, log: NODE_LOG,
  };
  fs.writeFileSync(NODE_JSON, JSON.stringify(file, null, 2));
}

/** readNodeFile reads node.json. */
export function readNodeFile(): NodeFile {
  if (!fs.existsSync(NODE_JSON)) throw new Error(`${NODE_JSON} is missing: the e2e global setup did not run`);
  return JSON.parse(fs.readFileSync(NODE_JSON, "utf8")) as NodeFile;
}
