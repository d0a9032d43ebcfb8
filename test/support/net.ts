// Access to the shared e2e node for test files.
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { SigningClearchainClient, ClearchainClient } from "@clearchain/client";
import { KeyInfo, NetInfo, restartNode, RestartResult } from "./chain";
import { NODE_LOG } from "./paths";
import { readNodeFile, writeNodeFile } from "./state";

/** loadNet reads the shared node description written by global-setup. */
export function loadNet(): NetInfo {
  return readNodeFile();
}

/** saveNet writes it back (after a restart changed a pid). */
export function saveNet(net: NetInfo): void {
  writeNodeFile(net);
}

/**
 * restartSharedNode stops the shared node with SIGTERM, starts it again on the same home and ports (log appended to
 * build/e2e/node.log), records the new pid in node.json and waits for `blocks` new blocks.
 */
export async function restartSharedNode(net: NetInfo, blocks = 2): Promise<RestartResult> {
  try {
    return await restartNode(net.nodes[0], { logFile: NODE_LOG, blocks });
  } finally {
    saveNet(net);
  }
}

/** key returns a named funded key. */
export function key(net: NetInfo, name: string): KeyInfo {
  const k = net.keys.find((x) => x.name === name);
  if (!k) throw new Error(`no key ${name}`);
  return k;
}

/** wallet derives the key's CosmJS signer. */
export function wallet(k: KeyInfo): Promise<DirectSecp256k1HdWallet> {
  return DirectSecp256k1HdWallet.fromMnemonic(k.mnemonic, { prefix: "clear" });
}

/** signingClient connects a signing client for a named key to the shared node. */
export async function signingClient(net: NetInfo, name: string): Promise<SigningClearchainClient> {
  return SigningClearchainClient.connectWithSigner(net.nodes[0].rpc, await wallet(key(net, name)));
}

/** queryClient connects a read-only client to the shared node. */
export function queryClient(net: NetInfo): Promise<ClearchainClient> {
  return ClearchainClient.connect(net.nodes[0].rpc);
}
