/** Jest config for the liquidator: ts-jest in node; the SDK is used from source (no build needed). */
module.exports = {
  preset: "ts-jest/presets/js-with-ts",
  testEnvironment: "node",
  rootDir: __dirname,
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.[tj]sx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.json" }],
  },
  transformIgnorePatterns: ["/node_modules/(?!(@noble|@scure)/)"],
  moduleNameMapper: {
    "^@clearchain/client$": "<rootDir>/../client/src/index.ts",
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  testTimeout: 20000,
};
