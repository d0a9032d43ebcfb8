// State survives a node restart.
import { loadNet, key, saveNet, signingClient } from "./support/net";
import { startNode, stopNode, waitForHeight, status } from "./support/chain";

test("collateral survives a restart of the node", async () => {
  const net = loadNet();
  const node = net.nodes[0];
  const erin = await signingClient(net, "erin");
  const addr = key(net, "erin").address;
  await erin.deposit(addr, 0, 1_234_567n);
  erin.disconnect();
  const heightBefore = (await status(node.rpc)).height;

  await stopNode(node);
  startNode(node);
  saveNet(net);
  await waitForHeight(node.rpc, heightBefore + 2, 90_000);

  const again = await signingClient(net, "erin");
  expect((await again.getSubaccount(addr, 0)).collateral).toBe("1234567");
  again.disconnect();
});
