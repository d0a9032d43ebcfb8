// The localnet trading demo: two traders sign orders, a third account (the "venue") submits the matched trade,
// and the chain settles it; health before and after comes from the chain's margin engine.
import { SigningClearchainClient } from "@clearchain/client";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { Order, Side } from "../client/src/generated/clearchain/clearing/v1/order";
import { MsgSubmitTrades, MsgSubmitTradesResponse } from "../client/src/generated/clearchain/clearing/v1/tx";
import type { KeyInfo, NetInfo } from "../test/support/chain";
import { orderKeyFromMnemonic } from "../test/support/orders";

interface HealthView {
  collateral: string;
  equity: string;
  initial_margin: string;
  maintenance_margin: string;
  free_collateral: string;
  positions: { ticker: string; size: string; entry_price: string; unrealized_pnl: string; liquidation_price: string }[];
}

const usd = (v: string | bigint, decimals = 6) => (Number(BigInt(v)) / 10 ** decimals).toLocaleString("en-US", { maximumFractionDigits: 2 });

async function health(api: string, addr: string): Promise<HealthView> {
  const res = await fetch(`${api}/clearchain/clearing/v1/subaccounts/${addr}/0/health`);
  return ((await res.json()) as { health: HealthView }).health;
}

function show(label: string, h: HealthView): void {
  const pos = h.positions.map((p) => `${p.ticker} ${Number(BigInt(p.size)) / 1e8} @ ${usd(p.entry_price)} (uPnL ${usd(p.unrealized_pnl)}, liq ${usd(p.liquidation_price)})`);
  console.log(`  ${label.padEnd(22)} collateral ${usd(h.collateral)}  equity ${usd(h.equity)}  IM ${usd(h.initial_margin)}  MM ${usd(h.maintenance_margin)}  free ${usd(h.free_collateral)}  ${pos.join("; ") || "no positions"}`);
}

/** runTradingDemo clears one BTC-USD trade between trader1 (sells) and trader2 (buys), submitted by trader3. */
export async function runTradingDemo(net: NetInfo): Promise<void> {
  const node = net.nodes[0];
  const k = (name: string) => net.keys.find((x) => x.name === name) as KeyInfo;
  const [seller, buyer, venue] = [k("trader1"), k("trader2"), k("trader3")];
  console.log(`\n--- clearing demo: ${seller.name} sells, ${buyer.name} buys, ${venue.name} (a venue) submits ---`);
  for (const t of [seller, buyer]) {
    const c = await SigningClearchainClient.connectWithSigner(node.rpc, await DirectSecp256k1HdWallet.fromMnemonic(t.mnemonic, { prefix: "clear" }));
    await c.deposit(t.address, 0, 10_000_000_000n);
    c.disconnect();
  }
  const oracle = (await (await fetch(`${node.api}/clearchain/oracle/v1/prices/BTC/USD`)).json()) as { price: { price_quantums: string } };
  const price = (BigInt(oracle.price.price_quantums) / 1_000_000n) * 1_000_000n; // on the $1 tick
  const height = Number(((await (await fetch(`${node.rpc}/status`)).json()) as any).result.sync_info.latest_block_height);
  const size = 5_000_000n; // 0.05 BTC
  const order = (owner: string, side: Side): Order => ({ owner, subaccountNumber: 0, marketId: 1, side, size, limitPrice: price,
    reduceOnly: false, nonce: BigInt(Date.now()), goodTilBlock: BigInt(height + 100), chainId: net.chain_id, venue: "" });
  const [sk, bk] = [await orderKeyFromMnemonic(seller.mnemonic), await orderKeyFromMnemonic(buyer.mnemonic)];
  const [mo, to] = [order(seller.address, Side.SIDE_SELL), order(buyer.address, Side.SIDE_BUY)];

  show(`${seller.name} before`, await health(node.api, seller.address));
  show(`${buyer.name} before`, await health(node.api, buyer.address));
  const fill = { makerOrder: mo, makerPubKey: sk.pubKey, makerSignature: await sk.sign(mo), takerOrder: to, takerPubKey: bk.pubKey,
    takerSignature: await bk.sign(to), size, price };
  const client = await SigningClearchainClient.connectWithSigner(node.rpc, await DirectSecp256k1HdWallet.fromMnemonic(venue.mnemonic, { prefix: "clear" }));
  const res = await client.signAndBroadcastQueued(venue.address, [{ typeUrl: "/clearchain.clearing.v1.MsgSubmitTrades", value: MsgSubmitTrades.fromPartial({ submitter: venue.address, fills: [fill] }) }], "auto", "");
  const out = MsgSubmitTradesResponse.decode(res.msgResponses[0].value);
  console.log(`  submitted by ${venue.name}: tx ${res.transactionHash} (height ${res.height}), settled ${out.settled}/1 fill of 0.05 BTC @ ${usd(price)}`);
  show(`${seller.name} after`, await health(node.api, seller.address));
  show(`${buyer.name} after`, await health(node.api, buyer.address));
  client.disconnect();
}
