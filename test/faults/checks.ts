// Post-run checks over RPC and an export: identical app hash at every common height, no height gap, every accepted
// transaction in exactly one block, and the clearing invariants recomputed from an exported genesis.
import { createHash } from "crypto";
import * as fs from "fs";
import { BINARY } from "../support/paths";
import { run, withTimeout } from "../support/process";
import type { AcceptedTx } from "./load";

/** BlockMeta is what CometBFT's /blockchain returns per height. */
export interface BlockMeta {
  height: number;
  appHash: string;
  blockHash: string;
  numTxs: number;
}

/** rpcJson GETs a CometBFT RPC path (bounded: 10 s, 3 tries). */
export async function rpcJson(rpc: string, pathAndQuery: string): Promise<any> {
  let last: unknown;
  for (let i = 0; i < 3; i++) {
    try {
      const res = await fetch(`${rpc}${pathAndQuery}`, { signal: AbortSignal.timeout(10_000) });
      const body = (await res.json()) as any;
      if (body.error) throw new Error(`${pathAndQuery}: ${JSON.stringify(body.error)}`);
      return body.result;
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

/** blockMetas reads heights from..to (inclusive) of a node, 20 per /blockchain call. */
export async function blockMetas(rpc: string, from: number, to: number): Promise<Map<number, BlockMeta>> {
  const out = new Map<number, BlockMeta>();
  for (let lo = from; lo <= to; lo += 20) {
    const hi = Math.min(to, lo + 19);
    const r = await rpcJson(rpc, `/blockchain?minHeight=${lo}&maxHeight=${hi}`);
    for (const m of r.block_metas as any[]) {
      out.set(Number(m.header.height), { height: Number(m.header.height), appHash: m.header.app_hash, blockHash: m.block_id.hash, numTxs: Number(m.num_txs) });
    }
  }
  return out;
}

/** ChainComparison is the result of comparing nodes' block stores. */
export interface ChainComparison {
  commonHeight: number;
  /** heights at which not every node has the same app hash and block hash. */
  appHashMismatches: number[];
  /** per node, heights missing between its base and latest height. */
  gaps: number[][];
  /** node 0's metas (for the inclusion check). */
  metas: Map<number, BlockMeta>;
}

/** compareChains compares every node's headers from `from` (default 1) up to the lowest latest height. */
export async function compareChains(rpcs: string[], from = 1): Promise<ChainComparison> {
  const stat = await Promise.all(rpcs.map((r) => rpcJson(r, "/status")));
  const latest = stat.map((s) => Number(s.sync_info.latest_block_height));
  const bases = stat.map((s) => Math.max(from, Number(s.sync_info.earliest_block_height)));
  const common = Math.min(...latest);
  const all = await Promise.all(rpcs.map((r, i) => blockMetas(r, bases[i], latest[i])));
  const gaps = all.map((metas, i) => {
    const missing: number[] = [];
    for (let h = bases[i]; h <= latest[i]; h++) if (!metas.has(h)) missing.push(h);
    return missing;
  });
  const mismatches: number[] = [];
  for (let h = Math.max(...bases); h <= common; h++) {
    const ref = all[0].get(h);
    if (!ref || all.some((m) => m.get(h)?.appHash !== ref.appHash || m.get(h)?.blockHash !== ref.blockHash)) mismatches.push(h);
  }
  return { commonHeight: common, appHashMismatches: mismatches, gaps, metas: all[0] };
}

/** InclusionResult counts accepted transactions by how many blocks of the chain hold them. */
export interface InclusionResult {
  checked: number;
  lost: string[];
  duplicated: string[];
}

/** checkInclusion scans every block with transactions and checks each accepted hash occurs exactly once. */
export async function checkInclusion(rpc: string, metas: Map<number, BlockMeta>, accepted: AcceptedTx[]): Promise<InclusionResult> {
  const count = new Map<string, number>();
  for (const m of metas.values()) {
    if (m.numTxs === 0) continue;
    const b = await rpcJson(rpc, `/block?height=${m.height}`);
    for (const tx of (b.block.data.txs ?? []) as string[]) {
      const h = createHash("sha256").update(Buffer.from(tx, "base64")).digest("hex").toUpperCase();
      count.set(h, (count.get(h) ?? 0) + 1);
    }
  }
  const lost = accepted.filter((t) => !count.has(t.hash)).map((t) => t.hash);
  const duplicated = accepted.filter((t) => (count.get(t.hash) ?? 0) > 1).map((t) => t.hash);
  return { checked: accepted.length, lost, duplicated };
}

/** InvariantResult lists broken invariants recomputed from an export (empty = all hold). */
export interface InvariantResult {
  height: number;
  subaccounts: number;
  broken: string[];
}

/**
 * exportInvariants runs `clearchaind export` on a stopped node's home and recomputes the clearing module's registered
 * invariants from the exported state: collateral-backed (module balance = Σ collateral + Σ quote balances + insurance +
 * fees + funding pool), no-flat-debt, open-interest (Σ longs = Σ shorts = market state) and insurance-non-negative.
 */
export async function exportInvariants(home: string, outFile: string): Promise<InvariantResult> {
  run(BINARY, ["export", "--home", home, "--output-document", outFile], { timeoutMs: 180_000 });
  const g = JSON.parse(fs.readFileSync(outFile, "utf8"));
  const app = g.app_state;
  const cl = app.clearing;
  const denom: string = cl.params.collateral_denom;
  const moduleAcc = (app.auth.accounts as any[]).find((a) => a.name === "clearing" || a.base_account?.name === "clearing" || a.value?.name === "clearing");
  const moduleAddr: string = moduleAcc?.base_account?.address ?? moduleAcc?.value?.base_account?.address ?? moduleAcc?.address;
  const broken: string[] = [];
  if (!moduleAddr) broken.push("no clearing module account in the export");
  const bal = (app.bank.balances as any[]).find((b) => b.address === moduleAddr);
  const balance = BigInt(bal?.coins?.find((c: any) => c.denom === denom)?.amount ?? "0");
  let collateral = 0n;
  let quote = 0n;
  const longs = new Map<number, bigint>();
  const shorts = new Map<number, bigint>();
  for (const sa of cl.subaccounts as any[]) {
    collateral += BigInt(sa.collateral);
    const positions = (sa.positions ?? []) as any[];
    if (positions.length === 0 && BigInt(sa.collateral) < 0n) broken.push(`no-flat-debt: ${sa.owner}/${sa.number} collateral ${sa.collateral}`);
    for (const p of positions) {
      quote += BigInt(p.quote_balance);
      const size = BigInt(p.size);
      const id = Number(p.market_id);
      if (size > 0n) longs.set(id, (longs.get(id) ?? 0n) + size);
      else shorts.set(id, (shorts.get(id) ?? 0n) - size);
    }
  }
  const insurance = BigInt(cl.insurance_fund);
  const owed = collateral + quote + insurance + BigInt(cl.fees_accrued) + BigInt(cl.funding_pool);
  if (balance !== owed) broken.push(`collateral-backed: module balance ${balance} != owed ${owed}`);
  if (insurance < 0n) broken.push(`insurance-non-negative: ${insurance}`);
  for (const st of (cl.market_states ?? []) as any[]) {
    const id = Number(st.market_id);
    const [l, s, oi] = [longs.get(id) ?? 0n, shorts.get(id) ?? 0n, BigInt(st.open_interest ?? "0")];
    if (l !== s || l !== oi) broken.push(`open-interest: market ${id} longs ${l} shorts ${s} oi ${oi}`);
  }
  return { height: Number(g.initial_height ?? 0), subaccounts: (cl.subaccounts as any[]).length, broken };
}

/** withDeadline runs fn with an overall bound. */
export const withDeadline = <T>(p: Promise<T>, ms: number) => withTimeout(p, ms);
