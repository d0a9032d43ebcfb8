// Bundle-size probe: a browser app that imports only computeHealth from the margin subpath.
import { computeHealth } from "@clearchain/client/margin";

(globalThis as { health?: unknown }).health = computeHealth({ collateral: 1n, positions: [] }, {}, 0n);
