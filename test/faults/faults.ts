// `make faults`: a 4-validator loopback network under steady SDK trades while, one at a time, a validator is
// kill -9'd and restarted, SIGSTOP'd for 30 s, cut off from its peers, and all four are restarted. Prints a table and
// writes build/bench/faults.json; exit code 0 only if every check passed. Bounded: 20 minutes overall.
import { finish, main, setup, waitBlocks } from "./harness";
import { isolateReconnect, killAndRestart, pauseResume, restartAll } from "./perturb";

main("faults", 19 * 60_000, async (logDir, setRun) => {
  const r = await setup("faults", logDir);
  setRun(r);
  console.log(`cluster up: ${r.cluster.net.nodes.map((n) => n.rpc).join(" ")}; logs in ${logDir}`);
  r.rows.push(await killAndRestart(r, 1));
  await waitBlocks(r, 3);
  r.rows.push(await pauseResume(r, 2, 30_000));
  await waitBlocks(r, 3);
  r.rows.push(await isolateReconnect(r, 3, 20_000));
  await waitBlocks(r, 3);
  r.rows.push(await killAndRestart(r, 0));
  await waitBlocks(r, 3);
  r.rows.push(await restartAll(r));
  return finish(r, "faults");
});
