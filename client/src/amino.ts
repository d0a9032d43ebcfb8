// The SDK's amino types: CosmJS defaults plus every Clearchain module's converters (modules/*/aminomessages.ts).
import { AminoTypes, type AminoConverters, createDefaultAminoConverters } from "@cosmjs/stargate";

import { createCircuitAminoConverters } from "./modules/circuit/aminomessages.js";
import { createClearingAminoConverters } from "./modules/clearing/aminomessages.js";
import { createOracleAminoConverters } from "./modules/oracle/aminomessages.js";

/** Amino JSON converters (Ledger / amino-only signers) of every amino-registered clearing, oracle and circuit message. */
export function createClearchainAminoConverters(): AminoConverters {
  return { ...createClearingAminoConverters(), ...createOracleAminoConverters(), ...createCircuitAminoConverters() };
}

/** CosmJS `AminoTypes` with the default stargate converters plus the clearing, oracle and circuit ones. */
export function clearchainAminoTypes(): AminoTypes {
  return new AminoTypes({ ...createDefaultAminoConverters(), ...createClearchainAminoConverters() });
}
