// Oracle end-to-end on a 4-validator loopback network, one price-feeder per validator.
import * as path from "path";
import { createNet, NetInfo, startFeeder, startNode, status, stopFeeder, stopNet, waitForHeight } from "./support/chain";
import * as fs from "fs";
import * as os from "os";
import { E2E_DIR, REPO, ROOT_ENV } from "./support/paths";
import { findFreeRange, waitFor } from "./support/process";

const CRASH = path.join(REPO, "feeder", "fixtures", "crash-30pct-5min.csv");
let net: NetInfo;
/** feederLog is where node's feeder logs (every restart appends). */
const feederLog = (name: string) => path.join(E2E_DIR, `oracle-${name}-feeder.log`);
/** PriceView is the REST shape of a price (GET /clearchain/oracle/v1/prices/{base}/{quote}). */
interface PriceView {
  pair: string;
  price: string;
  height: string;
  stale: boolean;
  halted: boolean;
  halted_until_height: string;
  reporters: number;
}

/** btc reads the chain's BTC/USD price view over REST from node i. */
async function btc(i = 0): Promise<{ price: PriceView }> {
  return (await (await fetch(`${net.nodes[i].api}/clearchain/oracle/v1/prices/BTC/USD`)).json()) as { price: PriceView };
}

/** feederBtc reads an honest feeder's current BTC/USD. */
async function feederBtc(i: number): Promise<number> {
  const body = (await (await fetch(`${net.nodes[i].feeder}/prices`)).json()) as { prices: Record<string, string> };
  return Number(body.prices["BTC/USD"]);
}

/** heights returns every node's latest height. */
async function heights(): Promise<number[]> {
  return Promise.all(net.nodes.map(async (n) => (await status(n.rpc)).height));
}

/** waitBlocks waits until node0 has produced n more blocks. */
async function waitBlocks(n: number): Promise<number> {
  const h = (await status(net.nodes[0].rpc)).height;
  return waitForHeight(net.nodes[0].rpc, h + n, 60_000);
}

beforeAll(async () => {
  const base = await findFreeRange(40);
  // Homes in the suite's temp root (removed by the teardown); logs kept in build/e2e/oracle-nodeN{,-feeder}.log.
  const dir = path.join(process.env[ROOT_ENV] ?? os.tmpdir(), `oracle-net-${process.pid}`);
  for (let i = 0; i < 4; i++) for (const f of [path.join(E2E_DIR, `oracle-node${i}.log`), feederLog(`node${i}`)]) fs.rmSync(f, { force: true });
  net = await createNet({ dir, chainId: "clearchain-oracle-e2e", validators: 4, basePort: base, accounts: [] });
  for (const n of net.nodes) startFeeder(n, undefined, undefined, feederLog(n.name));
  for (const n of net.nodes) startNode(n, path.join(E2E_DIR, `oracle-${n.name}.log`));
  await waitForHeight(net.nodes[0].rpc, 3, 120_000);
  await waitFor("REST API", async () => (await fetch(`${net.nodes[0].api}/clearchain/oracle/v1/prices`)).ok, 30_000);
}, 180_000);

afterAll(async () => {
  if (net) await stopNet(net);
});

test("prices update every block from all four feeders", async () => {
  const seen: string[] = [];
  for (let i = 0; i < 4; i++) {
    const latest = await waitBlocks(1);
    const p = (await btc()).price!;
    expect(p.stale).toBe(false);
    expect(Number(p.height)).toBeGreaterThanOrEqual(latest - 1);
    seen.push(p.height);
  }
  expect(new Set(seen).size).toBeGreaterThan(1);
  // Every feeder is heard: some block's price has all four reporters. A single block may carry three, not four:
  // the proposer includes the precommits it has when it proposes, and a loaded machine can deliver one late (or
  // its ExtendVote may time out on its feeder), so the check is bounded over blocks rather than one sample.
  const four = await waitFor("a price with all four reporters", async () => (await btc()).price!.reporters === 4, 30_000, 200);
  expect(four).toBe(true);
});

test("one validator's feeder reporting 10x cannot move the price (stays within 1% of truth)", async () => {
  await stopFeeder(net.nodes[3]);
  startFeeder(net.nodes[3], ["synthetic:42"], ["--price-multiplier", "10"], feederLog("node3"));
  await waitFor("the liar feeder", async () => (await feederBtc(3)) > 0, 20_000);
  await waitBlocks(4);
  for (let i = 0; i < 3; i++) {
    const truth = await feederBtc(0);
    const chain = Number((await btc()).price!.price);
    expect(Math.abs(chain - truth) / truth).toBeLessThan(0.01);
    await waitBlocks(1);
  }
});

test("one feeder killed: prices keep updating", async () => {
  await stopFeeder(net.nodes[3]);
  await waitBlocks(3);
  const a = (await btc()).price!;
  await waitBlocks(3);
  const b = (await btc()).price!;
  expect(Number(b.height)).toBeGreaterThan(Number(a.height));
  expect(b.stale).toBe(false);
  expect(b.reporters).toBe(3);
});

test("two feeders killed: prices go stale and are flagged, no node stops", async () => {
  await stopFeeder(net.nodes[2]);
  const before = await heights();
  await waitFor("BTC/USD to go stale", async () => (await btc()).price!.stale, 60_000, 500);
  const after = await heights();
  after.forEach((h, i) => expect(h).toBeGreaterThan(before[i]));
  const all = (await (await fetch(`${net.nodes[1].api}/clearchain/oracle/v1/prices`)).json()) as { prices: PriceView[] };
  expect(all.prices.length).toBe(4);
  expect(all.prices.every((p) => p.stale)).toBe(true);
});

test("feeders restarted: prices resume", async () => {
  startFeeder(net.nodes[2], undefined, undefined, feederLog("node2"));
  startFeeder(net.nodes[3], undefined, undefined, feederLog("node3"));
  await waitFor("BTC/USD to be fresh again", async () => !(await btc()).price!.stale, 60_000, 500);
  expect((await btc()).price!.reporters).toBeGreaterThanOrEqual(3);
});

test("a replayed −30% in 5 minutes trips the band: the halt shows in queries and events", async () => {
  const start = (await status(net.nodes[0].rpc)).height;
  for (const n of net.nodes) {
    await stopFeeder(n);
    startFeeder(n, [`replay:${CRASH}@10`], [], feederLog(n.name));
  }
  const halted = await waitFor("BTC/USD to halt", async () => {
    const p = (await btc()).price!;
    return p.halted ? p : undefined;
  }, 90_000, 500);
  expect(Number(halted.halted_until_height)).toBeGreaterThan(Number(halted.height));
  const rest = (await (await fetch(`${net.nodes[1].api}/clearchain/oracle/v1/prices/BTC/USD`)).json()) as { price: { halted: boolean } };
  expect(rest.price.halted).toBe(true);
  // Find EventPairHalted in the block results since the replay started.
  const end = (await status(net.nodes[0].rpc)).height;
  let found = false;
  for (let h = start; h <= end && !found; h++) {
    const res = (await (await fetch(`${net.nodes[0].rpc}/block_results?height=${h}`)).json()) as any;
    const events: any[] = res.result?.finalize_block_events ?? [];
    found = events.some((e) => e.type === "clearchain.oracle.v1.EventPairHalted" &&
      e.attributes.some((a: any) => a.key === "pair" && String(a.value).includes("BTC/USD")));
  }
  expect(found).toBe(true);
  // Every node is still producing blocks.
  const hs = await heights();
  await waitBlocks(2);
  (await heights()).forEach((h, i) => expect(h).toBeGreaterThan(hs[i]));
});
