// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with .d.ts, from src/ with tsc.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");

function run(project) {
  const res = spawnSync(process.execPath, [tsc, "-p", join(root, project)], { stdio: "inherit", cwd: root });
  if (res.status !== 0) {
    console.error(`tsc -p ${project} failed`);
    process.exit(res.status ?? 1);
  }
}

rmSync(join(root, "dist"), { recursive: true, force: true });
run("tsconfig.build.esm.json");
run("tsconfig.build.cjs.json");
for (const [dir, type] of [["esm", "module"], ["cjs", "commonjs"]]) {
  mkdirSync(join(root, "dist", dir), { recursive: true });
  writeFileSync(join(root, "dist", dir, "package.json"), JSON.stringify({ type }, null, 2) + "\n");
}
console.log("built dist/esm and dist/cjs");
