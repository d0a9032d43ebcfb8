// Access to the shared e2e node for test files.
import * as fs from "fs";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { SigningClearchainClient, ClearchainClient } from "@clearchain/client";
import { KeyInfo, NetInfo } from "./chain";
import { NODE_JSON } from "./paths";

/** loadNet reads the shared node description written by global-setup. */
export function loadNet(): NetInfo {
  return JSON.parse(fs.readFileSync(NODE_JSON, "utf8")) as NetInfo;
}

/** saveNet writes it back (after a restart changed a pid). */
export function saveNet(net: NetInfo): void {
  fs.writeFileSync(NODE_JSON, JSON.stringify(net, null, 2));
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
