// Amino JSON converters of the oracle module's governance messages (held to test/vectors/amino.json).
import type { AminoConverters } from "@cosmjs/stargate";

import { MsgSetPairHalt, MsgUpdateParams, MsgUpsertPair } from "../../generated/clearchain/oracle/v1/tx.js";
import { protoAminoConverter } from "../../aminoJson.js";
import { oracleTypeUrls } from "./messages.js";

/** Amino converters of the oracle messages, keyed by type URL (amino names as in chain/x/oracle/types/codec.go). */
export function createOracleAminoConverters(): AminoConverters {
  return {
    [oracleTypeUrls.MsgUpsertPair]: protoAminoConverter("clearchain/x/oracle/MsgUpsertPair", MsgUpsertPair, ["pair"]),
    [oracleTypeUrls.MsgSetPairHalt]: protoAminoConverter("clearchain/x/oracle/MsgSetPairHalt", MsgSetPairHalt),
    [oracleTypeUrls.MsgUpdateParams]: protoAminoConverter("clearchain/x/oracle/MsgUpdateParams", MsgUpdateParams, ["params"]),
  };
}
