// CosmJS QueryClient extension of the circuit module.
import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { QueryClientImpl as CircuitQueryClientImpl } from "../../generated/clearchain/circuit/v1/query.js";

/** CosmJS QueryClient extension for the circuit module (`client.clearingQueryClient.circuit`). */
export interface CircuitExtension {
  readonly circuit: {
    /** Message type URLs currently disabled by the circuit breaker, sorted. */
    readonly disabledList: () => Promise<string[]>;
  };
}

/** Builds the circuit extension on a CosmJS QueryClient (use with `QueryClient.withExtensions`). */
export function setupCircuitExtension(base: QueryClient): CircuitExtension {
  const queryService = new CircuitQueryClientImpl(createProtobufRpcClient(base));
  return {
    circuit: {
      disabledList: async () => (await queryService.DisabledList({})).disabledList,
    },
  };
}
