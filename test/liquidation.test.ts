// The liquidation engine end to end, on private single-validator networks whose oracle moves through the feeder
// (restarted with --price-multiplier; the pair's band is widened in genesis so the steps never halt it):
//   network A (insurance fund of 200,000 USDC in genesis):
//     1. a 20x trader is liquidated partially by the backstop (the close restores MM × 1.1), then fully after a deeper
//        drop; each close's size and price equal the SDK mirror's keeper.closingTerms, and the fund books the fee;
//     2. MsgLiquidate from an SDK liquidator fails with NotLiquidatable (38) on a healthy subaccount and succeeds on a
//        liquidatable one (a large position the backstop can only take 20% per block of);
//     3. a gap below the bankruptcy price: the backstop closes at the oracle and the fund pays the bad debt;
//     4. the TS clearchain-liquidator, following the feeder, earns the discount on a crash;
//   network B (empty fund): a bankrupt long is auto-deleveraged against the most profitable opposite short.
// Every event is observed through the SDK's subscribeLiquidations over the node's websocket.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { sha256 } from "@cosmjs/crypto";
import { toBech32 } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import {
  buildOrder, ClearchainClient, ClearchainTxError, ClearingErrorCodes, CLEARING_CODESPACE, composeFill, computeHealth, type LiquidationEventInfo,
  liquidationParams, type LiquidationStreamEvent, liquidationTerms, type MarginAccount, type MarginMarket, type OrderSigner, orderSignerFromMnemonic,
  SigningClearchainClient,
} from "@clearchain/client";
import { createNet, type NetInfo, startFeeder, startNode, status, stopFeeder, stopNet, waitForHeight } from "./support/chain";
import { E2E_DIR, REPO, ROOT_ENV } from "./support/paths";
import { findFreeRange, freePort, sleep, startDetached, stopPid, tail, waitFor } from "./support/process";

const TICK = 1_000_000n; // BTC-USD: $1
const BTC = 100_000_000n;
const STEP = 10_000n;
const PPM = 1_000_000n;
const USDC = 1_000_000n;
const LIQUIDATOR_BIN = path.join(REPO, "liquidator", "bin", "clearchain-liquidator.js");
const FUND = 200_000n * USDC;
const EXPLICIT_FEE = { amount: [{ denom: "uclear", amount: "20000" }], gas: "800000" };

/** A running private network with clients for its named keys. */
interface World {
  readonly tag: string;
  readonly net: NetInfo;
  readonly q: ClearchainClient;
  readonly clients: Map<string, SigningClearchainClient>;
  readonly signers: Map<string, OrderSigner>;
  readonly events: LiquidationStreamEvent[];
  readonly feederLog: string;
  multiplier: number;
  nonce: bigint;
  unsubscribe: () => void;
}

const worlds: World[] = [];
const extraPids: number[] = [];

/** patchGenesis widens the oracle band (no halts from the test's steps), removes the volatility IMF add-on, and funds the insurance fund. */
function patchGenesis(home: string, fund: bigint): void {
  const file = path.join(home, "config", "genesis.json");
  const g = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const p of g.app_state.oracle.pairs) p.band_ppm = "300000";
  for (const m of g.app_state.clearing.markets) m.volatility_multiplier_ppm = "0";
  if (fund > 0n) {
    // The fund's cash sits in the clearing module account like every other clearing balance.
    const moduleAddress = toBech32("clear", sha256(new TextEncoder().encode("clearing")).slice(0, 20));
    g.app_state.clearing.insurance_fund = fund.toString();
    g.app_state.bank.balances.push({ address: moduleAddress, coins: [{ denom: "uusdc", amount: fund.toString() }] });
    for (const s of g.app_state.bank.supply) if (s.denom === "uusdc") s.amount = (BigInt(s.amount) + fund).toString();
  }
  fs.writeFileSync(file, JSON.stringify(g, null, 2));
}

async function startWorld(tag: string, accounts: string[], fund: bigint): Promise<World> {
  const base = await findFreeRange(10);
  const dir = path.join(process.env[ROOT_ENV] ?? os.tmpdir(), `liq-${tag}-${process.pid}`);
  const feederLog = path.join(E2E_DIR, `liq-${tag}-feeder.log`);
  const nodeLog = path.join(E2E_DIR, `liq-${tag}-node.log`);
  for (const f of [feederLog, nodeLog]) fs.rmSync(f, { force: true });
  const net = await createNet({ dir, chainId: `clearchain-liq-${tag}`, validators: 1, basePort: base, accounts, coins: "10000000000000uclear,10000000000000uusdc" });
  patchGenesis(net.nodes[0].home, fund);
  startFeeder(net.nodes[0], ["synthetic:42"], [], feederLog);
  startNode(net.nodes[0], nodeLog);
  await waitForHeight(net.nodes[0].rpc, 3, 120_000).catch((e) => {
    throw new Error(`${e}\n${tail(nodeLog)}`);
  });
  const q = await ClearchainClient.connect(net.nodes[0].rpc);
  await waitFor("a fresh BTC/USD price", async () => {
    const p = await q.getPrice("BTC/USD").catch(() => undefined);
    return p && !p.stale && p.priceQuantums > 0n ? p : undefined;
  }, 60_000);
  const clients = new Map<string, SigningClearchainClient>();
  const signers = new Map<string, OrderSigner>();
  for (const k of net.keys.filter((x) => accounts.includes(x.name))) {
    clients.set(k.name, await SigningClearchainClient.connectWithSigner(net.nodes[0].rpc, await DirectSecp256k1HdWallet.fromMnemonic(k.mnemonic, { prefix: "clear" })));
    signers.set(k.name, await orderSignerFromMnemonic(k.mnemonic));
  }
  const events: LiquidationStreamEvent[] = [];
  const world: World = { tag, net, q, clients, signers, events, feederLog, multiplier: 1, nonce: 0n, unsubscribe: () => undefined };
  world.unsubscribe = q.subscribeLiquidations((e) => events.push(e), { minBackoffMs: 100, maxBackoffMs: 1_000 });
  worlds.push(world);
  return world;
}

const addr = (w: World, name: string) => w.net.keys.find((k) => k.name === name)!.address;
const client = (w: World, name: string) => w.clients.get(name)!;
const btcPrice = async (w: World) => (await w.q.getPrice("BTC/USD")).priceQuantums;
const feederBtc = async (w: World): Promise<bigint> => {
  const body = (await (await fetch(`${w.net.nodes[0].feeder}/prices`)).json()) as { prices: Record<string, string> };
  const [i, f = ""] = body.prices["BTC/USD"].split(".");
  return BigInt(i) * USDC + BigInt((f + "000000").slice(0, 6));
};

/**
 * setPrice moves the oracle to about `target` (price quantums): the feeder is restarted with the multiplier that
 * turns its synthetic price into target, and the call returns once the chain's price is within 0.2% of it.
 */
async function setPrice(w: World, target: bigint): Promise<bigint> {
  const now = await feederBtc(w);
  const m = (w.multiplier * Number(target)) / Number(now);
  const node = w.net.nodes[0];
  await stopFeeder(node);
  startFeeder(node, ["synthetic:42"], ["--price-multiplier", m.toFixed(9)], w.feederLog);
  w.multiplier = m;
  return waitFor(`BTC/USD near ${target}`, async () => {
    const p = await btcPrice(w);
    const off = p > target ? p - target : target - p;
    return off * 1000n <= target * 2n ? p : undefined;
  }, 60_000);
}

/** trade: `long` buys size from `short` at price (short makes, long takes, short submits). */
async function trade(w: World, long: string, short: string, size: bigint, price: bigint): Promise<void> {
  const gtb = BigInt((await status(w.net.nodes[0].rpc)).height) + 500n;
  w.nonce++;
  const common = { marketId: 1, size, limitPrice: price, nonce: w.nonce, goodTilBlock: gtb, chainId: w.net.chain_id };
  const buy = buildOrder({ owner: addr(w, long), side: "buy", ...common });
  const sell = buildOrder({ owner: addr(w, short), side: "sell", ...common });
  const out = await client(w, short).submitTrades(addr(w, short), [composeFill(await w.signers.get(short)!.sign(sell), await w.signers.get(long)!.sign(buy), size, price)]);
  const r = out.results[0];
  expect({ success: r.success, code: r.code, log: r.log }).toEqual({ success: true, code: 0, log: "" });
}

/**
 * openLong deposits just above initial margin for `size` at the oracle (plus the taker fee and 0.3% for the oracle
 * moving before the fill settles: margin is checked at the oracle price) and buys it from the counterparty: ~19x.
 */
async function openLong(w: World, name: string, size: bigint, counterparty = "whale"): Promise<bigint> {
  const price = ((await btcPrice(w)) / TICK) * TICK;
  const market = await w.q.getMarket(1);
  const imf = market.state.imfEffectivePpm || market.market.initialMarginPpm;
  const notional = (size * price) / BTC;
  const deposit = (notional * (imf + 3_500n)) / PPM + USDC;
  await client(w, name).deposit(addr(w, name), 0, deposit);
  await trade(w, name, counterparty, size, price);
  return price;
}

/** inputs returns the mirror's inputs of a subaccount and a copy of the markets at `price`. */
async function inputsAt(w: World, name: string, price?: bigint): Promise<{ account: MarginAccount; markets: Record<number, MarginMarket> }> {
  const i = await w.q.getMarginInputs(addr(w, name), 0);
  const markets = { ...i.markets };
  if (price !== undefined) markets[1] = { ...markets[1], oracle_price: price };
  return { account: i.account, markets };
}

/** liquidationsOf: the EventLiquidation events of a subaccount so far. */
const liquidationsOf = (w: World, owner: string) =>
  w.events.filter((e): e is LiquidationEventInfo & LiquidationStreamEvent => e.kind === "liquidation" && e.owner === owner);

async function waitForEvent<T extends LiquidationStreamEvent>(w: World, what: string, pred: (e: LiquidationStreamEvent) => e is T, timeoutMs = 60_000): Promise<T> {
  return waitFor(what, async () => w.events.find(pred), timeoutMs, 100);
}

/** priceAt returns the oracle price stored for a height. */
async function priceAt(w: World, height: bigint): Promise<bigint> {
  const h = await w.q.getPriceHistory("BTC/USD");
  const p = h.points.find((x) => x.height === height);
  if (!p) throw new Error(`no BTC/USD price at height ${height}`);
  return p.priceQuantums;
}

const position = async (w: World, name: string) => (await w.q.getSubaccountHealth(addr(w, name), 0)).positions.find((p) => p.marketId === 1)?.size ?? 0n;

afterAll(async () => {
  for (const pid of extraPids) await stopPid(pid, 3_000);
  for (const w of worlds) {
    w.unsubscribe();
    for (const c of w.clients.values()) c.disconnect();
    w.q.disconnect();
    await stopNet(w.net);
  }
});

describe("network A: insurance fund of 200,000 USDC", () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld("a", ["whale", "alice", "bob", "carol", "dave", "erin", "frank"], FUND);
    await client(w, "whale").deposit(addr(w, "whale"), 0, 2_000_000n * USDC);
  }, 240_000);

  test("the fund starts at its genesis balance and an empty backstop", async () => {
    const fund = await w.q.getInsuranceFund();
    expect(fund.balance).toBe(FUND);
    expect(fund.backstop.positions).toEqual([]);
    expect(await w.q.getLiquidatable()).toEqual([]);
    expect(await w.q.getLiquidationQueue()).toEqual([]);
  });

  test("a 20x long is liquidated partially, then fully, by the backstop; sizes and prices are the mirror's; the fund gets the fees", async () => {
    const alice = addr(w, "alice");
    const size = 40_000_000n; // 0.4 BTC
    await openLong(w, "alice", size);
    // Just below the liquidation price the account needs only a partial close to get back to MM × 1.1.
    const before = await inputsAt(w, "alice");
    const lp = computeHealth(before.account, before.markets).positions[0].liquidation_price;
    const params = liquidationParams(await w.q.getParams());
    let target = (lp * 9_975n) / 10_000n;
    const partial = liquidationTerms(before.account, (await inputsAt(w, "alice", target)).markets, 1, params, STEP)!;
    expect(partial.size).toBeGreaterThan(0n);
    expect(partial.size).toBeLessThan(size);
    await setPrice(w, target);
    const first = await waitForEvent(w, "alice's first liquidation", (e): e is LiquidationEventInfo & LiquidationStreamEvent => e.kind === "liquidation" && e.owner === alice);
    expect(first.taker).toBe("backstop");
    expect(first.size).toBeGreaterThan(0n);
    expect(first.size).toBeLessThan(size);
    // The chain closed exactly what the SDK's mirror of keeper.closingTerms says at that block's oracle price.
    const q1 = await priceAt(w, first.height);
    const m1 = liquidationTerms(before.account, (await inputsAt(w, "alice", q1)).markets, 1, params, STEP)!;
    expect([first.size, first.price, first.bankruptcyPrice]).toEqual([m1.size, m1.price, m1.bankruptcyPrice]);
    expect(first.price).toBeLessThan(q1); // the taker buys below the oracle
    expect(await position(w, "alice")).toBe(size - first.size);
    expect((await w.q.getSubaccountHealth(alice, 0)).liquidatable).toBe(false);
    const fund1 = await w.q.getInsuranceFund();
    expect(fund1.recentFlows.some((f) => f.reason === "liquidation_fee" && f.height === first.height && f.amount >= first.fee)).toBe(true);
    expect(first.fee).toBeGreaterThan(0n);
    expect(fund1.backstop.positions.find((p) => p.marketId === 1)?.size).toBe(first.size);

    // Deeper (still above bankruptcy): no partial close restores the account any more, so all of it goes.
    const mid = await inputsAt(w, "alice");
    target = computeHealth(mid.account, mid.markets).positions[0].liquidation_price;
    for (;;) {
      const at = await inputsAt(w, "alice", target);
      const terms = liquidationTerms(mid.account, at.markets, 1, params, STEP)!;
      const h = computeHealth(mid.account, at.markets);
      expect(h.equity).toBeGreaterThan(0n); // never past bankruptcy here
      if (terms.size === size - first.size) break;
      target = (target * 9_990n) / 10_000n;
    }
    target = (target * 9_995n) / 10_000n;
    await setPrice(w, target);
    const second = await waitForEvent(w, "alice's second liquidation", (e): e is LiquidationEventInfo & LiquidationStreamEvent =>
      e.kind === "liquidation" && e.owner === alice && e.height > first.height);
    expect(second.size).toBe(size - first.size);
    const q2 = await priceAt(w, second.height);
    const m2 = liquidationTerms(mid.account, (await inputsAt(w, "alice", q2)).markets, 1, params, STEP)!;
    expect([second.size, second.price]).toEqual([m2.size, m2.price]);
    const after = await w.q.getSubaccountHealth(alice, 0);
    expect(after.positions).toEqual([]);
    expect(after.collateral).toBeGreaterThanOrEqual(0n);
    const fund2 = await w.q.getInsuranceFund();
    expect(fund2.recentFlows.some((f) => f.reason === "liquidation_fee" && f.height === second.height)).toBe(true);
    expect(w.events.some((e) => e.kind === "bad_debt" && e.owner === alice)).toBe(false);
    // Every block reports its sweep.
    expect(w.events.some((e) => e.kind === "sweep" && e.height === second.height && e.liquidatable >= 1)).toBe(true);
    // Operators see it too: the node's Prometheus listener (testnet init-files: RPC port − 1 + 7) counts the
    // fills, the liquidations and the sweep's set.
    const prometheus = Number(new URL(w.net.nodes[0].rpc).port) - 1 + 7;
    const text = await (await fetch(`http://127.0.0.1:${prometheus}/metrics`)).text();
    const total = (name: string) => text.split("\n").filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
      .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
    expect(total("clearchain_clearing_liquidations_total")).toBeGreaterThanOrEqual(2);
    expect(total("clearchain_clearing_fills_settled_total")).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^clearchain_oracle_reporters/m);
  }, 240_000);

  test("MsgLiquidate: NotLiquidatable (38) on a healthy subaccount, a takeover at the fillable price on a liquidatable one", async () => {
    const carol = addr(w, "carol");
    const bob = addr(w, "bob");
    await client(w, "carol").deposit(carol, 0, 300_000n * USDC);
    // The whale is healthy: refused, both when simulated and when delivered.
    const simulated = await client(w, "carol").liquidate(carol, 0, { owner: addr(w, "whale"), subaccountNumber: 0 }, 1, STEP).then(() => undefined, (e) => e);
    expect(simulated).toBeInstanceOf(ClearchainTxError);
    expect([simulated.codespace, simulated.code]).toEqual([CLEARING_CODESPACE, ClearingErrorCodes.NotLiquidatable]);
    const delivered = await client(w, "carol").liquidate(carol, 0, { owner: addr(w, "whale"), subaccountNumber: 0 }, 1, STEP, EXPLICIT_FEE).then(() => undefined, (e) => e);
    expect([delivered.codespace, delivered.code, delivered.stage]).toEqual([CLEARING_CODESPACE, ClearingErrorCodes.NotLiquidatable, "deliverTx"]);
    // No position in that market: 39 (bob is flat before his trade).
    const none = await client(w, "carol").liquidate(carol, 0, { owner: bob, subaccountNumber: 0 }, 2, STEP, EXPLICIT_FEE).then(() => undefined, (e) => e);
    expect(none).toBeInstanceOf(ClearchainTxError);
    expect(none.code === ClearingErrorCodes.NotLiquidatable || none.code === ClearingErrorCodes.NoPosition).toBe(true);

    // 2.5 BTC (> 100,000 USDC notional): the backstop takes at most 20% per block, so bob stays liquidatable for
    // several blocks and carol's takeover lands while he is.
    const size = 250_000_000n;
    await openLong(w, "bob", size);
    const i = await inputsAt(w, "bob");
    const h = computeHealth(i.account, i.markets);
    // Halfway between the liquidation and the bankruptcy price: deep, still solvent.
    const target = (h.positions[0].liquidation_price + h.positions[0].bankruptcy_price!) / 2n;
    await setPrice(w, target);
    await waitForEvent(w, "bob's first backstop slice", (e): e is LiquidationEventInfo & LiquidationStreamEvent => e.kind === "liquidation" && e.owner === bob);
    const res = await client(w, "carol").liquidate(carol, 0, { owner: bob, subaccountNumber: 0 }, 1, size, EXPLICIT_FEE);
    expect(res.response.code).toBe(0);
    expect(res.size).toBeGreaterThan(0n);
    expect(res.size % STEP).toBe(0n);
    const oracle = await priceAt(w, BigInt(res.response.height));
    expect(res.price).toBeLessThan(oracle);
    expect(res.price * PPM).toBeGreaterThanOrEqual(oracle * (PPM - 5_000n)); // within the 0.5% discount
    expect(res.fee).toBeGreaterThan(0n);
    const ev = await waitForEvent(w, "carol's liquidation event", (e): e is LiquidationEventInfo & LiquidationStreamEvent =>
      e.kind === "liquidation" && e.owner === bob && e.taker === "liquidator");
    expect(ev).toMatchObject({ liquidator: carol, liquidatorNumber: 0, size: res.size, price: res.price, fee: res.fee, height: BigInt(res.response.height) });
    expect(ev.txHash).toBe(res.response.transactionHash);
    const mine = await w.q.getSubaccountHealth(carol, 0);
    expect(mine.positions.find((p) => p.marketId === 1)?.size).toBe(res.size);
    expect(mine.equity).toBeGreaterThanOrEqual(mine.initialMargin); // its own IM holds
    // Bob ends flat or restored; nobody can liquidate him twice in a row once he is above MM.
    await waitFor("bob no longer liquidatable", async () => !(await w.q.getSubaccountHealth(bob, 0)).liquidatable, 60_000);
  }, 240_000);

  test("a gap below the bankruptcy price: the backstop closes at the oracle and the fund pays the bad debt", async () => {
    const dave = addr(w, "dave");
    await openLong(w, "dave", 40_000_000n);
    const i = await inputsAt(w, "dave");
    const bk = computeHealth(i.account, i.markets).positions[0].bankruptcy_price!;
    const fund0 = (await w.q.getInsuranceFund()).balance;
    await setPrice(w, (bk * 97n) / 100n);
    const debt = await waitForEvent(w, "dave's bad debt", (e): e is LiquidationStreamEvent & { kind: "bad_debt"; owner: string; number: number; amount: bigint; insuranceAfter: bigint } =>
      e.kind === "bad_debt" && e.owner === dave);
    expect(debt.amount).toBeGreaterThan(0n);
    const close = liquidationsOf(w, dave);
    expect(close).toHaveLength(1);
    expect(close[0].height).toBe(debt.height);
    expect(close[0].price).toBe(await priceAt(w, debt.height)); // bankrupt: filled at the oracle
    expect(close[0].fee).toBe(0n); // the fee never creates debt
    const after = await w.q.getSubaccountHealth(dave, 0);
    expect(after.positions).toEqual([]);
    expect(after.collateral).toBe(0n);
    const fund = await w.q.getInsuranceFund();
    expect(fund.recentFlows.some((f) => f.reason === "bad_debt" && f.amount === -debt.amount && f.height === debt.height)).toBe(true);
    expect(fund.balance).toBeLessThan(fund0);
    expect(fund.balance).toBeGreaterThanOrEqual(0n);
  }, 240_000);

  test("the TS clearchain-liquidator, following the feeder, earns the discount on a crash", async () => {
    const erin = addr(w, "erin");
    const frank = addr(w, "frank");
    const keyFile = path.join(w.net.dir, "erin.mnemonic");
    fs.writeFileSync(keyFile, w.net.keys.find((k) => k.name === "erin")!.mnemonic, { mode: 0o600 });
    const port = await freePort();
    const log = path.join(E2E_DIR, "liq-a-liquidator.log");
    fs.rmSync(log, { force: true });
    const node = w.net.nodes[0];
    const pid = startDetached(process.execPath, [LIQUIDATOR_BIN, "--rpc", node.rpc, "--rest", node.api, "--prices", `${node.feeder}/prices`,
      "--mnemonic-file", keyFile, "--deposit", "300000", "--metrics-listen", `127.0.0.1:${port}`, "--interval-ms", "200", "--log-level", "debug"], log);
    extraPids.push(pid);
    const metricsUrl = `http://127.0.0.1:${port}/metrics`;
    const metric = async (re: RegExp) => Number(re.exec(await (await fetch(metricsUrl)).text())?.[1] ?? "0");
    await waitFor("the liquidator healthy", async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok, 60_000).catch((e) => {
      throw new Error(`${e}\n${tail(log)}`);
    });
    // 3 BTC at 20x: closed at most 20% per block, so a crash leaves it liquidatable for several blocks.
    const size = 300_000_000n;
    await openLong(w, "frank", size);
    await waitFor("the liquidator watching frank", async () => (await metric(/^liquidator_watched_subaccounts (\d+)/m)) >= 1, 30_000);
    const i = await inputsAt(w, "frank");
    const h = computeHealth(i.account, i.markets);
    await setPrice(w, (h.positions[0].liquidation_price * 3n + h.positions[0].bankruptcy_price!) / 4n);
    await waitFor("a successful takeover by the liquidator", async () => (await metric(/^liquidator_liquidations_total\{market="1",result="success"\} (\d+)/m)) >= 1, 90_000)
      .catch((e) => {
        throw new Error(`${e}\n${tail(log, 40)}`);
      });
    const taken = liquidationsOf(w, frank).filter((e) => e.taker === "liquidator" && e.liquidator === erin);
    expect(taken.length).toBeGreaterThanOrEqual(1);
    for (const t of taken) expect(t.price).toBeLessThan(await priceAt(w, t.height)); // bought below the oracle
    expect(await metric(/^liquidator_discount_usdc_total\{market="1"\} ([0-9.e+-]+)/m)).toBeGreaterThan(0);
    const mine = await w.q.getSubaccountHealth(erin, 0);
    expect(mine.positions.find((p) => p.marketId === 1)?.size).toBe(taken.reduce((s, t) => s + t.size, 0n));
    expect(mine.equity).toBeGreaterThanOrEqual(mine.initialMargin);
    await stopPid(pid, 3_000);
  }, 240_000);
});

describe("network B: empty insurance fund", () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld("b", ["gina", "hank", "ivan", "jack"], 0n);
  }, 240_000);

  test("a bankrupt long is auto-deleveraged against the most profitable opposite short at its bankruptcy price", async () => {
    const [gina, hank, ivan, jack] = ["gina", "hank", "ivan", "jack"].map((n) => addr(w, n));
    const size = 40_000_000n;
    const price = ((await btcPrice(w)) / TICK) * TICK;
    const notional = (size * price) / BTC;
    // hank shorts to gina at 5x, ivan shorts to jack at 1x: same entry, hank's leverage ranks him first.
    await client(w, "hank").deposit(hank, 0, notional / 5n);
    await client(w, "ivan").deposit(ivan, 0, notional * 2n);
    await client(w, "jack").deposit(jack, 0, notional * 2n);
    await openLong(w, "gina", size, "hank");
    await trade(w, "jack", "ivan", size, price);
    expect((await w.q.getInsuranceFund()).balance).toBeLessThan(1_000n * USDC); // only trading fees
    // A 1% dip: both shorts are in profit; ADL would take hank first.
    await setPrice(w, (price * 99n) / 100n);
    const rankH = await w.q.getAdlRank(hank, 0, 1);
    const rankI = await w.q.getAdlRank(ivan, 0, 1);
    expect([rankH.eligible, rankI.eligible]).toEqual([true, true]);
    expect(rankH.scorePpm).toBeGreaterThan(rankI.scorePpm);
    expect([rankH.rank, rankI.rank]).toEqual([1, 2]);
    expect((await w.q.getAdlRank(gina, 0, 1)).eligible).toBe(false);

    // A gap below gina's bankruptcy price: the fund cannot carry the backstop or the debt, ADL closes her against hank.
    const i = await inputsAt(w, "gina");
    const bk = computeHealth(i.account, i.markets).positions[0].bankruptcy_price!;
    await setPrice(w, (bk * 96n) / 100n);
    const adl = await waitForEvent(w, "gina deleveraged", (e): e is LiquidationStreamEvent & { kind: "deleverage"; owner: string; counterparty: string; size: bigint; price: bigint; marketId: number } =>
      e.kind === "deleverage" && e.owner === gina);
    expect(adl).toMatchObject({ marketId: 1, counterparty: hank, counterpartyNumber: 0, size });
    expect(w.events.filter((e) => e.kind === "deleverage" && e.owner === gina).every((e) => e.kind === "deleverage" && e.counterparty === hank)).toBe(true);
    // At the bankruptcy price of the bankrupt position: gina ends flat at zero, not below.
    const g = await w.q.getSubaccountHealth(gina, 0);
    expect(g.positions).toEqual([]);
    expect(g.collateral).toBe(0n);
    expect(await position(w, "hank")).toBe(0n);
    expect(await position(w, "ivan")).toBe(-size); // untouched
    expect(await position(w, "jack")).toBe(size);
    expect((await w.q.getAdlRank(ivan, 0, 1)).rank).toBe(1);
    expect((await w.q.getInsuranceFund()).balance).toBeGreaterThanOrEqual(0n);
    expect(w.events.some((e) => e.kind === "bad_debt" && e.owner === gina)).toBe(false);
    await sleep(0);
  }, 240_000);
});
