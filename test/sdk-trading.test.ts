// The SDK's trading surface against a real node: orders signed with signOrder settle through submitTrades;
// oracle, market, health and what-if queries answer; transfer and setIsolated obey the margin rules.
import { buildOrder, ClearchainTxError, ClearingErrorCodes, composeFill, orderHash, orderSignerFromMnemonic, SigningClearchainClient } from "@clearchain/client";
import { loadNet, key, signingClient } from "./support/net";
import { status } from "./support/chain";

const net = loadNet();
const node = net.nodes[0];

describe("SDK trading", () => {
  let venue: SigningClearchainClient;
  let maker: SigningClearchainClient;
  const makerKey = key(net, "erin");
  const takerKey = key(net, "mallory");

  beforeAll(async () => {
    venue = await signingClient(net, "carol");
    maker = await signingClient(net, "erin");
    await maker.deposit(makerKey.address, 2, 5_000_000_000n);
    const taker = await signingClient(net, "mallory");
    await taker.deposit(takerKey.address, 2, 5_000_000_000n);
    taker.disconnect();
  });
  afterAll(() => {
    venue.disconnect();
    maker.disconnect();
  });

  test("oracle prices through the SDK", async () => {
    const prices = await venue.getPrices();
    expect(prices.map((p) => p.pair)).toEqual(["BTC/USD", "ETH/USD", "SOL/USD", "USDC/USD"]);
    const btc = await venue.getPrice("BTC/USD");
    expect(btc.priceQuantums).toBeGreaterThan(0n);
    expect(btc.stale).toBe(false);
    const history = await venue.getPriceHistory("BTC/USD");
    expect(history.points.length).toBeGreaterThan(0);
    expect(history.points[0].height).toBeGreaterThanOrEqual(history.points[history.points.length - 1].height);
  });

  test("signOrder + submitTrades settle; whatIf predicts the health the chain then reports", async () => {
    const markets = await venue.getMarkets();
    expect(markets.map((m) => m.market!.ticker)).toEqual(["BTC-USD", "ETH-USD", "SOL-USD"]);
    const eth = markets[1];
    const tick = eth.market!.tickSize;
    const price = (eth.oraclePrice / tick) * tick;
    const height = BigInt((await status(node.rpc)).height);
    const [ms, ts] = [await orderSignerFromMnemonic(makerKey.mnemonic), await orderSignerFromMnemonic(takerKey.mnemonic)];
    expect(ms.address).toBe(makerKey.address);
    const size = 100_000_000n; // 1 ETH
    const mo = buildOrder({ owner: makerKey.address, subaccountNumber: 2, marketId: 2, side: "buy", size, limitPrice: price, goodTilBlock: height + 100n, chainId: net.chain_id });
    const to = buildOrder({ owner: takerKey.address, subaccountNumber: 2, marketId: 2, side: "sell", size, limitPrice: price, goodTilBlock: height + 100n, chainId: net.chain_id });
    const predicted = await venue.whatIf(makerKey.address, 2, [{ marketId: 2, side: 1, size, price, isTaker: false }]);
    expect(predicted.meetsInitialMargin).toBe(true);

    const out = await venue.submitTrades(key(net, "carol").address, [composeFill(await ms.sign(mo), await ts.sign(to), size, price)]);
    expect(out.settled).toBe(1);
    const health = await venue.getSubaccountHealth(makerKey.address, 2);
    expect(health.positions[0].size).toBe(size);
    expect(health.collateral).toBe(predicted.after!.collateral);
    expect((await venue.getOrderFill(orderHash(mo))).filled).toBe(size);
  });

  test("transfer moves only free collateral; setIsolated needs a flat subaccount", async () => {
    const h = await maker.getSubaccountHealth(makerKey.address, 2);
    const err = await maker.transfer(makerKey.address, 2, 3, BigInt(h.withdrawable) + 1n).then(() => undefined, (e) => e);
    expect(err).toBeInstanceOf(ClearchainTxError);
    expect((err as ClearchainTxError).code).toBe(ClearingErrorCodes.InsufficientMargin);
    await maker.transfer(makerKey.address, 2, 3, 1_000_000n);
    expect((await maker.getSubaccount(makerKey.address, 3)).collateral).toBe("1000000");
    const notFlat = await maker.setIsolated(makerKey.address, 2, 1).then(() => undefined, (e) => e);
    expect((notFlat as ClearchainTxError).code).toBe(ClearingErrorCodes.NotFlat);
    await maker.setIsolated(makerKey.address, 3, 1);
    expect((await maker.getSubaccountHealth(makerKey.address, 3)).isolatedMarketId).toBe(1);
  });
});
