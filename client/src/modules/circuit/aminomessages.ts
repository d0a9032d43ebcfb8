// Amino JSON converters of the circuit module's messages (held to test/vectors/amino.json).
import type { AminoConverters } from "@cosmjs/stargate";

import { omitZero } from "../../aminoJson.js";
import { MsgResetCircuitBreakerTypeUrl, MsgTripCircuitBreakerTypeUrl } from "../../typeUrls.js";

/** Amino converters of the circuit messages, keyed by type URL. */
export function createCircuitAminoConverters(): AminoConverters {
  return {
    [MsgTripCircuitBreakerTypeUrl]: {
      aminoType: "clearchain/x/circuit/MsgTripCircuitBreaker",
      toAmino: (m: { authority: string; msgTypeUrls: string[] }) => ({
        ...omitZero("authority", m.authority, !m.authority),
        ...omitZero("msg_type_urls", m.msgTypeUrls, !m.msgTypeUrls?.length),
      }),
      fromAmino: (a: { authority?: string; msg_type_urls?: string[] }) => ({
        authority: a.authority ?? "",
        msgTypeUrls: a.msg_type_urls ?? [],
      }),
    },
    [MsgResetCircuitBreakerTypeUrl]: {
      aminoType: "clearchain/x/circuit/MsgResetCircuitBreaker",
      toAmino: (m: { authority: string; msgTypeUrls: string[] }) => ({
        ...omitZero("authority", m.authority, !m.authority),
        ...omitZero("msg_type_urls", m.msgTypeUrls, !m.msgTypeUrls?.length),
      }),
      fromAmino: (a: { authority?: string; msg_type_urls?: string[] }) => ({
        authority: a.authority ?? "",
        msgTypeUrls: a.msg_type_urls ?? [],
      }),
    },
  };
}
