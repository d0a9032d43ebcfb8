// scripts/demo-trading.ts (run by `make localnet`) against the e2e node: it clears one BTC-USD trade using only the
// public SDK API. Fresh accounts named like the localnet's traders keep every other test file's state untouched.
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import type { LocalnetState } from "@clearchain/client";
import { runTradingDemo } from "../scripts/demo-trading";
import { loadNet, key, signingClient } from "./support/net";

const net = loadNet();

test("the trading demo settles its trade through the public SDK API", async () => {
  const faucet = await signingClient(net, "faucet");
  const keys: { name: string; address: string; mnemonic: string }[] = [];
  try {
    for (const name of ["trader1", "trader2", "trader3"]) {
      const w = await DirectSecp256k1HdWallet.generate(24, { prefix: "clear" });
      const [{ address }] = await w.getAccounts();
      await faucet.sendTokens(key(net, "faucet").address, address, [{ denom: "uclear", amount: "10000000" }, { denom: "uusdc", amount: "20000000000" }], "auto");
      keys.push({ name, address, mnemonic: w.mnemonic });
    }
  } finally {
    faucet.disconnect();
  }
  const state: LocalnetState = { chain_id: net.chain_id, nodes: net.nodes, keys };
  const lines: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  try {
    await runTradingDemo(state);
  } finally {
    log.mockRestore();
  }
  const submitted = lines.find((l) => l.includes("submitted by trader3"));
  expect(submitted).toMatch(/settled 1\/1 fill of 0\.05 BTC @ \d+(\.\d+)?$/);
  expect(lines.filter((l) => l.includes("after")).join("\n")).toMatch(/BTC-USD -?0\.05 @/);
});
