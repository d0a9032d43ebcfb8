// Steady signed trades through the SDK while faults are injected: traderA and traderB sign crossing ETH-USD orders
// (sides alternate, so positions stay bounded), the venue submits each fill with submitTrades. Every transaction the
// client saw committed with code 0 is recorded (hash, height) for the inclusion check.
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { buildOrder, ClearchainTxError, composeFill, orderSignerFromMnemonic, OrderSigner, SigningClearchainClient } from "@clearchain/client";
import type { KeyInfo, NetInfo } from "../support/chain";
import { sleep, withTimeout } from "../support/process";

/** AcceptedTx is a transaction the client saw committed with code 0. */
export interface AcceptedTx {
  hash: string;
  height: number;
  settled: number;
}

/** ETH_MARKET is ETH-USD (0.001 ETH step, $0.1 tick). */
const ETH_MARKET = 2;
/** TRADE_SIZE is 0.01 ETH in base quantums (1e8 per ETH). */
const TRADE_SIZE = 1_000_000n;
/** DEPOSIT is 10,000 USDC per trader (6 decimals). */
const DEPOSIT = 10_000_000_000n;

const key = (net: NetInfo, name: string): KeyInfo => {
  const k = net.keys.find((x) => x.name === name);
  if (!k) throw new Error(`no key ${name}`);
  return k;
};

const connect = async (rpc: string, k: KeyInfo) => SigningClearchainClient.connectWithSigner(rpc,
  await DirectSecp256k1HdWallet.fromMnemonic(k.mnemonic, { prefix: "clear" }), { txTimeoutMs: 20_000 });

/** LoadGenerator sends one signed trade at a time to the node the harness points it at, until stopped. */
export class LoadGenerator {
  /** accepted lists every committed code-0 transaction. */
  readonly accepted: AcceptedTx[] = [];
  /** rejected counts transactions the chain refused with a code (CheckTx or DeliverTx). */
  rejected = 0;
  /** errors counts attempts that failed without a chain answer (node down, timeout). */
  errors = 0;
  /** target is the index of the node the next trade goes to. */
  target = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private client: SigningClearchainClient | undefined;
  private clientNode = -1;
  private signers: [OrderSigner, OrderSigner] | undefined;
  private n = 0;

  constructor(private readonly net: NetInfo) {}

  /** fund deposits collateral for both traders (through node 0). */
  async fund(): Promise<void> {
    for (const name of ["traderA", "traderB"]) {
      const c = await connect(this.net.nodes[0].rpc, key(this.net, name));
      try {
        await c.deposit(key(this.net, name).address, 0, DEPOSIT);
      } finally {
        c.disconnect();
      }
    }
    this.signers = [await orderSignerFromMnemonic(key(this.net, "traderA").mnemonic), await orderSignerFromMnemonic(key(this.net, "traderB").mnemonic)];
  }

  /** start begins the trade loop in the background. */
  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** stop ends the loop after the trade in flight (bounded: 30 s). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.loop) await withTimeout(this.loop, 30_000).catch(() => undefined);
    this.client?.disconnect();
    this.client = undefined;
  }

  /** waitAccepted waits (bounded) until at least n more trades have been accepted since the call. */
  async waitAccepted(n: number, timeoutMs: number): Promise<boolean> {
    const want = this.accepted.length + n;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.accepted.length >= want) return true;
      await sleep(200);
    }
    return false;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.tradeOnce();
      } catch (e) {
        if (e instanceof ClearchainTxError && e.code !== undefined && e.code !== 0 && e.stage !== "timeout") {
          this.rejected++;
        } else {
          this.errors++;
          this.client?.disconnect();
          this.client = undefined;
        }
        await sleep(300);
      }
    }
  }

  private async tradeOnce(): Promise<void> {
    if (!this.client || this.clientNode !== this.target) {
      this.client?.disconnect();
      this.clientNode = this.target;
      this.client = await connect(this.net.nodes[this.target].rpc, key(this.net, "venue"));
    }
    const c = this.client;
    const m = await withTimeout(c.getMarket(ETH_MARKET), 5_000);
    const tick = m.market.tickSize;
    const price = (m.oraclePrice / tick) * tick;
    const height = BigInt(await withTimeout(c.getHeight(), 5_000));
    const aBuys = this.n++ % 2 === 0;
    const [a, b] = [key(this.net, "traderA"), key(this.net, "traderB")];
    const common = { subaccountNumber: 0, marketId: ETH_MARKET, size: TRADE_SIZE, limitPrice: price, goodTilBlock: height + 200n, chainId: this.net.chain_id };
    const maker = buildOrder({ ...common, owner: a.address, side: aBuys ? "buy" : "sell" });
    const taker = buildOrder({ ...common, owner: b.address, side: aBuys ? "sell" : "buy" });
    const [sa, sb] = this.signers!;
    // Bounded: a request to a node that was just paused would otherwise wait for the OS to give up.
    const out = await withTimeout(c.submitTrades(key(this.net, "venue").address, [composeFill(await sa.sign(maker), await sb.sign(taker), TRADE_SIZE, price)]), 30_000);
    this.accepted.push({ hash: out.response.transactionHash.toUpperCase(), height: out.response.height, settled: out.settled });
  }
}
