// A governance proposal delisting a pair on a 4-validator loopback network (one price-feeder each): the proposal
// passes, the block after it is accepted even though its precommits still carry the delisted pair's prices, and the
// chain keeps producing blocks with the other pairs priced. (Before x/oracle judged signed extensions by the rules
// they were signed under, every validator rejected that next block: the chain halted.)
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createNet, NetInfo, startFeeder, startNode, status, stopNet, waitForHeight } from "./support/chain";
import { BINARY, E2E_DIR, ROOT_ENV } from "./support/paths";
import { findFreeRange, run, waitFor } from "./support/process";

let net: NetInfo;

/** PairView is the REST shape of a pair (GET /clearchain/oracle/v1/pairs). */
interface PairView {
  id: number;
  base: string;
  quote: string;
  enabled: boolean;
  [field: string]: unknown;
}

/** PriceView is the REST shape of a price. */
interface PriceView {
  pair: string;
  height: string;
  stale: boolean;
}

/** rest GETs a JSON body from node i's REST API. */
async function rest<T>(route: string, i = 0): Promise<T> {
  const res = await fetch(`${net.nodes[i].api}${route}`, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`GET ${route}: ${res.status}`);
  return (await res.json()) as T;
}

/** price reads one pair's price view from node i. */
async function price(base: string, i = 0): Promise<PriceView> {
  return (await rest<{ price: PriceView }>(`/clearchain/oracle/v1/prices/${base}/USD`, i)).price;
}

/** heights returns every node's latest height. */
async function heights(): Promise<number[]> {
  return Promise.all(net.nodes.map(async (n) => (await status(n.rpc)).height));
}

/** tx runs a CLI tx as node i's validator key and waits until it is committed with code 0. */
async function tx(i: number, args: string[]): Promise<void> {
  const n = net.nodes[i];
  const out = JSON.parse(run(BINARY, ["tx", ...args, "--from", "validator", "--keyring-backend", "test", "--home", n.home,
    "--chain-id", net.chain_id, "--fees", "500000uclear", "--gas", "400000", "--yes", "--output", "json", "--node", n.rpc]));
  if (out.code !== 0) throw new Error(`tx ${args.join(" ")}: code ${out.code} ${out.raw_log}`);
  const res = await waitFor(`tx ${out.txhash}`, async () => {
    const body = (await (await fetch(`${n.rpc}/tx?hash=0x${out.txhash}`)).json()) as { result?: { tx_result: { code: number; log: string } } };
    return body.result;
  }, 30_000, 300);
  if (res.tx_result.code !== 0) throw new Error(`tx ${args.join(" ")} failed: ${res.tx_result.log}`);
}

beforeAll(async () => {
  const base = await findFreeRange(40);
  const dir = path.join(process.env[ROOT_ENV] ?? os.tmpdir(), `oracle-delisting-${process.pid}`);
  net = await createNet({ dir, chainId: "clearchain-delisting-e2e", validators: 4, basePort: base, accounts: [] });
  // Short governance periods so a proposal passes within the test; every node gets the same genesis bytes.
  const genesisFile = (i: number) => path.join(net.nodes[i].home, "config", "genesis.json");
  const genesis = JSON.parse(fs.readFileSync(genesisFile(0), "utf8"));
  genesis.app_state.gov.params.voting_period = "20s"; // four sequential votes must land in it on a loaded machine
  genesis.app_state.gov.params.expedited_voting_period = "4s";
  const bytes = JSON.stringify(genesis);
  net.nodes.forEach((_, i) => fs.writeFileSync(genesisFile(i), bytes));
  run(BINARY, ["genesis", "validate", "--home", net.nodes[0].home]);
  for (const n of net.nodes) startFeeder(n, undefined, undefined, path.join(E2E_DIR, `delisting-${n.name}-feeder.log`));
  for (const n of net.nodes) startNode(n, path.join(E2E_DIR, `delisting-${n.name}.log`));
  await waitForHeight(net.nodes[0].rpc, 3, 120_000);
  await waitFor("REST API", async () => (await fetch(`${net.nodes[0].api}/clearchain/oracle/v1/prices`)).ok, 30_000);
  await waitFor("BTC/USD and ETH/USD priced", async () => !(await price("BTC")).stale && !(await price("ETH")).stale, 60_000, 500);
}, 240_000);

afterAll(async () => {
  if (net) await stopNet(net);
});

test("a passed proposal disabling BTC/USD does not halt the chain; other pairs stay priced", async () => {
  const gov = (await rest<{ account: { value?: { address: string }; address?: string; base_account?: { address: string } } }>(
    "/cosmos/auth/v1beta1/module_accounts/gov")).account;
  const authority = gov.value?.address ?? gov.base_account?.address ?? gov.address;
  expect(authority).toMatch(/^clear1/);
  const { pairs } = await rest<{ pairs: PairView[] }>("/clearchain/oracle/v1/pairs");
  const btc = pairs.find((p) => p.base === "BTC" && p.quote === "USD")!;
  expect(btc.enabled).toBe(true);

  const proposal = {
    messages: [{ "@type": "/clearchain.oracle.v1.MsgUpsertPair", authority, pair: { ...btc, enabled: false } }],
    deposit: "10000000uclear",
    title: "Delist BTC/USD",
    summary: "e2e: disable a pair while validators are voting its prices",
  };
  const file = path.join(net.dir, "delist-btc.json");
  fs.writeFileSync(file, JSON.stringify(proposal));
  await tx(0, ["gov", "submit-proposal", file]);
  const { proposals } = await rest<{ proposals: { id: string }[] }>("/cosmos/gov/v1/proposals");
  const id = proposals[proposals.length - 1].id;
  for (let i = 0; i < net.nodes.length; i++) await tx(i, ["gov", "vote", id, "yes"]);

  const passed = await waitFor(`proposal ${id} to pass`, async () => {
    const p = (await rest<{ proposal: { status: string; failed_reason?: string } }>(`/cosmos/gov/v1/proposals/${id}`)).proposal;
    if (p.status === "PROPOSAL_STATUS_FAILED" || p.status === "PROPOSAL_STATUS_REJECTED") throw new Error(`proposal ${p.status} ${p.failed_reason ?? ""}`);
    return p.status === "PROPOSAL_STATUS_PASSED" ? p : undefined;
  }, 60_000, 500);
  expect(passed.status).toBe("PROPOSAL_STATUS_PASSED");
  const after = (await rest<{ pairs: PairView[] }>("/clearchain/oracle/v1/pairs")).pairs.find((p) => p.base === "BTC")!;
  expect(after.enabled).toBe(false);

  // Every node keeps producing blocks well past the one that executed the proposal.
  const hs = await heights();
  await Promise.all(net.nodes.map((n, i) => waitForHeight(n.rpc, hs[i] + 6, 60_000)));
  // ETH/USD keeps updating (the votes' other entries still count); BTC/USD is no longer priced and goes stale.
  const eth1 = await price("ETH");
  await waitForHeight(net.nodes[0].rpc, (await status(net.nodes[0].rpc)).height + 3, 30_000);
  const eth2 = await price("ETH");
  expect(eth2.stale).toBe(false);
  expect(Number(eth2.height)).toBeGreaterThan(Number(eth1.height));
  await waitFor("BTC/USD to go stale", async () => (await price("BTC")).stale, 60_000, 500);
}, 180_000);
