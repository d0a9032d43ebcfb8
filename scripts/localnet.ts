// `make localnet`: a fresh 4-validator Clearchain network on 127.0.0.1 with one price-feeder per validator,
// demo accounts, build/localnet/localnet.json, and the SDK demo. Re-running resets it.
import * as fs from "fs";
import * as path from "path";
import { createNet, startFeeder, startNode, status, waitForHeight, NetInfo } from "../test/support/chain";
import { REPO } from "../test/support/paths";
import { portFree, waitFor } from "../test/support/process";
import { runDemo } from "./demo";
import { runTradingDemo } from "./demo-trading";

const DIR = path.join(REPO, "build", "localnet");
const STATE = path.join(DIR, "localnet.json");
const BASE_PORT = Number(process.env.LOCALNET_BASE_PORT ?? 26600);
const VALIDATORS = 4;

/** step prints a progress line. */
const step = (msg: string) => console.log(`==> ${msg}`);

async function main(): Promise<void> {
  const priceSource = process.env.PRICE_SOURCE ?? "synthetic:42";
  step(`checking ports ${BASE_PORT}..${BASE_PORT + 10 * VALIDATORS - 1} on 127.0.0.1`);
  for (let p = BASE_PORT; p < BASE_PORT + 10 * VALIDATORS; p++) {
    if (p % 10 === 4 || p % 10 > 5) continue; // pprof and spare ports
    if (!(await portFree(p))) throw new Error(`port ${p} is in use: run 'make localnet-stop' or set LOCALNET_BASE_PORT`);
  }
  step(`initialising ${VALIDATORS} validators (chain-id clearchain-localnet) in ${DIR}`);
  const net: NetInfo = await createNet({
    dir: DIR, chainId: "clearchain-localnet", validators: VALIDATORS, basePort: BASE_PORT,
    accounts: ["trader1", "trader2", "trader3", "faucet"], coins: "10000000000000uclear,10000000000000uusdc",
  });
  const sources = priceSource.split(",").map((s) => s.trim()).filter(Boolean);
  for (const n of net.nodes) {
    step(`starting ${n.name}: feeder (${sources.join(", ")}) on ${n.feeder}, node rpc ${n.rpc}`);
    startFeeder(n, sources);
    startNode(n);
  }
  fs.writeFileSync(STATE, JSON.stringify(net, null, 2));
  step("waiting for blocks");
  await waitForHeight(net.nodes[0].rpc, 3, 120_000);
  await waitFor("REST API", async () => (await fetch(`${net.nodes[0].api}/clearchain/oracle/v1/prices`)).ok, 60_000);
  const a = await status(net.nodes[0].rpc);
  await waitForHeight(net.nodes[0].rpc, a.height + 10, 60_000);
  const b = await status(net.nodes[0].rpc);
  const blockMs = (Date.parse(b.time) - Date.parse(a.time)) / (b.height - a.height);
  step(`producing blocks: height ${b.height}, average block time ${blockMs.toFixed(0)} ms`);

  await runDemo(net);
  await runTradingDemo(net);

  console.log("\nEndpoints:");
  for (const n of net.nodes) {
    console.log(`  ${n.name}: rpc ${n.rpc}  rest ${n.api}  grpc ${n.grpc}  p2p ${n.p2p}  feeder ${n.feeder}  (pid ${n.pid}, feeder pid ${n.feeder_pid})`);
  }
  console.log(`\nKeys (test keyring mnemonics) and endpoints: ${STATE}`);
  console.log(`Try:  build/clearchaind q oracle prices --node ${net.nodes[0].rpc.replace("http", "tcp")}`);
  console.log("Stop: make localnet-stop");
}

main().catch((e) => {
  console.error(`localnet failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
