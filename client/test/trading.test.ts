// Oracle and trading surface of both clients against the fake node: friendly views, submitTrades results,
// transfer/setIsolated errors, getMarginInputs + computeHealth, and gas for large batches.
import * as fs from "fs";
import * as path from "path";
import { toHex } from "@cosmjs/encoding";
import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import { Any } from "cosmjs-types/google/protobuf/any";

import { ClearchainClient } from "../src/client.js";
import { ClearchainTxError, ClearingErrorCodes } from "../src/errors.js";
import { Fill, Side } from "../src/generated/clearchain/clearing/v1/order.js";
import { Market, MarketState, MarketStatus } from "../src/generated/clearchain/clearing/v1/market.js";
import * as cq from "../src/generated/clearchain/clearing/v1/query.js";
import { MsgSetIsolated, MsgSubmitTrades, MsgSubmitTradesResponse, MsgTransfer } from "../src/generated/clearchain/clearing/v1/tx.js";
import * as oq from "../src/generated/clearchain/oracle/v1/query.js";
import { computeHealth, healthToJSON } from "../src/margin/index.js";
import { buildOrder, composeFill, orderHash } from "../src/orders.js";
import { orderSignerFromPrivkey, verifyOrderSignature } from "../src/orderSigner.js";
import { SigningClearchainClient } from "../src/signingClient.js";
import { FakeNode } from "./fakeNode.js";

const KEY = new Uint8Array(32).fill(7);
const MAKER = new Uint8Array(32).fill(8);
const TAKER = new Uint8Array(32).fill(9);
const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "test", "vectors", "margin.json"), "utf8"));
const ts = (seconds: number) => ({ seconds: BigInt(seconds), nanos: 250_000_000 });

// fromPartial: fields added to the protos later take their defaults.
const market = (id: number, ticker: string, pairId: number, sizeDecimals = 8) => Market.fromPartial({
  id, ticker, pairId, sizeDecimals, tickSize: 1_000_000n, stepSize: 10_000n, initialMarginPpm: 50_000n, maintenanceFractionPpm: 600_000n,
  oiLower: 0n, oiUpper: 0n, volatilityMultiplierPpm: 0n, maxImfPpm: 1_000_000n, imfStepLimitPpm: 10_000n, makerFeePpm: 200n,
  takerFeePpm: 500n, fundingIntervalBlocks: 60n, maxFundingRatePpm: 10_000n, interestRatePpm: -3n, status: MarketStatus.MARKET_STATUS_ACTIVE,
  fillPriceBandPpm: 50_000n,
});

const healthProto = (owner: string, number: number, collateral: string) => ({
  owner, number, collateral, equity: "-5", initialMargin: "7", maintenanceMargin: "4", freeCollateral: "-12", marginRatioPpm: 18446744073709551615n,
  leveragePpm: 3n, liquidatable: true, isolatedMarketId: 2, withdrawable: "0",
  positions: [{ marketId: 1, ticker: "BTC-USD", size: "-100000000", entryPrice: "60000000000", oraclePrice: 61_000_000_000n, notional: "61000000000",
    unrealizedPnl: "-1000000000", fundingOwed: "-12", imfPpm: 50_000n, initialMargin: "3050000000", maintenanceMargin: "1830000000", liquidationPrice: "0" }],
});

/** A fake chain with an oracle, three markets and a trade handler that verifies order signatures like the keeper. */
async function setup() {
  const wallet = await DirectSecp256k1Wallet.fromKey(KEY, "clear");
  const [{ address }] = await wallet.getAccounts();
  const node = new FakeNode();
  node.accounts.set(address, { accountNumber: 3n, sequence: 0 });
  const filled = new Map<string, bigint>();
  const q = node.queryHandlers;
  const prices = [
    { pair: "BTC/USD", price: "60123.450000", priceQuantums: 60_123_450_000n, decimals: 6, height: 41n, blockTime: ts(1_700_000_000), stale: false, halted: false,
      volatility: "0.000123000000000000", haltedUntilHeight: 0n, reporters: 4 },
    { pair: "USDC/USD", price: "0", priceQuantums: 0n, decimals: 8, height: 0n, blockTime: undefined, stale: true, halted: true, volatility: "0.000000000000000000",
      haltedUntilHeight: 77n, reporters: 0 },
  ];
  q.set("/clearchain.oracle.v1.Query/Prices", () => oq.QueryPricesResponse.encode({ prices, height: 42n }).finish());
  q.set("/clearchain.oracle.v1.Query/Price", (d) => {
    const { base, quote } = oq.QueryPriceRequest.decode(d);
    const p = prices.find((x) => x.pair === `${base}/${quote}`);
    if (!p) throw new Error(`pair ${base}/${quote} not found`);
    return oq.QueryPriceResponse.encode({ price: p }).finish();
  });
  q.set("/clearchain.oracle.v1.Query/PriceHistory", (d) => {
    const { base, quote } = oq.QueryPriceHistoryRequest.decode(d);
    return oq.QueryPriceHistoryResponse.encode({ pair: `${base}/${quote}`, decimals: 6, points: [
      { height: 41n, priceQuantums: 60_123_450_000n, blockTime: ts(1_700_000_001) }, { height: 40n, priceQuantums: 60_000_000_000n, blockTime: undefined },
    ] }).finish();
  });
  q.set("/clearchain.oracle.v1.Query/Pairs", () => oq.QueryPairsResponse.encode(oq.QueryPairsResponse.fromPartial({ pairs: [
    { id: 1, base: "BTC", quote: "USD", decimals: 6 }, { id: 2, base: "ETH", quote: "USD", decimals: 3 }, { id: 3, base: "SOL", quote: "USD", decimals: 9 },
  ] })).finish());
  q.set("/clearchain.oracle.v1.Query/Params", () => oq.QueryParamsResponse.encode({ params: { maxVoteExtensionBytes: 1, historyBlocks: 100, minReportingPowerPpm: 2n, maxPairs: 50 } }).finish());
  const views = [1, 2, 3].map((id) => ({
    market: market(id, ["BTC-USD", "ETH-USD", "SOL-USD"][id - 1], id),
    state: MarketState.fromPartial({ marketId: id, openInterest: 5n, imfEffectivePpm: id === 3 ? 0n : 70_000n, fundingIndex: "-123456789012345678901234", lastFundingHeight: 40n,
      premiumSumPpm: -7n, premiumSamples: 2n, lastFundingRatePpm: -1n, lastTradePrice: 59_000_000_000n,
      blockPremiumNotional: "123456789012345678901", blockPremiumWeightedPpm: "-98765432109876543210" }),
    effectiveStatus: MarketStatus.MARKET_STATUS_REDUCE_ONLY, oraclePrice: 61_000_000_000n,
  }));
  q.set("/clearchain.clearing.v1.Query/Markets", () => cq.QueryMarketsResponse.encode({ markets: views }).finish());
  q.set("/clearchain.clearing.v1.Query/Market", (d) => {
    const v = views.find((x) => x.market.id === cq.QueryMarketRequest.decode(d).id);
    if (!v) throw new Error("market not found");
    return cq.QueryMarketResponse.encode({ market: v }).finish();
  });
  q.set("/clearchain.clearing.v1.Query/SubaccountHealth", (d) => {
    const { owner, number } = cq.QuerySubaccountHealthRequest.decode(d);
    return cq.QuerySubaccountHealthResponse.encode({ health: healthProto(owner, number, "1000") }).finish();
  });
  q.set("/clearchain.clearing.v1.Query/OrderFill", (d) => {
    const { orderHash: h } = cq.QueryOrderFillRequest.decode(d);
    if (!/^[0-9a-fA-F]{64}$/.test(h)) throw new Error("order_hash must be 64 hex characters");
    return cq.QueryOrderFillResponse.encode({ state: { filled: filled.get(h.toLowerCase()) ?? 0n, goodTilBlock: filled.has(h.toLowerCase()) ? 99n : 0n } }).finish();
  });
  const whatIfRequests: cq.QueryWhatIfRequest[] = [];
  q.set("/clearchain.clearing.v1.Query/WhatIf", (d) => {
    const req = cq.QueryWhatIfRequest.decode(d);
    whatIfRequests.push(req);
    return cq.QueryWhatIfResponse.encode({ before: healthProto(req.owner, req.number, "1000"), after: healthProto(req.owner, req.number, "998"), meetsInitialMargin: true }).finish();
  });
  const verified = new Map<string, boolean>();
  const verify = (f: Fill) => {
    const k = toHex(f.makerSignature) + toHex(f.takerSignature) + orderHash(f.makerOrder!) + orderHash(f.takerOrder!);
    if (!verified.has(k)) {
      verified.set(k, verifyOrderSignature(f.makerOrder!, f.makerPubKey, f.makerSignature) && verifyOrderSignature(f.takerOrder!, f.takerPubKey, f.takerSignature));
    }
    return verified.get(k)!;
  };
  node.msgHandlers.set("/clearchain.clearing.v1.MsgSubmitTrades", (v) => {
    const msg = MsgSubmitTrades.decode(v);
    if (msg.fills.length === 0) return { code: 11, codespace: "clearing", log: "failed to execute message; message index: 0: no fills: invalid order" };
    const results = msg.fills.map((f, index) => {
      const ok = verify(f);
      if (!ok) return { index, success: false, codespace: "clearing", code: 12, log: "maker: signature does not verify: invalid order signature" };
      for (const o of [f.makerOrder!, f.takerOrder!]) filled.set(orderHash(o), (filled.get(orderHash(o)) ?? 0n) + f.size);
      return { index, success: true, codespace: "", code: 0, log: "" };
    });
    const value = MsgSubmitTradesResponse.encode({ results, settled: results.filter((r) => r.success).length }).finish();
    return Any.fromPartial({ typeUrl: "/clearchain.clearing.v1.MsgSubmitTradesResponse", value });
  });
  const transfers: MsgTransfer[] = [];
  node.msgHandlers.set("/clearchain.clearing.v1.MsgTransfer", (v) => {
    const m = MsgTransfer.decode(v);
    if (BigInt(m.amount!.amount) > 1000n) {
      return { code: 23, codespace: "clearing", log: `failed to execute message; message index: 0: requested ${m.amount!.amount}, withdrawable 1000: insufficient margin` };
    }
    transfers.push(m);
    return Any.fromPartial({ typeUrl: "/clearchain.clearing.v1.MsgTransferResponse", value: new Uint8Array() });
  });
  node.msgHandlers.set("/clearchain.clearing.v1.MsgSetIsolated", (v) => {
    const m = MsgSetIsolated.decode(v);
    if (m.subaccountNumber === 2) return { code: 28, codespace: "clearing", log: "failed to execute message; message index: 0: subaccount 2: subaccount has open positions" };
    return Any.fromPartial({ typeUrl: "/clearchain.clearing.v1.MsgSetIsolatedResponse", value: new Uint8Array() });
  });
  node.simulateGas = (body) => 90_000 + body.messages.reduce((g, m) => g + (m.typeUrl.endsWith("MsgSubmitTrades") ? 70_000 * MsgSubmitTrades.decode(m.value).fills.length : 10_000), 0);
  const client = SigningClearchainClient.createWithSigner(node.client(), wallet, { txPollIntervalMs: 5, txTimeoutMs: 2_000 });
  const reader = ClearchainClient.create(node.client());
  const timer = setInterval(() => node.produceBlock(), 15);
  return { node, address, client, reader, filled, whatIfRequests, transfers, stop: () => clearInterval(timer) };
}

async function signedFill(size = 10_000n, price = 60_000_000_000n, nonce = 1n) {
  const [maker, taker] = [await orderSignerFromPrivkey(MAKER), await orderSignerFromPrivkey(TAKER)];
  const common = { marketId: 1, size: 1_000_000n, limitPrice: price, nonce, goodTilBlock: 100n, chainId: "clearchain-unit" };
  const mo = await maker.sign(buildOrder({ owner: maker.address, side: "sell", ...common }));
  const to = await taker.sign(buildOrder({ owner: taker.address, side: "buy", ...common }));
  return composeFill(mo, to, size, price);
}

describe("oracle queries", () => {
  test("getPrices / getPrice / getPriceHistory / getOraclePairs return plain objects", async () => {
    const { reader, client, stop } = await setup();
    try {
      for (const c of [reader, client]) {
        const prices = await c.getPrices();
        expect(prices[0]).toEqual({
          pair: "BTC/USD", price: "60123.450000", priceQuantums: 60_123_450_000n, decimals: 6, height: 41n, blockTime: new Date(1_700_000_000_250),
          stale: false, halted: false, volatility: "0.000123000000000000", haltedUntilHeight: 0n, reporters: 4,
        });
        expect(prices[1]).toMatchObject({ pair: "USDC/USD", blockTime: undefined, stale: true, halted: true, haltedUntilHeight: 77n });
        expect(await c.getPrice("BTC/USD")).toEqual(prices[0]);
        const h = await c.getPriceHistory("BTC/USD");
        expect(h).toEqual({ pair: "BTC/USD", decimals: 6, points: [
          { height: 41n, priceQuantums: 60_123_450_000n, blockTime: new Date(1_700_000_001_250) }, { height: 40n, priceQuantums: 60_000_000_000n, blockTime: undefined },
        ] });
        expect((await c.getOraclePairs()).map((p) => [p.id, p.decimals])).toEqual([[1, 6], [2, 3], [3, 9]]);
        expect((await c.clearingQueryClient.oracle.params()).historyBlocks).toBe(100);
      }
      await expect(reader.getPrice("BTCUSD")).rejects.toThrow(TypeError);
      await expect(reader.getPrice("DOGE/USD")).rejects.toThrow(/not found/);
    } finally {
      stop();
    }
  });
});

describe("trading queries", () => {
  test("markets, health, what-if and order fills come back with bigint amounts", async () => {
    const { reader, address, whatIfRequests, stop } = await setup();
    try {
      const markets = await reader.getMarkets();
      expect(markets.map((m) => [m.id, m.ticker])).toEqual([[1, "BTC-USD"], [2, "ETH-USD"], [3, "SOL-USD"]]);
      expect(markets[0].market.tickSize).toBe(1_000_000n);
      expect(markets[0].market.interestRatePpm).toBe(-3n);
      expect(markets[0].state.fundingIndex).toBe(-123456789012345678901234n);
      expect(markets[0].state.blockPremiumNotional).toBe(123456789012345678901n);
      expect(markets[0].state.blockPremiumWeightedPpm).toBe(-98765432109876543210n);
      expect(markets[0].market.fillPriceBandPpm).toBe(50_000n);
      expect(markets[0].effectiveStatus).toBe(MarketStatus.MARKET_STATUS_REDUCE_ONLY);
      expect(markets[0].oraclePrice).toBe(61_000_000_000n);
      expect(await reader.getMarket(2)).toEqual(markets[1]);
      await expect(reader.getMarket(9)).rejects.toThrow(/not found/);

      const h = await reader.getSubaccountHealth(address, 4);
      expect(h).toEqual({
        owner: address, number: 4, collateral: 1000n, equity: -5n, initialMargin: 7n, maintenanceMargin: 4n, freeCollateral: -12n,
        marginRatioPpm: 18446744073709551615n, leveragePpm: 3n, liquidatable: true, isolatedMarketId: 2, withdrawable: 0n,
        positions: [{ marketId: 1, ticker: "BTC-USD", size: -100_000_000n, entryPrice: 60_000_000_000n, oraclePrice: 61_000_000_000n, notional: 61_000_000_000n,
          unrealizedPnl: -1_000_000_000n, fundingOwed: -12n, imfPpm: 50_000n, initialMargin: 3_050_000_000n, maintenanceMargin: 1_830_000_000n, liquidationPrice: 0n }],
      });

      const w = await reader.whatIf(address, 4, [
        { marketId: 1, side: "buy", size: 10_000n, price: "60000000000", isTaker: true }, { marketId: 2, side: Side.SIDE_SELL, size: 5, price: 7 },
      ]);
      expect(w.meetsInitialMargin).toBe(true);
      expect(w.before.collateral).toBe(1000n);
      expect(w.after.collateral).toBe(998n);
      expect(whatIfRequests[0].fills).toEqual([
        { marketId: 1, side: Side.SIDE_BUY, size: 10_000n, price: 60_000_000_000n, isTaker: true },
        { marketId: 2, side: Side.SIDE_SELL, size: 5n, price: 7n, isTaker: false },
      ]);
      await expect(reader.whatIf(address, 4, [{ marketId: 1, side: "hold", size: 1, price: 1 }])).rejects.toThrow(TypeError);
    } finally {
      stop();
    }
  });

  test("getMarginInputs feeds computeHealth exactly like the keeper feeds the Go engine", async () => {
    const c = vectors.health.find((v: { account: { positions: unknown[] | null } }) => (v.account.positions ?? []).length >= 2);
    const { node, reader, address, stop } = await setup();
    try {
      // Chain state shaped after a shared vector: price decimals come from the oracle pair, IMF from the market state.
      const q = node.queryHandlers;
      const views = Object.values(c.markets as Record<string, Record<string, string | number>>).map((m) => ({
        market: { ...market(Number(m.market_id), `M${m.market_id}`, Number(m.market_id) + 10, Number(m.size_decimals)), maintenanceFractionPpm: BigInt(m.maintenance_fraction_ppm),
          initialMarginPpm: BigInt(m.imf_ppm) },
        state: MarketState.fromPartial({ marketId: Number(m.market_id), openInterest: 0n, imfEffectivePpm: Number(m.market_id) === 1 ? BigInt(m.imf_ppm) : 0n, fundingIndex: String(m.funding_index),
          lastFundingHeight: 0n, premiumSumPpm: 0n, premiumSamples: 0n, lastFundingRatePpm: 0n, lastTradePrice: 0n,
          blockPremiumNotional: "0", blockPremiumWeightedPpm: "" }),
        effectiveStatus: MarketStatus.MARKET_STATUS_ACTIVE, oraclePrice: BigInt(m.oracle_price),
      }));
      q.set("/clearchain.clearing.v1.Query/Markets", () => cq.QueryMarketsResponse.encode({ markets: views }).finish());
      q.set("/clearchain.oracle.v1.Query/Pairs", () => oq.QueryPairsResponse.encode(oq.QueryPairsResponse.fromPartial({
        pairs: Object.values(c.markets as Record<string, { market_id: number; price_decimals: number }>).map((m) => ({ id: m.market_id + 10, decimals: m.price_decimals })),
      })).finish());
      q.set("/clearchain.clearing.v1.Query/Subaccount", () => cq.QuerySubaccountResponse.encode(cq.QuerySubaccountResponse.fromPartial({
        subaccount: { owner: address, number: 0, collateral: c.account.collateral, positions: (c.account.positions ?? []).map((p: Record<string, string | number>) => ({
          marketId: Number(p.market_id), size: String(p.size), quoteBalance: String(p.quote_balance), fundingIndex: String(p.funding_index) })) },
        owner: address, collateral: c.account.collateral, denom: "uusdc",
      })).finish());
      q.set("/clearchain.clearing.v1.Query/Params", () => cq.QueryParamsResponse.encode(cq.QueryParamsResponse.fromPartial({
        params: { collateralDenom: "uusdc", maxUpnlWithdrawPpm: BigInt(c.max_upnl_withdraw_ppm) } })).finish());
      const inputs = await reader.getMarginInputs(address, 0);
      expect(inputs.maxUpnlWithdrawPpm).toBe(BigInt(c.max_upnl_withdraw_ppm));
      expect(healthToJSON(computeHealth(inputs.account, inputs.markets, inputs.maxUpnlWithdrawPpm))).toEqual({ ...c.expected, positions: c.expected.positions ?? [] });
    } finally {
      stop();
    }
  });
});

describe("trading transactions", () => {
  test("submitTrades returns the per-fill results of the tx and getOrderFill sees the fills", async () => {
    const { client, address, stop } = await setup();
    try {
      const good = await signedFill(10_000n);
      const forged = { ...(await signedFill(10_000n, 60_000_000_000n, 2n)), makerSignature: new Uint8Array(64).fill(1) };
      const out = await client.submitTrades(address, [good, forged]);
      expect(out.response.code).toBe(0);
      expect(out.settled).toBe(1);
      expect(out.results.map((r) => [r.index, r.success, r.code])).toEqual([[0, true, 0], [1, false, ClearingErrorCodes.InvalidSignature]]);
      for (const ref of [orderHash(good.makerOrder!), orderHash(good.makerOrder!).toUpperCase(), good.makerOrder!]) {
        expect(await client.getOrderFill(ref)).toEqual({ filled: 10_000n, goodTilBlock: 99n });
      }
      expect(await client.getOrderFill(orderHash(forged.takerOrder!))).toEqual({ filled: 0n, goodTilBlock: 0n });
      await expect(client.getOrderFill("xyz")).rejects.toThrow(/64 hex/);
    } finally {
      stop();
    }
  });

  test("a failed SubmitTrades tx throws ClearchainTxError with the clearing code", async () => {
    const { client, node, address, stop } = await setup();
    try {
      node.simulateGas = () => 50_000;
      const err = await client.submitTrades(address, [], { amount: [{ denom: "uclear", amount: "5000" }], gas: "200000" }).catch((e) => e);
      expect(err).toBeInstanceOf(ClearchainTxError);
      expect((err as ClearchainTxError).is("clearing", ClearingErrorCodes.InvalidOrder)).toBe(true);
      expect((err as ClearchainTxError).stage).toBe("deliverTx");
    } finally {
      stop();
    }
  });

  test("fee 'auto' pays simulated gas × 1.5; a number is a multiplier; batches of 1,500 fills are simulated in chunks", async () => {
    const { client, node, address, stop } = await setup();
    try {
      const fill = await signedFill();
      await client.submitTrades(address, Array(10).fill(fill));
      expect(node.gasLimits.at(-1)).toBe(BigInt(Math.ceil((90_000 + 10 * 70_000) * 1.5)));
      await client.submitTrades(address, Array(10).fill(fill), 2);
      expect(node.gasLimits.at(-1)).toBe(BigInt((90_000 + 10 * 70_000) * 2));

      // A CometBFT RPC refuses bodies above 1 MB and the simulate request travels hex-encoded (×2).
      node.maxSimulateRequestBytes = 480_000;
      const batch: Fill[] = Array(1_500).fill(fill);
      node.simulateSizes.length = 0;
      const out = await client.submitTrades(address, batch);
      expect(out.settled).toBe(1_500);
      expect(node.simulateSizes.length).toBeGreaterThan(1);
      expect(Math.max(...node.simulateSizes)).toBeLessThanOrEqual(480_000);
      // Summed chunks: every fill's gas plus one ante overhead per chunk, times the multiplier.
      const chunks = node.simulateSizes.length;
      expect(node.gasLimits.at(-1)).toBe(BigInt(Math.ceil((chunks * 90_000 + 1_500 * 70_000) * 1.5)));
    } finally {
      stop();
    }
  });

  test("transfer and setIsolated: success, and the chain's margin errors as ClearchainTxError", async () => {
    const { client, address, transfers, stop } = await setup();
    try {
      const ok = await client.transfer(address, 0, 1, 500n);
      expect(ok.code).toBe(0);
      expect(transfers[0]).toEqual({ sender: address, fromNumber: 0, toNumber: 1, amount: { denom: "uusdc", amount: "500" } });
      await client.transfer(address, 0, 1, "7uusdc");
      expect(transfers[1].amount).toEqual({ denom: "uusdc", amount: "7" });
      const margin = await client.transfer(address, 0, 1, 1001).catch((e) => e);
      expect((margin as ClearchainTxError).code).toBe(ClearingErrorCodes.InsufficientMargin);
      expect((margin as ClearchainTxError).codespace).toBe("clearing");
      expect((await client.setIsolated(address, 3, 1)).code).toBe(0);
      const notFlat = await client.setIsolated(address, 2, 1).catch((e) => e);
      expect(notFlat).toBeInstanceOf(ClearchainTxError);
      expect((notFlat as ClearchainTxError).code).toBe(ClearingErrorCodes.NotFlat);
    } finally {
      stop();
    }
  });
});
