import { decimalFromJson, decimalToNumber, formatDecimal, mulDecimal, parseDecimal, SCALE, truncateDecimal } from "../src/decimal";

describe("parseDecimal / formatDecimal", () => {
  test.each([
    ["43210.57", "43210.57"],
    ["43210.57000000", "43210.57"],
    ["0.5", "0.5"],
    ["1", "1"],
    ["007", "7"],
    ["0", "0"],
    ["1e-7", "0.0000001"],
    ["1.5E3", "1500"],
    ["2.5e+2", "250"],
    ["0.000000000000000001", "0.000000000000000001"],
    ["0.0000000000000000019", "0.000000000000000001"], // truncated at 18 digits
    ["123456789012345678901234.5", "123456789012345678901234.5"],
  ])("%s → %s", (input, expected) => {
    expect(formatDecimal(parseDecimal(input))).toBe(expected);
  });

  test.each(["", " ", "-1", "+1", ".5", "5.", "1,5", "abc", "1e", "NaN", "Infinity", "1e999", "1".repeat(81), "0x10"])("rejects %j", (input) => {
    expect(() => parseDecimal(input)).toThrow();
  });

  test("format never uses an exponent and has at most 18 fractional digits", () => {
    for (const v of [1n, 10n ** 30n, 123n * 10n ** 40n, SCALE - 1n]) {
      const s = formatDecimal(v);
      expect(s).not.toMatch(/e/i);
      expect(s.split(".")[1]?.length ?? 0).toBeLessThanOrEqual(18);
      expect(parseDecimal(s)).toBe(v);
    }
  });

  test("format rejects negatives", () => {
    expect(() => formatDecimal(-1n)).toThrow();
  });
});

describe("decimal helpers", () => {
  test("decimalFromJson accepts strings and finite non-negative numbers", () => {
    expect(formatDecimal(decimalFromJson(" 97.41 "))).toBe("97.41");
    expect(formatDecimal(decimalFromJson(97.41))).toBe("97.41");
    expect(formatDecimal(decimalFromJson(1e-7))).toBe("0.0000001");
    for (const bad of [null, undefined, -1, Infinity, NaN, {}, [], true]) expect(() => decimalFromJson(bad)).toThrow();
  });

  test("mulDecimal is exact to 18 digits (no float drift)", () => {
    expect(formatDecimal(mulDecimal(parseDecimal("0.1"), parseDecimal("3")))).toBe("0.3");
    expect(formatDecimal(mulDecimal(parseDecimal("43210.57"), parseDecimal("10")))).toBe("432105.7");
    expect(formatDecimal(mulDecimal(parseDecimal("1.000000000000000001"), parseDecimal("0.5")))).toBe("0.5");
  });

  test("truncateDecimal keeps the requested digits", () => {
    expect(formatDecimal(truncateDecimal(parseDecimal("1.23456789"), 4))).toBe("1.2345");
    expect(formatDecimal(truncateDecimal(parseDecimal("1.5"), 0))).toBe("1");
    expect(() => truncateDecimal(1n, 19)).toThrow();
  });

  test("decimalToNumber is for display only", () => {
    expect(decimalToNumber(parseDecimal("43210.57"))).toBeCloseTo(43210.57, 6);
    expect(decimalToNumber(-SCALE)).toBe(-1);
  });
});
