// Post-processes the single Swagger 2.0 document that protoc-gen-openapiv2 (allow_merge) wrote for the Clearchain
// protos and the SDK services the app serves, for `scripts/protocgen.sh`:
//   - operationIds are made unique: the plugin names them <Service>_<Method> ("Query_Params" exists once per
//     module); each becomes <Package in PascalCase>_<Service>_<Method>, e.g. "ClearchainClearingV1_Query_Params";
//   - info (title, description, version) describes the node's REST API instead of the first proto file;
//   - the result is written with sorted object keys and a trailing newline, so the output depends only on the protos.
// Usage: node scripts/openapi-merge.mjs IN.swagger.json OUT.json [OUT2.json ...]
import { readFileSync, writeFileSync } from "node:fs";

const [input, ...outputs] = process.argv.slice(2);
if (!input || outputs.length === 0) {
  console.error("usage: openapi-merge.mjs IN.swagger.json OUT.json [OUT2.json ...]");
  process.exit(2);
}
const doc = JSON.parse(readFileSync(input, "utf8"));
if (doc.swagger !== "2.0") throw new Error(`${input}: not a Swagger 2.0 document`);

const pascal = (pkg) => pkg.split(".").map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
const seen = new Map();
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const [method, op] of Object.entries(item)) {
    const tag = op.tags?.[0]; // "cosmos.bank.v1beta1.Query" (include_package_in_tags)
    if (!tag || !op.operationId) throw new Error(`${method.toUpperCase()} ${path}: no tag or operationId`);
    const pkg = tag.slice(0, tag.lastIndexOf("."));
    op.operationId = `${pascal(pkg)}_${op.operationId}`;
    const where = `${method.toUpperCase()} ${path}`;
    if (seen.has(op.operationId)) throw new Error(`duplicate operationId ${op.operationId}: ${seen.get(op.operationId)} and ${where}`);
    seen.set(op.operationId, where);
  }
}
doc.info = {
  title: "Clearchain REST API",
  description:
    "The grpc-gateway (REST) routes a clearchaind node serves on its API server ([api] in app.toml): Clearchain's " +
    "clearing, oracle and circuit modules and the Cosmos SDK modules the app includes (auth, bank, staking, " +
    "distribution, slashing, mint, gov v1 and v1beta1, upgrade, consensus, feegrant) plus the tx, CometBFT and node " +
    "services. Generated from the protos by `make proto-gen`; JSON field names are the proto names.",
  version: "v1",
};

/** sortKeys returns v with every object's keys in code-point order (arrays keep their order). */
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  }
  return v;
}
const text = JSON.stringify(sortKeys(doc), null, 2) + "\n";
for (const out of outputs) writeFileSync(out, text);
console.log(`openapi: ${Object.keys(doc.paths).length} paths, ${seen.size} operations -> ${outputs.join(", ")}`);
