import { QueryClient, StargateClient, type StargateClientOptions } from "@cosmjs/stargate";
import { Comet38Client, type CometClient, type HttpEndpoint } from "@cosmjs/tendermint-rpc";

import { ClearchainQueries, installClearchainQueries } from "./clientGetters.js";
import { setupCircuitExtension } from "./modules/circuit/queries.js";
import { setupLiquidationExtension } from "./modules/clearing/liquidation.js";
import { type ClearchainQueryClient, setupClearingExtension, setupTradingExtension } from "./modules/clearing/queries.js";
import { setupOracleExtension } from "./modules/oracle/queries.js";

export type { ClientSubscribeOptions } from "./clientGetters.js";

/** endpointUrl returns the URL of a connect() endpoint. */
export function endpointUrl(endpoint: string | HttpEndpoint): string {
  return typeof endpoint === "string" ? endpoint : endpoint.url;
}

/** Options of `ClearchainClient` (same as CosmJS `StargateClientOptions`). */
export type ClearchainClientOptions = StargateClientOptions;

/** Builds the clearing+circuit QueryClient for a connected Comet client. */
export function createClearchainQueryClient(cometClient: CometClient): ClearchainQueryClient {
  return QueryClient.withExtensions(
    cometClient, setupClearingExtension, setupCircuitExtension, setupOracleExtension, setupTradingExtension, setupLiquidationExtension,
  );
}

/** Read-only Clearchain client: CosmJS `StargateClient` plus every Clearchain query and event stream (ClearchainQueries). */
export class ClearchainClient extends StargateClient {
  private readonly clearchainQuery: ClearchainQueryClient | undefined;
  /** The RPC URL given to connect() (used by subscribeLiquidations). */
  public rpcUrl: string | undefined;

  /** Connects over CometBFT 0.38/0.39 RPC (`Comet38Client`; CosmJS auto-detection misreads 0.39). */
  public static override async connect(
    endpoint: string | HttpEndpoint,
    options: ClearchainClientOptions = {},
  ): Promise<ClearchainClient> {
    const cometClient = await Comet38Client.connect(endpoint);
    const client = new ClearchainClient(cometClient, options);
    client.rpcUrl = endpointUrl(endpoint);
    return client;
  }

  /** Creates a client from an already connected Comet client. */
  public static override create(cometClient: CometClient, options: ClearchainClientOptions = {}): ClearchainClient {
    return new ClearchainClient(cometClient, options);
  }

  protected constructor(cometClient: CometClient | undefined, options: ClearchainClientOptions) {
    super(cometClient, options);
    this.clearchainQuery = cometClient ? createClearchainQueryClient(cometClient) : undefined;
  }

  /** CosmJS QueryClient with the `clearing` and `circuit` extensions (throws when not connected). */
  public get clearingQueryClient(): ClearchainQueryClient {
    if (!this.clearchainQuery) throw new Error("ClearchainClient is not connected");
    return this.clearchainQuery;
  }
}

/** ClearchainClient has every getter and subscribe method of ClearchainQueries (one implementation, shared with SigningClearchainClient). */
export interface ClearchainClient extends ClearchainQueries {}
installClearchainQueries(ClearchainClient);
