// The short form of `make faults` in `make test`: a 4-validator loopback network under SDK trade load, one validator
// kill -9'd and restarted. It must be back in sync within 20 s; afterwards every node has the same app hash at every
// common height, no height gap, every accepted trade in exactly one block, the clearing invariants hold on an export
// and no node log mentions a panic. Figures in build/bench/faults-short.json.
import * as path from "path";
import { E2E_DIR, ROOT_ENV } from "./support/paths";
import { cleanup, finish, RECOVERY_LIMIT_S, Run, setup } from "./faults/harness";
import { killAndRestart } from "./faults/perturb";

let run: Run | undefined;

afterAll(async () => {
  await cleanup(run);
  run = undefined;
}, 60_000);

test("kill -9 of a validator under load: it recovers, no fork, no lost trade, invariants hold, no panic", async () => {
  run = await setup("faults-short", path.join(E2E_DIR, "faults-short"), { ownRegistry: false, tmpRoot: process.env[ROOT_ENV] });
  run.rows.push(await killAndRestart(run, 1));
  const s = await finish(run, "faults-short");
  expect(s.rows).toHaveLength(1);
  expect(s.rows[0].recovery_s).not.toBeNull();
  expect(s.rows[0].recovery_s!).toBeLessThanOrEqual(RECOVERY_LIMIT_S);
  expect(s.rows[0].height_after).toBeGreaterThan(s.rows[0].height_before);
  expect(s.accepted_txs).toBeGreaterThan(0);
  expect(s.heights_compared).toBeGreaterThan(5);
  expect(s.app_hash_mismatches).toBe(0);
  expect(s.height_gaps).toBe(0);
  expect(s.lost_txs).toBe(0);
  expect(s.duplicated_txs).toBe(0);
  expect(s.invariants_broken).toEqual([]);
  expect(s.panics).toBe(0);
  expect(s.ok).toBe(true);
}, 300_000);
