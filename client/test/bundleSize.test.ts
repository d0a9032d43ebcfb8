// A bundle that imports only computeHealth from @clearchain/client/margin tree-shakes to well under 150 kB.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, { import?: { default: string } } | string>;
};
const LIMIT_BYTES = 150 * 1024;

/** srcOf maps a package export (./dist/esm/<path>.js) to its TypeScript source, so the check needs no build. */
function srcOf(subpath: string): string {
  const e = pkg.exports[subpath];
  if (!e || typeof e === "string" || !e.import) throw new Error(`package.json has no import export ${subpath}`);
  return join(root, e.import.default.replace(/^\.\/dist\/esm\//, "src/").replace(/\.js$/, ".ts"));
}

/** bundle minifies entry for the browser, resolving @clearchain/client/* through package.json's exports. */
async function bundle(entry: string): Promise<string> {
  const res = await build({
    entryPoints: [entry], bundle: true, minify: true, write: false, format: "esm", platform: "browser", target: "es2020", treeShaking: true,
    logLevel: "silent",
    plugins: [{
      name: "clearchain-exports",
      setup(b) {
        b.onResolve({ filter: /^@clearchain\/client(\/.*)?$/ }, (args) => ({ path: srcOf(args.path === "@clearchain/client" ? "." : `.${args.path.slice("@clearchain/client".length)}`) }));
      },
    }],
  });
  return res.outputFiles.map((f) => f.text).join("");
}

describe("browser bundle size", () => {
  it("computeHealth from @clearchain/client/margin stays under 150 kB minified", async () => {
    const bytes = Buffer.byteLength(await bundle(join(__dirname, "bundle", "computeHealthEntry.ts")));
    console.log(`BUNDLE computeHealth-from-margin bytes=${bytes} limit=${LIMIT_BYTES}`);
    expect(bytes).toBeGreaterThan(1000); // really bundled the engine
    expect(bytes).toBeLessThan(LIMIT_BYTES);
  });

  it("the /orders subpath bundles order signing and units without the clients or protobuf registries", async () => {
    const text = await bundle(join(__dirname, "bundle", "orderHashEntry.ts"));
    console.log(`BUNDLE orderHash-from-orders bytes=${Buffer.byteLength(text)}`);
    expect(text).toContain("clearchain/order/v1");
    expect(text).not.toContain("broadcast_tx_sync"); // no CometBFT RPC client
    expect(text).not.toContain("/clearchain.clearing.v1.MsgSubmitTrades"); // no registry or message composers
    expect(Buffer.byteLength(text)).toBeLessThan(2 * LIMIT_BYTES); // secp256k1 + sha256 are most of it
  });
});
