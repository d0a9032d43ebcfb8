// End-to-end tests against real clearchaind nodes started by global-setup.ts (and by the oracle network test).
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  preset: "ts-jest/presets/js-with-ts",
  testEnvironment: "node",
  testMatch: ["<rootDir>/**/*.test.ts"],
  globalSetup: "<rootDir>/support/global-setup.ts",
  globalTeardown: "<rootDir>/support/global-teardown.ts",
  transform: { "^.+\\.[tj]sx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.json", diagnostics: { warnOnly: false } }] },
  transformIgnorePatterns: ["/node_modules/(?!(@noble|@scure)/)"],
  moduleNameMapper: {
    "^@clearchain/client$": "<rootDir>/../client/src/index.ts",
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  testTimeout: 180000,
  maxWorkers: 1,
  // Never hang after the run (a failed test may leave a client or a bounded poll behind); the global teardown still runs
  // first. Jest then prints "Force exiting Jest: …" on every run: expected.
  forceExit: true,
};
