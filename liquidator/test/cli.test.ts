// The CLI in-process (fake chain, real price server, /metrics and /healthz) and as a process (bin, signals, exit codes).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../src/cli";
import { BTC, FakeChain, USD } from "./fakeChain";

const MNEMONIC = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
const ADDRESS = "clear19rl4cm2hmr8afy4kldpxz3fka4jguq0alqsutf"; // of MNEMONIC at m/44'/118'/0'/0/0
const BIN = path.join(__dirname, "..", "bin", "clearchain-liquidator.js");
const usdc = (x: number) => BigInt(Math.round(x * 1e6));

async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("main (in process)", () => {
  let prices: http.Server;
  let pricesUrl: string;
  let btc = "60000";
  beforeAll(async () => {
    prices = http.createServer((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ timestamp_ms: Date.now(), prices: { "BTC/USD": btc } }));
    });
    await new Promise<void>((r) => prices.listen(0, "127.0.0.1", () => r()));
    pricesUrl = `http://127.0.0.1:${(prices.address() as AddressInfo).port}/prices`;
  });
  afterAll(() => new Promise<void>((r) => prices.close(() => r())));

  test("follows the feeder, liquidates, serves metrics and health, stops on request", async () => {
    const out: string[] = [];
    let stop!: (reason: string) => void;
    const chain = new FakeChain(ADDRESS);
    chain.put("clear1trader000000000000000000000000000000", 0, BTC, 60_000n * USD, usdc(4_000), 95);
    const exit = main(["--prices", pricesUrl, "--metrics-listen", "127.0.0.1:0", "--interval-ms", "50", "--deposit", "10000"], {
      stdout: (t) => void out.push(...t.trim().split("\n")), stderr: (t) => void out.push(t), env: { CLEARCHAIN_LIQUIDATOR_MNEMONIC: MNEMONIC },
      waitForStop: () => new Promise((r) => (stop = r)), connect: async (_c, address) => {
        expect(address).toBe(ADDRESS);
        return chain;
      },
    });
    const events = () => out.map((l) => JSON.parse(l) as Record<string, unknown>);
    const started = await until("started", () => events().find((e) => e.event === "started"));
    expect(started).toMatchObject({ address: ADDRESS, prices: pricesUrl, gas_cost_usdc: "0.01", dry_run: false });
    const base = String(started.metrics_url).replace(/\/metrics$/, "");
    await until("healthy", async () => (await fetch(`${base}/healthz`)).status === 200);
    btc = "57000";
    await until("submitted", () => events().find((e) => e.event === "liquidation_submitted"));
    chain.oracle.set(1, 57_000n * USD); // the next block's oracle update; the takeover executes after it
    await until("a liquidation", () => chain.liquidations.length > 0);
    const metrics = await until("metrics", async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      return /liquidator_liquidations_total\{market="1",result="success"\} 1/.test(text) ? text : undefined;
    });
    expect(metrics).toContain("liquidator_up 1");
    expect(metrics).toContain("liquidator_chain_up 1");
    expect(metrics).toContain("liquidator_price_source_up 1");
    expect(metrics).toMatch(/liquidator_discount_usdc_total\{market="1"\} [1-9]/);
    const health = await (await fetch(`${base}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", address: ADDRESS, subaccount: 0 });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(405);
    const t0 = Date.now();
    stop("SIGTERM");
    expect(await exit).toBe(0);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(events().at(-1)).toMatchObject({ event: "stopped", reason: "SIGTERM" });
  });

  test("usage errors exit 2, --help and --version 0", async () => {
    const io = (sink: string[]) => ({ stdout: (t: string) => void sink.push(t), stderr: (t: string) => void sink.push(t), env: {}, waitForStop: async () => "x" });
    const a: string[] = [];
    expect(await main(["--bogus"], io(a))).toBe(2);
    expect(a.join("")).toContain("unknown flag --bogus");
    const b: string[] = [];
    expect(await main(["--help"], io(b))).toBe(0);
    expect(b.join("")).toContain("--min-profit USDC");
    const c: string[] = [];
    expect(await main(["--version"], io(c))).toBe(0);
    expect(c.join("").trim()).toBe("0.1.0");
  });
});

describe("the built CLI process", () => {
  const built = fs.existsSync(path.join(__dirname, "..", "dist", "cli.js"));
  (built ? test : test.skip)("runs without a node (chain_unreachable, metrics served), exits 0 on SIGTERM within the budget", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "liq-"));
    const keyFile = path.join(dir, "key");
    fs.writeFileSync(keyFile, MNEMONIC);
    const child = spawn(process.execPath, [BIN, "--rpc", "http://127.0.0.1:1", "--rest", "http://127.0.0.1:1", "--mnemonic-file", keyFile,
      "--metrics-listen", "127.0.0.1:0", "--interval-ms", "100"], { stdio: ["ignore", "pipe", "pipe"] });
    const lines: Array<Record<string, unknown>> = [];
    child.stdout.on("data", (d: Buffer) => {
      for (const l of d.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l));
    });
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    try {
      const started = await until("started", () => lines.find((e) => e.event === "started"));
      await until("chain_unreachable", () => lines.find((e) => e.event === "chain_unreachable"));
      const text = await (await fetch(String(started.metrics_url))).text();
      expect(text).toContain("liquidator_chain_up 0");
      expect((await fetch(String(started.metrics_url).replace("/metrics", "/healthz"))).status).toBe(503);
      const t0 = Date.now();
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(Date.now() - t0).toBeLessThan(2_500);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  (built ? test : test.skip)("a usage error exits 2 with the usage text on stderr", async () => {
    const child = spawn(process.execPath, [BIN, "--interval-ms", "1"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CLEARCHAIN_LIQUIDATOR_MNEMONIC: MNEMONIC } });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    expect(await new Promise((r) => child.once("exit", r))).toBe(2);
    expect(err).toContain("--interval-ms must be between 50");
    expect(err).toContain("Usage: clearchain-liquidator");
  });
});
