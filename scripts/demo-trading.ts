// The localnet trading demo: two traders sign orders, a third account (the "venue") submits the matched trade,
// and the chain settles it; health before and after comes from the chain's margin engine. It uses only the public
// @clearchain/client API: Network.localnet(), markets by ticker, human units, order signing and submitTrades.
import {
  buildOrder, composeFill, type LocalnetState, Network, orderSignerFromMnemonic, priceToQuantums, quantumsToPrice, quantumsToSize,
  type SigningClearchainClient, sizeToQuantums, type SubaccountHealthInfo, type TradingMarket,
} from "@clearchain/client";

const COLLATERAL_DECIMALS = 6;
/** usd renders collateral base units (6 decimals) as dollars with two decimals. */
const usd = (v: bigint) => Number(quantumsToPrice({ priceDecimals: COLLATERAL_DECIMALS }, v)).toLocaleString("en-US", { maximumFractionDigits: 2 });

function show(label: string, m: TradingMarket, h: SubaccountHealthInfo): void {
  const pos = h.positions.map((p) => `${p.ticker} ${quantumsToSize(m, p.size)} @ ${quantumsToPrice(m, p.entryPrice)} (uPnL ${usd(p.unrealizedPnl)}, liq ${quantumsToPrice(m, p.liquidationPrice)})`);
  console.log(`  ${label.padEnd(22)} collateral ${usd(h.collateral)}  equity ${usd(h.equity)}  IM ${usd(h.initialMargin)}  MM ${usd(h.maintenanceMargin)}  free ${usd(h.freeCollateral)}  ${pos.join("; ") || "no positions"}`);
}

/** runTradingDemo clears one BTC-USD trade between trader1 (sells) and trader2 (buys), submitted by trader3. */
export async function runTradingDemo(state?: LocalnetState): Promise<void> {
  const net = await Network.localnet(state ? { state } : {});
  const [seller, buyer, venue] = ["trader1", "trader2", "trader3"].map((n) => net.key(n));
  console.log(`\n--- clearing demo: ${seller.name} sells, ${buyer.name} buys, ${venue.name} (a venue) submits ---`);
  const clients: SigningClearchainClient[] = [];
  try {
    for (const t of [seller, buyer]) {
      const c = await net.connectWithSigner(t.name);
      clients.push(c);
      await c.deposit(t.address, 0, 10_000_000_000n);
    }
    const client = await net.connectWithSigner(venue.name);
    clients.push(client);
    const btc = await client.getTradingMarket("BTC-USD");
    const oracle = await client.getPrice("BTC/USD");
    // The oracle price on the market's tick (rounded down), and 0.05 BTC in base quantums.
    const price = priceToQuantums(btc, oracle.price, "down", { tick: "down" });
    const size = sizeToQuantums(btc, "0.05", "exact", { step: "down" });
    const goodTilBlock = (await client.getHeight()) + 100;
    const [sk, bk] = [await orderSignerFromMnemonic(seller.mnemonic ?? ""), await orderSignerFromMnemonic(buyer.mnemonic ?? "")];
    const order = (owner: string, side: "buy" | "sell") =>
      buildOrder({ owner, marketId: btc.id, side, size, limitPrice: price, goodTilBlock, chainId: net.chainId });

    show(`${seller.name} before`, btc, await client.getSubaccountHealth(seller.address, 0));
    show(`${buyer.name} before`, btc, await client.getSubaccountHealth(buyer.address, 0));
    const fill = composeFill(await sk.sign(order(seller.address, "sell")), await bk.sign(order(buyer.address, "buy")), size, price);
    const res = await client.submitTrades(venue.address, [fill]);
    console.log(`  submitted by ${venue.name}: tx ${res.response.transactionHash} (height ${res.response.height}), settled ${res.settled}/1 fill of ` +
      `${quantumsToSize(btc, size)} BTC @ ${quantumsToPrice(btc, price)}`);
    show(`${seller.name} after`, btc, await client.getSubaccountHealth(seller.address, 0));
    show(`${buyer.name} after`, btc, await client.getSubaccountHealth(buyer.address, 0));
  } finally {
    for (const c of clients) c.disconnect();
  }
}
