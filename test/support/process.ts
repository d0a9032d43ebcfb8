// Bounded process helpers: spawn detached with logs, stop by pid, wait with deadlines, free loopback ports.
import { spawn, execFileSync } from "child_process";
import * as fs from "fs";
import * as net from "net";

/** sleep waits ms milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** run executes a command synchronously (bounded: 120 s) and returns stdout (throws with stderr on failure). */
export function run(cmd: string, args: string[], opts: { cwd?: string; input?: string; timeoutMs?: number } = {}): string {
  return execFileSync(cmd, args, {
    cwd: opts.cwd, input: opts.input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], timeout: opts.timeoutMs ?? 120_000,
  });
}

/**
 * PID_REGISTRY_ENV names a file (set by the e2e global setup) to which every detached process is appended as one JSON
 * line {pid, cmd}; the teardown and the watchdog stop whatever in it is still running, so a crashed test file or a
 * killed jest leaves nothing behind.
 */
export const PID_REGISTRY_ENV = "CLEARCHAIN_E2E_PID_REGISTRY";

/** startDetached spawns a background process writing stdout and stderr to logFile; returns its pid. */
export function startDetached(cmd: string, args: string[], logFile: string): number {
  const fd = fs.openSync(logFile, "a");
  const child = spawn(cmd, args, { detached: true, stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  child.unref();
  if (!child.pid) throw new Error(`failed to start ${cmd}`);
  const registry = process.env[PID_REGISTRY_ENV];
  if (registry) fs.appendFileSync(registry, `${JSON.stringify({ pid: child.pid, cmd: [cmd, ...args].join(" ") })}\n`);
  return child.pid;
}

/** isAlive reports whether pid is running (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/PID/stat: "pid (comm) S ..." — state Z is a zombie waiting for its parent.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return true; // no procfs (macOS): trust kill -0
  }
}

/** commandLine returns the process's command line ("" when unknown or gone). */
export function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    try {
      return execFileSync("ps", ["-p", String(pid), "-o", "args="], { encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  }
}

/** How stopPid ended: nothing was running, the process exited on SIGTERM, or it had to be SIGKILLed. */
export type StopResult = "not-running" | "terminated" | "killed";

/** stopPid sends SIGTERM, waits up to graceMs, then SIGKILL; resolves once the process is gone (bounded). */
export async function stopPid(pid: number | undefined, graceMs = 10_000): Promise<StopResult> {
  if (!pid || !isAlive(pid)) return "not-running";
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return "not-running";
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return "terminated";
    await sleep(100);
  }
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    /* already gone */
  }
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  return "killed";
}

/** sweepRegistry stops every still-running process of a pid registry whose command line is unchanged (no pid reuse). */
export async function sweepRegistry(file: string): Promise<number[]> {
  if (!fs.existsSync(file)) return [];
  const entries = fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { pid: number; cmd: string });
  const live = entries.filter((e) => isAlive(e.pid) && commandLine(e.pid) === e.cmd.trim());
  await Promise.all(live.map((e) => stopPid(e.pid, 5_000)));
  return live.map((e) => e.pid);
}

/** portFree reports whether a loopback TCP port can be bound. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/** freePort asks the kernel for a free loopback port (listen on port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * findFreeRange finds a base port such that base..base+count-1 are all free on 127.0.0.1 (a node needs a contiguous
 * block: `testnet init-files --starting-port`). Candidates start at a kernel-chosen free port rounded down to a
 * multiple of 100, so parallel runs rarely collide; every port of the block is then checked.
 */
export async function findFreeRange(count: number, start = 20000, end = 60000): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const hint = attempt % 2 === 0 ? await freePort() : start + Math.floor(Math.random() * (end - start));
    const base = Math.floor(hint / 100) * 100;
    if (base < start || base + count > end) continue;
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error(`no block of ${count} free loopback ports found in ${start}..${end}`);
}

/** waitFor polls fn until it returns a truthy value or the deadline passes (never hangs: each poll is raced too). */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await withTimeout(fn(), Math.max(1_000, Math.min(10_000, deadline - Date.now())));
      if (v) return v as T;
    } catch (e) {
      lastErr = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ""}`);
}

/** withTimeout rejects if p has not settled within ms. */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** tail returns the last n lines of a file ("" when missing). */
export function tail(file: string, n = 30): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-n).join("\n");
  } catch {
    return "";
  }
}
