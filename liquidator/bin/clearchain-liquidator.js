#!/usr/bin/env node
"use strict";
// clearchain-liquidator: entry point of the built CLI (run `npm run build --workspace liquidator` first).
require("../dist/cli.js")
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    process.stderr.write(`clearchain-liquidator: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
