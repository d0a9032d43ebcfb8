// Watchdog for the e2e suite: if the jest process dies without its teardown (Ctrl-C, crash, kill), stop every process
// in the pid registry whose command line is unchanged (so never a recycled pid) and remove the suite's temp root.
// Usage: node watchdog.js <jest-pid> <pid-registry> <temp-root>
"use strict";
const fs = require("fs");

const [parentPid, registry, root] = process.argv.slice(2).map((v, i) => (i === 0 ? Number(v) : v));

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

function ours() {
  let lines = [];
  try {
    lines = fs.readFileSync(registry, "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
  const out = [];
  for (const l of lines) {
    try {
      const e = JSON.parse(l);
      if (alive(e.pid) && cmdline(e.pid) === String(e.cmd).trim()) out.push(e.pid);
    } catch {
      /* partial line */
    }
  }
  return out;
}

function cleanup() {
  const pids = ours();
  for (const p of pids) {
    try {
      process.kill(p, "SIGTERM");
    } catch {
      /* gone */
    }
  }
  const deadline = Date.now() + 10000;
  const tick = () => {
    const left = pids.filter(alive);
    if (left.length && Date.now() < deadline) return setTimeout(tick, 200);
    for (const p of left) {
      try {
        process.kill(p, "SIGKILL");
      } catch {
        /* gone */
      }
    }
    if (root && !process.env.E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  tick();
}

const timer = setInterval(() => {
  if (!alive(parentPid)) {
    clearInterval(timer);
    cleanup();
  }
}, 1000);
process.on("SIGTERM", () => process.exit(0));
