import { MsgDepositResponse, MsgWithdrawResponse } from "../../generated/clearchain/clearing/v1/tx.js";

/** Type URL of MsgDepositResponse inside `msgResponses`. */
export const MsgDepositResponseTypeUrl = "/clearchain.clearing.v1.MsgDepositResponse" as const;
/** Type URL of MsgWithdrawResponse inside `msgResponses`. */
export const MsgWithdrawResponseTypeUrl = "/clearchain.clearing.v1.MsgWithdrawResponse" as const;

/** Subaccount collateral after the first deposit/withdraw of a delivered tx (from `msgResponses`), or undefined. */
export function collateralAfter(response: {
  readonly msgResponses: ReadonlyArray<{ readonly typeUrl: string; readonly value: Uint8Array }>;
}): string | undefined {
  for (const r of response.msgResponses) {
    if (r.typeUrl === MsgDepositResponseTypeUrl) return MsgDepositResponse.decode(r.value).collateral;
    if (r.typeUrl === MsgWithdrawResponseTypeUrl) return MsgWithdrawResponse.decode(r.value).collateral;
  }
  return undefined;
}
