import type { Params } from "../../generated/clearchain/clearing/v1/params.js";
import type { ClearingExtension } from "./queries.js";

/** A subaccount as returned by the Clearchain clients; `collateral` is an integer string in base units of `denom`. */
export interface SubaccountInfo {
  readonly owner: string;
  readonly number: number;
  readonly collateral: string;
  readonly denom: string;
}

/** Module parameters of the clearing module. */
export type ClearingParams = Params;

// Upper bound on pages fetched by getSubaccounts (128 subaccounts max per owner; guards against a looping next key).
const MAX_PAGES = 1_000;

/** Reads one subaccount through the clearing extension ("0" collateral when unknown). */
export async function fetchSubaccount(ext: ClearingExtension, owner: string, number: number): Promise<SubaccountInfo> {
  const res = await ext.clearing.subaccount(owner, number);
  return {
    owner: res.owner || res.subaccount?.owner || owner,
    number: res.owner ? res.number : (res.subaccount?.number ?? number),
    collateral: res.collateral || res.subaccount?.collateral || "0",
    denom: res.denom,
  };
}

/** Reads all of an owner's subaccounts, following pagination to the end. */
export async function fetchAllSubaccounts(ext: ClearingExtension, owner: string): Promise<SubaccountInfo[]> {
  const params = await ext.clearing.params();
  const out: SubaccountInfo[] = [];
  let key: Uint8Array | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await ext.clearing.subaccountsByOwner(owner, key);
    for (const s of res.subaccounts) {
      out.push({ owner: s.owner, number: s.number, collateral: s.collateral || "0", denom: params.collateralDenom });
    }
    const next = res.pagination?.nextKey;
    if (!next || next.length === 0) return out;
    const id = Array.from(next).join(",");
    if (seen.has(id)) throw new Error("subaccountsByOwner pagination returned a repeated next key");
    seen.add(id);
    key = next;
  }
  throw new Error(`subaccountsByOwner returned more than ${MAX_PAGES} pages`);
}
