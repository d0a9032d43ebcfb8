import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";

/** Absolute path of the feeder package. */
export const FEEDER_DIR = path.join(__dirname, "..", "..");

/** Path of the CLI entry point. */
export const CLI = path.join(FEEDER_DIR, "bin", "clearchain-feeder.js");

/** A spawned feeder process and its parsed JSON stdout lines. */
export interface FeederProcess {
  /** The child process. */
  readonly child: ChildProcess;
  /** Every JSON event printed so far. */
  readonly events: Array<Record<string, any>>;
  /** Raw stderr text. */
  stderr: string;
  /** Resolves with the exit code (or signal name) when the process exits. */
  readonly exited: Promise<number | string>;
  /** Resolves with the first event named `name`, rejecting after timeoutMs or on exit. */
  waitForEvent(name: string, timeoutMs?: number): Promise<Record<string, any>>;
  /** Sends SIGTERM and resolves with the exit code and the time it took (kills with SIGKILL after 5 s). */
  stop(): Promise<{ code: number | string; ms: number }>;
}

/** Spawns `node bin/clearchain-feeder.js ...args` in the feeder directory. */
export function spawnFeeder(args: readonly string[]): FeederProcess {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: FEEDER_DIR, stdio: ["ignore", "pipe", "pipe"] });
  const events: Array<Record<string, any>> = [];
  const waiters: Array<() => void> = [];
  const proc: FeederProcess = {
    child,
    events,
    stderr: "",
    exited: new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1))),
    waitForEvent(name, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const ev = events.find((e) => e.event === name);
          if (ev) {
            clearTimeout(timer);
            resolve(ev);
          }
          return ev !== undefined;
        };
        const timer = setTimeout(() => reject(new Error(`no "${name}" event within ${timeoutMs} ms; stdout events: ${JSON.stringify(events)} stderr: ${proc.stderr}`)), timeoutMs);
        if (check()) return;
        waiters.push(() => void check());
        void proc.exited.then(() => {
          if (!check()) {
            clearTimeout(timer);
            reject(new Error(`feeder exited before "${name}"; events: ${JSON.stringify(events)} stderr: ${proc.stderr}`));
          }
        });
      });
    },
    async stop() {
      const t0 = Date.now();
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
      const code = await proc.exited;
      clearTimeout(kill);
      return { code, ms: Date.now() - t0 };
    },
  };
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      events.push(JSON.parse(line) as Record<string, any>);
    } catch {
      events.push({ event: "non_json_line", line });
    }
    for (const w of waiters) w();
  });
  child.stderr!.on("data", (d: Buffer) => (proc.stderr += d.toString()));
  return proc;
}

/** Builds feeder/dist with tsc when it is missing or older than a source file (npm test already builds via pretest). */
export function ensureBuilt(): void {
  const distCli = path.join(FEEDER_DIR, "dist", "cli.js");
  const newestSource = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((acc, e) => {
      const p = path.join(dir, e.name);
      return Math.max(acc, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
    }, 0);
  if (existsSync(distCli) && statSync(distCli).mtimeMs >= newestSource(path.join(FEEDER_DIR, "src"))) return;
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(FEEDER_DIR, "tsconfig.build.json")], { stdio: "inherit", timeout: 120_000 });
}
