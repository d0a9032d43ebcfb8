/** Type URL of clearing MsgDeposit. */
export const MsgDepositTypeUrl = "/clearchain.clearing.v1.MsgDeposit" as const;
/** Type URL of clearing MsgWithdraw. */
export const MsgWithdrawTypeUrl = "/clearchain.clearing.v1.MsgWithdraw" as const;
/** Type URL of clearing MsgUpdateParams. */
export const MsgUpdateParamsTypeUrl = "/clearchain.clearing.v1.MsgUpdateParams" as const;
/** Type URL of circuit MsgTripCircuitBreaker. */
export const MsgTripCircuitBreakerTypeUrl = "/clearchain.circuit.v1.MsgTripCircuitBreaker" as const;
/** Type URL of circuit MsgResetCircuitBreaker. */
export const MsgResetCircuitBreakerTypeUrl = "/clearchain.circuit.v1.MsgResetCircuitBreaker" as const;

/** Type URLs of the clearing module's messages. */
export const clearingTypeUrls = {
  MsgDeposit: MsgDepositTypeUrl,
  MsgWithdraw: MsgWithdrawTypeUrl,
  MsgUpdateParams: MsgUpdateParamsTypeUrl,
  MsgSubmitTrades: "/clearchain.clearing.v1.MsgSubmitTrades",
  MsgTransfer: "/clearchain.clearing.v1.MsgTransfer",
  MsgSetIsolated: "/clearchain.clearing.v1.MsgSetIsolated",
  MsgCreateMarket: "/clearchain.clearing.v1.MsgCreateMarket",
  MsgUpdateMarket: "/clearchain.clearing.v1.MsgUpdateMarket",
  MsgCancelOrders: "/clearchain.clearing.v1.MsgCancelOrders",
  MsgLiquidate: "/clearchain.clearing.v1.MsgLiquidate",
} as const;

/** Type URLs of the circuit module's messages. */
export const circuitTypeUrls = {
  MsgTripCircuitBreaker: MsgTripCircuitBreakerTypeUrl,
  MsgResetCircuitBreaker: MsgResetCircuitBreakerTypeUrl,
} as const;

/** Module codespace a message type URL belongs to ("clearing", "circuit", "oracle" or undefined). */
export function moduleOfTypeUrl(typeUrl: string): "clearing" | "circuit" | "oracle" | undefined {
  if (typeUrl.startsWith("/clearchain.clearing.")) return "clearing";
  if (typeUrl.startsWith("/clearchain.circuit.")) return "circuit";
  if (typeUrl.startsWith("/clearchain.oracle.")) return "oracle";
  return undefined;
}

/** Module codespaces ("clearing"/"circuit") touched by a list of messages, in first-seen order. */
export function modulesOfMsgs(msgs: readonly { readonly typeUrl: string }[]): string[] {
  const out: string[] = [];
  for (const m of msgs) {
    const mod = moduleOfTypeUrl(m.typeUrl);
    if (mod && !out.includes(mod)) out.push(mod);
  }
  return out;
}
