// The standard Cosmos SDK path a new operator takes, without `testnet init-files`: init, keys add, add-genesis-account,
// gentx, collect-gentxs, validate, start — on kernel-chosen free loopback ports — then a deposit through the SDK.
import { SigningClearchainClient } from "@clearchain/client";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NodeInfo, startNode, status, stopNode, waitForHeight } from "./support/chain";
import { BINARY, E2E_DIR, ROOT_ENV } from "./support/paths";
import { freePort, run, waitFor } from "./support/process";

/** setToml sets `key = value` inside [section] of a TOML file (the key must already exist there). */
function setToml(file: string, section: string, key: string, value: string): void {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  let current = "";
  let done = false;
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(lines[i]);
    if (header) current = header[1];
    else if (current === section && new RegExp(`^\\s*${key.replace(/[.-]/g, "\\$&")}\\s*=`).test(lines[i])) {
      lines[i] = `${key} = ${value}`;
      done = true;
      break;
    }
  }
  if (!done) throw new Error(`${path.basename(file)}: no key ${key} in [${section || "top level"}]`);
  fs.writeFileSync(file, lines.join("\n"));
}

const CHAIN_ID = "clearchain-genesis-flow";
let home: string;
let node: NodeInfo | undefined;

afterAll(async () => {
  if (node) await stopNode(node);
});

test("init → keys add → add-genesis-account → gentx → collect-gentxs → validate → start produces blocks and takes a deposit", async () => {
  home = path.join(process.env[ROOT_ENV] ?? fs.mkdtempSync(path.join(os.tmpdir(), "clearchain-gf-")), "genesis-flow");
  fs.rmSync(home, { recursive: true, force: true });
  const cli = (...args: string[]) => run(BINARY, [...args, "--home", home]);

  cli("init", "gf-node", "--chain-id", CHAIN_ID, "--default-denom", "uclear");
  const genesis0 = JSON.parse(fs.readFileSync(path.join(home, "config", "genesis.json"), "utf8"));
  expect(genesis0.chain_id).toBe(CHAIN_ID);
  expect(genesis0.app_state.staking.params.bond_denom).toBe("uclear");

  const keys: Record<string, { address: string; mnemonic: string }> = {};
  for (const name of ["validator", "trader"]) {
    const out = JSON.parse(cli("keys", "add", name, "--keyring-backend", "test", "--output", "json"));
    expect(out.address).toMatch(/^clear1[02-9ac-hj-np-z]{38}$/);
    expect(out.mnemonic.split(" ")).toHaveLength(24);
    keys[name] = { address: out.address, mnemonic: out.mnemonic };
    cli("genesis", "add-genesis-account", out.address, "1000000000000uclear,1000000000000uusdc", "--keyring-backend", "test");
  }
  cli("genesis", "gentx", "validator", "1000000000uclear", "--chain-id", CHAIN_ID, "--keyring-backend", "test");
  cli("genesis", "collect-gentxs");
  cli("genesis", "validate");

  // Every listener on a free loopback port; no feeder (the price oracle simply has no quorum).
  const [rpc, p2p, api, grpc, pprof, feeder] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  const config = path.join(home, "config", "config.toml");
  const app = path.join(home, "config", "app.toml");
  setToml(config, "rpc", "laddr", `"tcp://127.0.0.1:${rpc}"`);
  setToml(config, "rpc", "pprof_laddr", `"127.0.0.1:${pprof}"`);
  setToml(config, "p2p", "laddr", `"tcp://127.0.0.1:${p2p}"`);
  setToml(config, "consensus", "timeout_commit", `"500ms"`);
  setToml(app, "api", "address", `"tcp://127.0.0.1:${api}"`);
  setToml(app, "grpc", "address", `"127.0.0.1:${grpc}"`);
  setToml(app, "oracle", "feeder-url", `"http://127.0.0.1:${feeder}"`);
  expect(fs.readFileSync(app, "utf8")).toMatch(/^minimum-gas-prices = "0.0025uclear"$/m);

  node = {
    name: "gf-node", home, rpc: `http://127.0.0.1:${rpc}`, api: `http://127.0.0.1:${api}`, grpc: `127.0.0.1:${grpc}`,
    p2p: `tcp://127.0.0.1:${p2p}`, feeder: `http://127.0.0.1:${feeder}`,
  };
  startNode(node, path.join(E2E_DIR, "genesis-flow-node.log"));
  await waitForHeight(node.rpc, 2, 90_000);
  const vals = (await (await fetch(`${node.rpc}/validators`)).json()) as { result: { total: string } };
  expect(vals.result.total).toBe("1");
  await waitFor("the REST API", async () => (await fetch(`${node!.api}/clearchain/clearing/v1/params`)).ok, 30_000);

  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(keys.trader.mnemonic, { prefix: "clear" });
  expect((await wallet.getAccounts())[0].address).toBe(keys.trader.address); // CLI and CosmJS derive the same key
  const client = await SigningClearchainClient.connectWithSigner(node.rpc, wallet);
  await client.deposit(keys.trader.address, 0, 42_000_000n);
  const rest = (await (await fetch(`${node.api}/clearchain/clearing/v1/subaccounts/${keys.trader.address}/0`)).json()) as { collateral: string };
  expect(rest.collateral).toBe("42000000");
  client.disconnect();

  const h = (await status(node.rpc)).height;
  expect(await stopNode(node)).toBe("terminated");
  node = undefined;
  expect(h).toBeGreaterThanOrEqual(2);
});
