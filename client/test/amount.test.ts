import { formatCoin, isBareAmount, parseAmount } from "../src/amount.js";

describe("parseAmount", () => {
  it("treats bare numbers, bigints and integer strings as the collateral denom", () => {
    expect(parseAmount(100, "uusdc")).toEqual({ denom: "uusdc", amount: "100" });
    expect(parseAmount(123456789012345678901234567890n, "uusdc")).toEqual({
      denom: "uusdc",
      amount: "123456789012345678901234567890",
    });
    expect(parseAmount("250", "uusdc")).toEqual({ denom: "uusdc", amount: "250" });
    expect(parseAmount(" 007 ", "uxyz")).toEqual({ denom: "uxyz", amount: "7" });
  });

  it("parses coin strings", () => {
    expect(parseAmount("100uusdc", "uclear")).toEqual({ denom: "uusdc", amount: "100" });
    expect(parseAmount("5 uatom", "uusdc")).toEqual({ denom: "uatom", amount: "5" });
    expect(parseAmount("1ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2", "uusdc")).toEqual({
      denom: "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2",
      amount: "1",
    });
  });

  it("passes Coin objects through", () => {
    expect(parseAmount({ denom: "uusdc", amount: "42" }, "uclear")).toEqual({ denom: "uusdc", amount: "42" });
    expect(parseAmount({ denom: "uatom", amount: "1" }, "uusdc")).toEqual({ denom: "uatom", amount: "1" });
  });

  it("keeps zero and negative amounts for the chain to reject", () => {
    expect(parseAmount(0, "uusdc")).toEqual({ denom: "uusdc", amount: "0" });
    expect(parseAmount(-5, "uusdc")).toEqual({ denom: "uusdc", amount: "-5" });
    expect(parseAmount(-5n, "uusdc")).toEqual({ denom: "uusdc", amount: "-5" });
    expect(parseAmount("-10", "uusdc")).toEqual({ denom: "uusdc", amount: "-10" });
    expect(parseAmount("-10uusdc", "uclear")).toEqual({ denom: "uusdc", amount: "-10" });
    expect(parseAmount({ denom: "uusdc", amount: "-3" }, "uusdc")).toEqual({ denom: "uusdc", amount: "-3" });
  });

  it("rejects garbage with a TypeError", () => {
    for (const bad of ["abc", "", "1.5", "1e6", "uusdc100", "100u", "--1", "+5"]) {
      expect(() => parseAmount(bad, "uusdc")).toThrow(TypeError);
    }
    expect(() => parseAmount(1.5, "uusdc")).toThrow(TypeError);
    expect(() => parseAmount(Number.NaN, "uusdc")).toThrow(TypeError);
    expect(() => parseAmount(Number.POSITIVE_INFINITY, "uusdc")).toThrow(TypeError);
    expect(() => parseAmount(2 ** 60, "uusdc")).toThrow(TypeError);
    expect(() => parseAmount({ denom: "uusdc", amount: "abc" }, "uusdc")).toThrow(TypeError);
    expect(() => parseAmount(null as never, "uusdc")).toThrow(TypeError);
    expect(() => parseAmount({ denom: "uusdc" } as never, "uusdc")).toThrow(TypeError);
  });
});

describe("isBareAmount / formatCoin", () => {
  it("detects amounts without a denom", () => {
    expect(isBareAmount(1)).toBe(true);
    expect(isBareAmount(1n)).toBe(true);
    expect(isBareAmount("12")).toBe(true);
    expect(isBareAmount("-12")).toBe(true);
    expect(isBareAmount("12uusdc")).toBe(false);
    expect(isBareAmount({ denom: "uusdc", amount: "1" })).toBe(false);
    expect(isBareAmount("abc")).toBe(false);
  });

  it("formats coins", () => {
    expect(formatCoin({ denom: "uusdc", amount: "100" })).toBe("100uusdc");
  });
});
