// Command-line flags of clearchain-liquidator.
import { MNEMONIC_ENV, parseArgs, parseWatch, UsageError } from "../src/args";

const MNEMONIC = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
const env = { [MNEMONIC_ENV]: MNEMONIC };
const run = (argv: string[], e: NodeJS.ProcessEnv = env, files: Record<string, string> = {}) => {
  const r = parseArgs(argv, e, (p) => {
    if (!(p in files)) throw new Error(`ENOENT: ${p}`);
    return files[p];
  });
  if (r.kind !== "run") throw new Error(r.kind);
  return r.config;
};

describe("parseArgs", () => {
  test("defaults", () => {
    expect(run([])).toMatchObject({
      rpc: "http://127.0.0.1:26657", rest: "http://127.0.0.1:1317", pricesUrl: undefined, mnemonic: MNEMONIC, mnemonicSource: `env ${MNEMONIC_ENV}`,
      subaccount: 0, minProfit: 0n, maxSize: 0n, intervalMs: 500, metricsHost: "127.0.0.1", metricsPort: 7181, dryRun: false, gasLimit: 400_000,
      gasPriceAmount: "0.025", gasPriceDenom: "uclear", gasTokenPriceUsdc: 1_000_000n, deposit: undefined, watch: [], discoveryBlocks: 10_000, logLevel: "info",
    });
  });

  test("every flag", () => {
    const c = run(["--rpc", "http://n:1/", "--rest=http://n:2", "--prices", "http://127.0.0.1:7171/prices", "--mnemonic-file", "/k", "--subaccount", "5",
      "--min-profit", "1.25", "--max-size", "10000", "--interval-ms", "250", "--metrics-listen", "[::1]:0", "--dry-run", "--gas-limit", "300000",
      "--gas-price", "0.03uclear", "--gas-token-price", "0.5", "--deposit", "10000", "--watch", "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu/7",
      "--watch", "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", "--discovery-blocks", "5", "--log-level", "debug"], {}, { "/k": `  ${MNEMONIC}\n` });
    expect(c).toMatchObject({
      rpc: "http://n:1", rest: "http://n:2", pricesUrl: "http://127.0.0.1:7171/prices", mnemonic: MNEMONIC, mnemonicSource: "file /k", subaccount: 5,
      minProfit: 1_250_000n, maxSize: 10_000n, intervalMs: 250, metricsHost: "::1", metricsPort: 0, dryRun: true, gasLimit: 300_000, gasPriceAmount: "0.03",
      gasTokenPriceUsdc: 500_000n, deposit: 10_000_000_000n, discoveryBlocks: 5, logLevel: "debug",
      watch: [{ owner: "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", number: 7 }, { owner: "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu" }],
    });
  });

  test.each([
    [[], {}, "a key is required"],
    [["--mnemonic-file", "/missing"], {}, "--mnemonic-file /missing"],
    [[], { [MNEMONIC_ENV]: "too short" }, "fewer than 12 words"],
    [["--subaccount", "128"], env, "between 0 and 127"],
    [["--min-profit", "-1"], env, "USDC amount"],
    [["--max-size", "1.5"], env, "whole number"],
    [["--max-size", "18446744073709551616"], env, "uint64"],
    [["--interval-ms", "10"], env, "between 50"],
    [["--metrics-listen", "0.0.0.0:7181"], env, "non-loopback"],
    [["--metrics-listen", "nope"], env, "HOST:PORT"],
    [["--gas-price", "cheap"], env, "0.025uclear"],
    [["--rpc", "ftp://x"], env, "http or https"],
    [["--prices", "not a url"], env, "invalid URL"],
    [["--watch", "cosmos1abc"], env, "clear1"],
    [["--watch", "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu/200"], env, "above 127"],
    [["--log-level", "loud"], env, "--log-level"],
    [["--bogus"], env, "unknown flag"],
    [["--rpc"], env, "needs a value"],
    [["--dry-run=1"], env, "takes no value"],
    [["--rpc", "http://a", "--rpc", "http://b"], env, "more than once"],
    [["stray"], env, "unexpected argument"],
  ])("%j is a usage error", (argv, e, msg) => {
    expect(() => run(argv as string[], e as NodeJS.ProcessEnv)).toThrow(UsageError);
    expect(() => run(argv as string[], e as NodeJS.ProcessEnv)).toThrow(msg as string);
  });

  test("--allow-non-loopback, --help and --version", () => {
    expect(run(["--metrics-listen", "0.0.0.0:9", "--allow-non-loopback"]).metricsHost).toBe("0.0.0.0");
    expect(parseArgs(["--help"], {}).kind).toBe("help");
    expect(parseArgs(["-h"], {}).kind).toBe("help");
    expect(parseArgs(["--version"], {}).kind).toBe("version");
    expect(parseWatch("clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu/0")).toEqual({ owner: "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", number: 0 });
  });
});
