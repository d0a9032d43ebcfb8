// Chain-registry data and wallet (Keplr) integration.
export * from "./registry.js";
export * from "./keplr.js";
