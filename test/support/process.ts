// Bounded process helpers: spawn detached with logs, stop by pid, wait with deadlines.
import { spawn, execFileSync } from "child_process";
import * as fs from "fs";
import * as net from "net";

/** sleep waits ms milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** run executes a command synchronously and returns stdout (throws with stderr on failure). */
export function run(cmd: string, args: string[], opts: { cwd?: string; input?: string } = {}): string {
  return execFileSync(cmd, args, { cwd: opts.cwd, input: opts.input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], timeout: 120_000 });
}

/** startDetached spawns a background process writing stdout and stderr to logFile; returns its pid. */
export function startDetached(cmd: string, args: string[], logFile: string): number {
  const fd = fs.openSync(logFile, "a");
  const child = spawn(cmd, args, { detached: true, stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  child.unref();
  if (!child.pid) throw new Error(`failed to start ${cmd}`);
  return child.pid;
}

/** isAlive reports whether pid is running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** stopPid sends SIGTERM, waits up to graceMs, then SIGKILL; resolves once the process is gone. */
export async function stopPid(pid: number | undefined, graceMs = 10_000): Promise<void> {
  if (!pid || !isAlive(pid)) return;
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return;
    await sleep(100);
  }
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    /* already gone */
  }
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
}

/** portFree reports whether a loopback TCP port can be bound. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/** findFreeRange finds a base port such that base..base+count-1 are all free on 127.0.0.1. */
export async function findFreeRange(count: number, start = 30000, end = 60000): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = start + Math.floor(Math.random() * ((end - start - count) / 100)) * 100;
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error("no free loopback port range found");
}

/** waitFor polls fn until it returns a truthy value or the deadline passes. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (e) {
      lastErr = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ""}`);
}
