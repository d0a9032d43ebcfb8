import * as path from "node:path";
import { main, type CliIo } from "../src/cli";
import { getJsonBody, PRICE_RE, waitFor } from "./helpers/util";

const CRASH = path.join(__dirname, "..", "fixtures", "crash-30pct-5min.csv");

/** An in-memory CliIo; call stop() to make waitForStop resolve. */
function memoryIo() {
  let out = "";
  let err = "";
  let stop!: (reason: string) => void;
  const stopped = new Promise<string>((r) => (stop = r));
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), waitForStop: () => stopped };
  return {
    io,
    stop,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    events: (): Array<Record<string, any>> =>
      out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, any>),
  };
}

describe("main (in process)", () => {
  test("--help prints usage and exits 0", async () => {
    const m = memoryIo();
    expect(await main(["--help"], m.io)).toBe(0);
    expect(m.out).toContain("Usage: clearchain-feeder");
    expect(m.out).toContain("--price-multiplier X       TEST-ONLY");
  });

  test("--version prints the package version", async () => {
    const m = memoryIo();
    expect(await main(["--version"], m.io)).toBe(0);
    expect(m.out).toBe("0.1.0\n");
  });

  test("a usage error exits 2 with the message and usage on stderr", async () => {
    const m = memoryIo();
    expect(await main(["--listen", "0.0.0.0:7171", "--source", "synthetic:1"], m.io)).toBe(2);
    expect(m.err).toMatch(/^clearchain-feeder: refusing to listen on non-loopback host/);
    expect(m.err).toContain("Usage:");
    expect(m.out).toBe("");
  });

  test("an unreadable replay file exits 1 with a startup_failed event", async () => {
    const m = memoryIo();
    expect(await main(["--listen", "127.0.0.1:0", "--source", "replay:/nonexistent/file.csv"], m.io)).toBe(1);
    expect(m.events()).toEqual([expect.objectContaining({ level: "error", event: "startup_failed", error: expect.stringContaining("ENOENT") })]);
  });

  test("runs, logs started with the bound address, serves prices, stops cleanly", async () => {
    const m = memoryIo();
    const exit = main(["--listen", "127.0.0.1:0", "--source", "synthetic:5", "--source", `replay:${CRASH}`, "--min-sources", "1", "--price-multiplier", "2"], m.io);
    const started = await waitFor("started event", () => m.events().find((e) => e.event === "started"));
    expect(started).toMatchObject({ level: "info", pairs: ["BTC/USD", "ETH/USD", "SOL/USD", "USDC/USD"], sources: ["synthetic:5", `replay:${CRASH}`], interval_ms: 500, max_age_ms: 5000, min_sources: 1 });
    expect(started.listen).toMatch(/^127\.0\.0\.1:[1-9][0-9]*$/);
    expect(started.url).toBe(`http://${started.listen}`);
    expect(m.events()[0]).toMatchObject({ level: "warn", event: "price_multiplier_active", multiplier: "2" });
    const body = await waitFor("prices", async () => {
      const { body: b } = await getJsonBody(`${started.url}/prices`);
      return Object.keys(b.prices).length === 4 ? b : undefined;
    });
    for (const p of Object.values(body.prices) as string[]) expect(p).toMatch(PRICE_RE);
    m.stop("test");
    const t0 = Date.now();
    expect(await exit).toBe(0);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(m.events().map((e) => e.event)).toEqual(expect.arrayContaining(["started", "stopping", "stopped"]));
    await expect(fetch(`${started.url}/prices`)).rejects.toThrow();
  });

  test("a taken port exits 1", async () => {
    const first = memoryIo();
    const exit = main(["--listen", "127.0.0.1:0", "--source", "synthetic:1"], first.io);
    const started = await waitFor("started event", () => first.events().find((e) => e.event === "started"));
    const second = memoryIo();
    expect(await main(["--listen", started.listen, "--source", "synthetic:1"], second.io)).toBe(1);
    expect(second.events()).toEqual([expect.objectContaining({ event: "startup_failed", error: expect.stringContaining("EADDRINUSE") })]);
    first.stop("test");
    expect(await exit).toBe(0);
  });
});
