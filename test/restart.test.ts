// State survives a node restart: SIGTERM the shared node, start it again on the same home and ports.
import { loadNet, key, restartSharedNode, signingClient } from "./support/net";
import { status } from "./support/chain";
import { isAlive } from "./support/process";

/** blockHash reads the hash of the block at height from CometBFT. */
async function blockHash(rpc: string, height: number): Promise<string> {
  const body = (await (await fetch(`${rpc}/block?height=${height}`)).json()) as { result: { block_id: { hash: string } } };
  return body.result.block_id.hash;
}

test("collateral, balances and history survive a restart of the node", async () => {
  const net = loadNet();
  const node = net.nodes[0];
  const addr = key(net, "restart").address;
  const client = await signingClient(net, "restart");
  const coll0 = BigInt((await client.getSubaccount(addr, 0)).collateral);
  const dep = await client.deposit(addr, 0, 1_234_567n);
  const [collBefore, bankBefore, seqBefore] = [(await client.getSubaccount(addr, 0)).collateral, (await client.getBalance(addr, "uusdc")).amount, await client.getSequence(addr)];
  expect(BigInt(collBefore)).toBe(coll0 + 1_234_567n);
  client.disconnect();
  const heightBefore = (await status(node.rpc)).height;
  const hashBefore = await blockHash(node.rpc, heightBefore);
  const oldPid = node.pid!;

  const { stopped, pid } = await restartSharedNode(net, 3);
  expect(stopped).toBe("terminated"); // exited on SIGTERM within the grace period, not SIGKILLed
  expect(isAlive(oldPid)).toBe(false);
  expect(pid).not.toBe(oldPid);
  expect(loadNet().nodes[0].pid).toBe(pid); // node.json follows the new process (teardown stops it)

  // Same ports (the same rpc URL answers), the chain continued from where it stopped, history intact.
  expect((await status(node.rpc)).height).toBeGreaterThanOrEqual(heightBefore + 3);
  expect(await blockHash(node.rpc, heightBefore)).toBe(hashBefore);
  const again = await signingClient(net, "restart");
  expect((await again.getSubaccount(addr, 0)).collateral).toBe(collBefore);
  expect((await again.getBalance(addr, "uusdc")).amount).toBe(bankBefore);
  expect(await again.getSequence(addr)).toEqual(seqBefore);
  expect((await again.getTx(dep.transactionHash))?.code).toBe(0); // the tx index survived too
  // And the restarted node accepts new transactions.
  await again.deposit(addr, 0, 1n);
  expect(BigInt((await again.getSubaccount(addr, 0)).collateral)).toBe(BigInt(collBefore) + 1n);
  again.disconnect();
});
