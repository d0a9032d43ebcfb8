// Repository paths used by the end-to-end harness.
import * as path from "path";

/** REPO is the repository root (CLEARCHAIN_REPO overrides it when this file runs compiled from another directory). */
export const REPO = process.env.CLEARCHAIN_REPO ? path.resolve(process.env.CLEARCHAIN_REPO) : path.resolve(__dirname, "..", "..");
/** BINARY is the chain binary built by `make build`. */
export const BINARY = path.join(REPO, "build", "clearchaind");
/** FEEDER is the price-feeder CLI (built by `make build`). */
export const FEEDER = path.join(REPO, "feeder", "bin", "clearchain-feeder.js");
/**
 * E2E_DIR holds the harness state (node.json), the pid registry and the logs; node homes live in a temp dir.
 * CLEARCHAIN_E2E_DIR moves it, so that two suites run at once on one machine never sweep each other's processes.
 */
export const E2E_DIR = process.env.CLEARCHAIN_E2E_DIR ? path.resolve(process.env.CLEARCHAIN_E2E_DIR) : path.join(REPO, "build", "e2e");
/** NODE_JSON describes the shared single-validator node for every test file. */
export const NODE_JSON = path.join(E2E_DIR, "node.json");
/** NODE_LOG is the shared node's log (kept after the run). */
export const NODE_LOG = path.join(E2E_DIR, "node.log");
/** FEEDER_LOG is the shared node's price-feeder log. */
export const FEEDER_LOG = path.join(E2E_DIR, "feeder.log");
/** PID_REGISTRY lists every process the suite started (one JSON line each), for teardown and the watchdog. */
export const PID_REGISTRY = path.join(E2E_DIR, "pids.jsonl");
/** ROOT_ENV carries the suite's temp root (all node homes) from the global setup to test files and teardown. */
export const ROOT_ENV = "CLEARCHAIN_E2E_ROOT";
