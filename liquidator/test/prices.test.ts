// The feeder price source and the conversion of its decimal prices to each market's price quantums.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { formatUnits, parseUnits } from "../src/decimal";
import { FeederPriceSource, predictedPrices } from "../src/prices";
import { subaccountsInEvents } from "../src/chain";

describe("decimals", () => {
  test("parseUnits truncates like the chain parses feeder prices; formatUnits drops trailing zeros", () => {
    expect(parseUnits("57000", 6)).toBe(57_000_000_000n);
    expect(parseUnits("0.1234567", 6)).toBe(123_456n);
    expect(parseUnits("12", 0)).toBe(12n);
    expect(() => parseUnits("-1", 6)).toThrow();
    expect(() => parseUnits("1e5", 6)).toThrow();
    expect(formatUnits(1_500_000n, 6)).toBe("1.5");
    expect(formatUnits(-10n, 6)).toBe("-0.00001");
    expect(formatUnits(0n, 6)).toBe("0");
  });
});

describe("FeederPriceSource", () => {
  let server: http.Server;
  let url: string;
  let reply: { code: number; body: string };
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(reply.code, { "content-type": "application/json" });
      res.end(reply.body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prices`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test("reads the feeder's /prices body and maps pairs to markets with their on-chain decimals", async () => {
    reply = { code: 200, body: JSON.stringify({ timestamp_ms: 1700000000123, prices: { "BTC/USD": "57000.1234567", "ETH/USD": "2999.5", "BAD/USD": -1 } }) };
    const q = await new FeederPriceSource(url).fetch();
    expect(q).toEqual({ timestampMs: 1700000000123, prices: { "BTC/USD": "57000.1234567", "ETH/USD": "2999.5" } });
    expect(predictedPrices(q, [{ marketId: 1, pair: "BTC/USD", decimals: 6 }, { marketId: 2, pair: "ETH/USD", decimals: 3 }, { marketId: 3, pair: "SOL/USD", decimals: 6 }]))
      .toEqual({ 1: 57_000_123_456n, 2: 2_999_500n });
  });

  test("HTTP errors and malformed bodies throw", async () => {
    reply = { code: 503, body: "{}" };
    await expect(new FeederPriceSource(url).fetch()).rejects.toThrow("HTTP 503");
    reply = { code: 200, body: JSON.stringify({ nope: 1 }) };
    await expect(new FeederPriceSource(url).fetch()).rejects.toThrow("no \"prices\"");
    await expect(new FeederPriceSource("http://127.0.0.1:1/prices", 200).fetch()).rejects.toThrow();
  });
});

describe("subaccountsInEvents (discovery)", () => {
  const attrs = (o: Record<string, unknown>) => Object.entries(o).map(([key, v]) => ({ key, value: JSON.stringify(v) }));
  test("fills name both sides, liquidations the receiver, ADL the counterparty", () => {
    expect(subaccountsInEvents([
      { type: "clearchain.clearing.v1.EventFill", attributes: attrs({ market_id: 1, maker_owner: "clear1m", maker_number: 2, taker_owner: "clear1t", taker_number: 0 }) },
      { type: "clearchain.clearing.v1.EventLiquidation", attributes: attrs({ owner: "clear1v", number: 1, liquidator: "clear1l", liquidator_number: 3 }) },
      { type: "clearchain.clearing.v1.EventDeleverage", attributes: attrs({ owner: "clear1v", number: 1, counterparty: "clear1c", counterparty_number: 4 }) },
      { type: "message", attributes: attrs({ sender: "clear1x" }) },
    ])).toEqual([
      { owner: "clear1m", number: 2 }, { owner: "clear1t", number: 0 }, { owner: "clear1v", number: 1 }, { owner: "clear1l", number: 3 },
      { owner: "clear1v", number: 1 }, { owner: "clear1c", number: 4 },
    ]);
  });
});
