// The collateral-drain attack on a real node: two accounts of one attacker open a 20x BTC position against each other
// at the oracle price, the oracle drops 4% (the loser is below maintenance margin), and they try to "close" between
// themselves at a price that moves the loser's remaining collateral — and more — to the winner: at $1 (refused by the
// oracle band) and at the band edge where the loser would end below zero (refused by the margin rule). The pool stays
// whole (a fair close settles and both withdraw every unit they are owed) and blocks keep coming.
//
// It runs on its own single-validator network so that it can move the oracle (the feeder is restarted with
// --price-multiplier) without disturbing the shared node the other test files use.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  buildOrder, ClearchainTxError, ClearingErrorCodes, CLEARING_CODESPACE, composeFill, type OrderSigner, orderSignerFromMnemonic,
  SigningClearchainClient, type SubmitTradesResult,
} from "@clearchain/client";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { createNet, type NetInfo, startFeeder, startNode, status, stopFeeder, stopNet, waitForHeight } from "./support/chain";
import { E2E_DIR, ROOT_ENV } from "./support/paths";
import { findFreeRange, waitFor } from "./support/process";

const TICK = 1_000_000n; // BTC-USD: $1
const SIZE = 40_000_000n; // 0.4 BTC
const feederLog = path.join(E2E_DIR, "drain-feeder.log");
let net: NetInfo;

/** fee is ⌈notional × ppm / 10^6⌉. */
const fee = (notional: bigint, ppm: bigint) => (notional * ppm + 999_999n) / 1_000_000n;
/** notionalOf is ⌈size × price × 10^6 / 10^(8+6)⌉ for BTC-USD. */
const notionalOf = (size: bigint, price: bigint) => (size * price * 1_000_000n + 10n ** 14n - 1n) / 10n ** 14n;

interface PriceJson {
  price_quantums: string;
  stale: boolean;
  halted: boolean;
  height: string;
}

async function btcPrice(): Promise<PriceJson> {
  const body = (await (await fetch(`${net.nodes[0].api}/clearchain/oracle/v1/prices/BTC/USD`)).json()) as { price: PriceJson };
  return body.price;
}

beforeAll(async () => {
  const base = await findFreeRange(10);
  const dir = path.join(process.env[ROOT_ENV] ?? os.tmpdir(), `drain-net-${process.pid}`);
  for (const f of [feederLog, path.join(E2E_DIR, "drain-node.log")]) fs.rmSync(f, { force: true });
  net = await createNet({ dir, chainId: "clearchain-drain-e2e", validators: 1, basePort: base, accounts: ["attacker1", "attacker2"] });
  startFeeder(net.nodes[0], ["synthetic:42"], [], feederLog);
  startNode(net.nodes[0], path.join(E2E_DIR, "drain-node.log"));
  await waitForHeight(net.nodes[0].rpc, 3, 120_000);
  await waitFor("a fresh BTC/USD price", async () => {
    const p = await btcPrice().catch(() => undefined);
    return p && !p.stale && BigInt(p.price_quantums) > 0n ? p : undefined;
  }, 60_000);
}, 180_000);

afterAll(async () => {
  if (net) await stopNet(net);
});

test("two accounts of one attacker cannot drain the pool by closing between themselves at $1 or at the band edge", async () => {
  const node = net.nodes[0];
  const keys = net.keys.filter((k) => k.name.startsWith("attacker"));
  const [a1, a2] = keys;
  const clients: SigningClearchainClient[] = [];
  const signers: OrderSigner[] = [];
  for (const k of keys) {
    clients.push(await SigningClearchainClient.connectWithSigner(node.rpc, await DirectSecp256k1HdWallet.fromMnemonic(k.mnemonic, { prefix: "clear" })));
    signers.push(await orderSignerFromMnemonic(k.mnemonic));
  }
  const [c1, c2] = clients;
  let nonce = 0n;
  /** trade: attacker2 makes, attacker1 takes (side is attacker1's), both limits at the fill price; submitted by attacker2. */
  const trade = async (side1: "buy" | "sell", size: bigint, price: bigint): Promise<SubmitTradesResult> => {
    const gtb = BigInt((await status(node.rpc)).height) + 500n;
    nonce += 1n;
    const common = { marketId: 1, size, limitPrice: price, nonce, goodTilBlock: gtb, chainId: net.chain_id };
    const taker = buildOrder({ owner: a1.address, side: side1, ...common });
    const maker = buildOrder({ owner: a2.address, side: side1 === "buy" ? "sell" : "buy", ...common });
    const out = await c2.submitTrades(a2.address, [composeFill(await signers[1].sign(maker), await signers[0].sign(taker), size, price)]);
    expect(out.response.code).toBe(0);
    return out;
  };
  try {
    // The pool: the clearing module account's collateral-denom balance.
    const moduleBody = (await (await fetch(`${node.api}/cosmos/auth/v1beta1/module_accounts/clearing`)).json()) as
      { account: { base_account?: { address: string }; value?: { address: string } } };
    const pool = (moduleBody.account.base_account ?? moduleBody.account.value)!.address;
    const poolBalance = async () => BigInt((await c1.getBalance(pool, "uusdc")).amount);

    // 1. Each account deposits the effective initial margin + 0.3% of the notional and they open 0.4 BTC at the
    // oracle price: the highest leverage the market allows (≈ 16x at the default 6% IMF).
    const open = (BigInt((await btcPrice()).price_quantums) / TICK) * TICK;
    const imfPpm = BigInt((await c1.getMarket(1)).state.imfEffectivePpm);
    const deposit = (notionalOf(SIZE, open) * (imfPpm + 3_000n)) / 1_000_000n;
    await Promise.all([c1.deposit(a1.address, 0, deposit), c2.deposit(a2.address, 0, deposit)]);
    const opened = await trade("buy", SIZE, open);
    expect(opened.results[0]).toMatchObject({ success: true, code: 0 });
    const leverage = await c1.getSubaccountHealth(a1.address, 0);
    expect(leverage.leveragePpm).toBeGreaterThan(15_000_000n); // > 15x
    const poolOpen = await poolBalance();
    // Only withdrawable collateral leaves: one unit more is a margin failure (InsufficientMargin, 23, like a transfer).
    const over = await c1.withdraw(a1.address, 0, leverage.withdrawable + 1n).then(() => undefined, (e) => e);
    expect([(over as ClearchainTxError).codespace, (over as ClearchainTxError).code]).toEqual([CLEARING_CODESPACE, ClearingErrorCodes.InsufficientMargin]);
    expect(await poolBalance()).toBe(poolOpen);

    // 2. The oracle drops 4%: attacker1 (long) is now below maintenance margin, with little equity left.
    const before = BigInt((await btcPrice()).price_quantums);
    await stopFeeder(node);
    startFeeder(node, ["synthetic:42"], ["--price-multiplier", "0.96"], feederLog);
    const dropped = await waitFor("the 4% drop on chain", async () => {
      const p = await btcPrice();
      return BigInt(p.price_quantums) * 1000n < before * 970n ? p : undefined;
    }, 60_000);
    expect(dropped.halted).toBe(true); // a 4% move trips the oracle's 2.5% band breaker: markets are reduce-only
    const loser = await c1.getSubaccountHealth(a1.address, 0);
    expect(loser.liquidatable).toBe(true);
    expect(loser.equity).toBeGreaterThan(0n);

    // While the price is halted no collateral leaves a subaccount with positions (PriceNotFresh, 35), even the winner's.
    const w = await c2.withdraw(a2.address, 0, 1n).then(() => undefined, (e) => e);
    expect(w).toBeInstanceOf(ClearchainTxError);
    expect([(w as ClearchainTxError).codespace, (w as ClearchainTxError).code]).toEqual([CLEARING_CODESPACE, ClearingErrorCodes.PriceNotFresh]);

    const snapshot = async () => ({
      pool: await poolBalance(),
      subs: await Promise.all(keys.map(async (k, i) => {
        const s = (await clients[i].getSubaccounts(k.address))[0];
        return { collateral: s?.collateral, health: (await clients[i].getSubaccountHealth(k.address, 0)).positions.map((p) => [p.size, p.entryPrice]) };
      })),
    });
    const state0 = await snapshot();

    // 3a. Close at $1: attacker1 sells 0.4 BTC to attacker2 for $0.40 — refused by the oracle band.
    const atOneDollar = await trade("sell", SIZE, TICK);
    expect(atOneDollar.results[0]).toMatchObject({ success: false, codespace: CLEARING_CODESPACE, code: ClearingErrorCodes.FillOutsideBand });
    expect(await snapshot()).toEqual(state0);

    // 3b. Close just inside the band edge (oracle − 4.9%): attacker1 would lose more than all its equity.
    const oracle = BigInt((await btcPrice()).price_quantums);
    const edge = ((oracle * 951n) / 1000n / TICK + 1n) * TICK;
    const equity = (await c1.getSubaccountHealth(a1.address, 0)).equity;
    const loss = (SIZE * (oracle - edge) * 1_000_000n) / 10n ** 14n;
    expect(loss).toBeGreaterThan(equity); // the loser would end below zero: bad debt the pool would carry
    const atEdge = await trade("sell", SIZE, edge);
    expect(atEdge.results[0]).toMatchObject({ success: false, codespace: CLEARING_CODESPACE, code: ClearingErrorCodes.InsufficientMargin, log: "insufficient margin" });
    expect(await snapshot()).toEqual(state0);
    expect(await poolBalance()).toBe(poolOpen);

    // 4. The chain keeps producing blocks.
    const h = (await status(node.rpc)).height;
    await waitForHeight(node.rpc, h + 3, 30_000);

    // 5. Whatever attacker1 still holds (once the halt ends the liquidation engine may take some or all of it over)
    // closes against attacker2 at the oracle price, and no money was made out of the pool: neither ends with debt,
    // and together they hold at most what they deposited (every other fill, the backstop's, was at a price that
    // favoured the backstop).
    const fair = (BigInt((await btcPrice()).price_quantums) / TICK) * TICK;
    const held = (await c1.getSubaccountHealth(a1.address, 0)).positions.find((p) => p.marketId === 1)?.size ?? 0n;
    const closeFees = held > 0n ? fee(notionalOf(held, fair), 200n) + fee(notionalOf(held, fair), 500n) : 0n;
    if (held > 0n) {
      const closed = await trade("sell", held, fair);
      expect(closed.results[0]).toMatchObject({ success: true, code: 0 });
    }
    let together = 0n;
    for (const [i, k] of keys.entries()) {
      const h1 = await clients[i].getSubaccountHealth(k.address, 0);
      expect(h1.collateral).toBeGreaterThanOrEqual(0n);
      expect(h1.equity).toBeGreaterThanOrEqual(0n);
      together += h1.equity;
    }
    const fees = fee(notionalOf(SIZE, open), 200n) + fee(notionalOf(SIZE, open), 500n);
    expect(together).toBeLessThanOrEqual(2n * deposit - fees);
    await waitForHeight(node.rpc, (await status(node.rpc)).height + 1);
    // Only fees left the module account (to the fee collector); no collateral was withdrawn.
    expect(await poolBalance()).toBeGreaterThanOrEqual(poolOpen - closeFees);
  } finally {
    for (const c of clients) c.disconnect();
  }
});
