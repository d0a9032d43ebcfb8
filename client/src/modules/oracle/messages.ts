// Oracle module messages (governance): type URLs, EncodeObjects and composers.
import type { EncodeObject } from "@cosmjs/proto-signing";

import type { CurrencyPair } from "../../generated/clearchain/oracle/v1/pair.js";
import type { Params } from "../../generated/clearchain/oracle/v1/params.js";
import { MsgSetPairHalt, MsgUpdateParams, MsgUpsertPair } from "../../generated/clearchain/oracle/v1/tx.js";

/** Type URLs of the oracle module's messages. */
export const oracleTypeUrls = {
  MsgUpsertPair: "/clearchain.oracle.v1.MsgUpsertPair",
  MsgSetPairHalt: "/clearchain.oracle.v1.MsgSetPairHalt",
  MsgUpdateParams: "/clearchain.oracle.v1.MsgUpdateParams",
} as const;

/** EncodeObject carrying an oracle MsgUpsertPair. */
export interface MsgUpsertPairEncodeObject extends EncodeObject {
  readonly typeUrl: typeof oracleTypeUrls.MsgUpsertPair;
  readonly value: MsgUpsertPair;
}

/** EncodeObject carrying an oracle MsgSetPairHalt. */
export interface MsgSetPairHaltEncodeObject extends EncodeObject {
  readonly typeUrl: typeof oracleTypeUrls.MsgSetPairHalt;
  readonly value: MsgSetPairHalt;
}

/** EncodeObject carrying an oracle MsgUpdateParams. */
export interface MsgUpdateOracleParamsEncodeObject extends EncodeObject {
  readonly typeUrl: typeof oracleTypeUrls.MsgUpdateParams;
  readonly value: MsgUpdateParams;
}

/** composeMsgUpsertPair lists or updates a currency pair (gov authority only). */
export function composeMsgUpsertPair(input: { readonly authority: string; readonly pair: CurrencyPair }): MsgUpsertPairEncodeObject {
  return { typeUrl: oracleTypeUrls.MsgUpsertPair, value: MsgUpsertPair.fromPartial({ authority: input.authority, pair: input.pair }) };
}

/** composeMsgSetPairHalt halts (halted true) or resumes a pair such as "BTC/USD" (gov authority only). */
export function composeMsgSetPairHalt(input: { readonly authority: string; readonly pair: string; readonly halted: boolean }): MsgSetPairHaltEncodeObject {
  return { typeUrl: oracleTypeUrls.MsgSetPairHalt, value: MsgSetPairHalt.fromPartial(input) };
}

/** composeMsgUpdateOracleParams replaces the oracle parameters (gov authority only). */
export function composeMsgUpdateOracleParams(input: { readonly authority: string; readonly params: Params }): MsgUpdateOracleParamsEncodeObject {
  return { typeUrl: oracleTypeUrls.MsgUpdateParams, value: MsgUpdateParams.fromPartial(input) };
}
