// Repository paths used by the end-to-end harness.
import * as path from "path";

/** REPO is the repository root. */
export const REPO = path.resolve(__dirname, "..", "..");
/** BINARY is the chain binary built by `make build`. */
export const BINARY = path.join(REPO, "build", "clearchaind");
/** FEEDER is the price-feeder CLI (built by `make build`). */
export const FEEDER = path.join(REPO, "feeder", "bin", "clearchain-feeder.js");
/** E2E_DIR holds the harness state (node.json) and logs. */
export const E2E_DIR = path.join(REPO, "build", "e2e");
/** NODE_JSON describes the shared single-validator node for every test file. */
export const NODE_JSON = path.join(E2E_DIR, "node.json");
