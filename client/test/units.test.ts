// Human units <-> quantums: exact, bigint, with documented rounding.
import {
  decimalToQuantums, isMsgDisabled, Network, priceToQuantums, toCircuitStateInfo, quantumsToDecimal, quantumsToPrice, quantumsToSize, roundToStep, roundToTick, sizeToQuantums,
} from "../src";

const BTC = { ticker: "BTC-USD", priceDecimals: 6, sizeDecimals: 8, tickSize: 500_000n, stepSize: 10_000n };

describe("human units", () => {
  it("converts prices and sizes exactly", () => {
    expect(priceToQuantums(BTC, "59374.5")).toBe(59_374_500_000n);
    expect(priceToQuantums(BTC, 59374.5)).toBe(59_374_500_000n);
    expect(priceToQuantums(BTC, 59374n)).toBe(59_374_000_000n);
    expect(sizeToQuantums(BTC, "0.25")).toBe(25_000_000n);
    expect(sizeToQuantums(BTC, ".5")).toBe(50_000_000n);
    expect(quantumsToPrice(BTC, 59_374_500_000n)).toBe("59374.5");
    expect(quantumsToSize(BTC, 1n)).toBe("0.00000001");
    expect(quantumsToSize(BTC, 100_000_000n)).toBe("1");
    expect(quantumsToDecimal(-5n, 2)).toBe("-0.05");
    // Larger than 2^53: no float anywhere.
    expect(priceToQuantums(BTC, "123456789012345.123456")).toBe(123_456_789_012_345_123_456n);
    expect(quantumsToPrice(BTC, 123_456_789_012_345_123_456n)).toBe("123456789012345.123456");
  });

  it("refuses lost precision unless a rounding mode is given", () => {
    expect(() => priceToQuantums(BTC, "1.0000001")).toThrow(RangeError);
    expect(priceToQuantums(BTC, "1.0000001", "down")).toBe(1_000_000n);
    expect(priceToQuantums(BTC, "1.0000001", "up")).toBe(1_000_001n);
    expect(priceToQuantums(BTC, "1.0000005", "nearest")).toBe(1_000_001n);
    expect(priceToQuantums(BTC, "1.0000004", "nearest")).toBe(1_000_000n);
    expect(decimalToQuantums("-1.5", 0, "nearest")).toBe(-2n); // halves away from zero
    expect(decimalToQuantums("-1.5", 0, "down")).toBe(-1n); // toward zero
    expect(() => priceToQuantums(BTC, "-1")).toThrow(RangeError);
    expect(() => priceToQuantums(BTC, "1e3")).toThrow(TypeError);
    expect(() => priceToQuantums(BTC, "abc")).toThrow(TypeError);
    expect(() => priceToQuantums(BTC, 1e21)).toThrow(RangeError);
  });

  it("rounds to tick and step (default down), or in one call", () => {
    expect(roundToTick(BTC, 59_374_700_000n)).toBe(59_374_500_000n);
    expect(roundToTick(BTC, 59_374_700_000n, "up")).toBe(59_375_000_000n);
    expect(roundToTick(BTC, 59_374_500_000n, "up")).toBe(59_374_500_000n);
    expect(roundToStep(BTC, 25_005_000n)).toBe(25_000_000n);
    expect(roundToStep(BTC, 25_005_000n, "nearest")).toBe(25_010_000n);
    expect(() => roundToStep(BTC, 25_005_000n, "exact")).toThrow(RangeError);
    expect(priceToQuantums(BTC, "59374.7", "exact", { tick: "down" })).toBe(59_374_500_000n);
    expect(sizeToQuantums(BTC, "0.250051", "exact", { step: "down" })).toBe(25_000_000n);
    expect(() => roundToTick({ tickSize: 0n }, 5n)).toThrow(RangeError);
  });
});

describe("Network presets", () => {
  const state = {
    chain_id: "clearchain-localnet",
    nodes: [{ name: "node0", rpc: "http://127.0.0.1:26601", api: "http://127.0.0.1:26602" }, { name: "node1", rpc: "http://127.0.0.1:26611" }],
    keys: [{ name: "trader1", address: "clear1x", mnemonic: "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about" }],
  };

  it("localnet reads localnet.json (given or from a path) and builds signers of its keys", async () => {
    const n = await Network.localnet({ state, node: 1 });
    expect(n).toMatchObject({ chainId: "clearchain-localnet", rpcUrl: "http://127.0.0.1:26611", bech32Prefix: "clear", collateralDenom: "uusdc" });
    expect(n.nodes).toHaveLength(2);
    const [acc] = await (await n.signer("trader1")).getAccounts();
    expect(acc.address).toMatch(/^clear1/);
    expect(() => n.key("nobody")).toThrow(/no key "nobody"/);
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "net-")), "localnet.json");
    fs.writeFileSync(file, JSON.stringify(state));
    expect((await Network.localnet({ path: file })).restUrl).toBe("http://127.0.0.1:26602");
  });

  it("builds Keplr's suggest-chain object with the network's endpoints", async () => {
    const n = await Network.localnet({ state, node: 1 });
    const info = n.keplrChainInfo();
    expect(info).toMatchObject({ chainId: "clearchain-localnet", rpc: "http://127.0.0.1:26611" });
    expect(() => Network.custom({ chainId: "clearchain-1", rpcUrl: "https://rpc.example" }).keplrChainInfo()).toThrow(/not clearchain-1/);
  });

  it("custom validates and applies defaults", () => {
    const n = Network.custom({ chainId: "clearchain-1", rpcUrl: "https://rpc.example", gasPrice: "0.1uclear" });
    expect(n).toMatchObject({ chainId: "clearchain-1", gasPrice: "0.1uclear", feeDenom: "uclear", keys: [] });
    expect(() => Network.custom({ chainId: "x", rpcUrl: "127.0.0.1:1" })).toThrow(TypeError);
  });
});

describe("circuit views", () => {
  it("groups disabled message types by module", () => {
    const s = toCircuitStateInfo(["/clearchain.clearing.v1.MsgSubmitTrades", "/clearchain.oracle.v1.MsgUpsertPair", "/cosmos.bank.v1beta1.MsgSend"]);
    expect(s.byModule).toEqual({ clearing: ["/clearchain.clearing.v1.MsgSubmitTrades"], oracle: ["/clearchain.oracle.v1.MsgUpsertPair"], other: ["/cosmos.bank.v1beta1.MsgSend"] });
    expect(isMsgDisabled(s.disabled, "/cosmos.bank.v1beta1.MsgSend")).toBe(true);
    expect(isMsgDisabled(s.disabled, "/x.Y")).toBe(false);
  });
});
