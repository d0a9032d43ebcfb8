import type { EncodeObject } from "@cosmjs/proto-signing";

import { type AmountInput, parseAmount } from "./amount.js";
import { COLLATERAL_DENOM } from "./constants.js";
import { MsgResetCircuitBreaker, MsgTripCircuitBreaker } from "./generated/clearchain/circuit/v1/tx.js";
import type { Params } from "./generated/clearchain/clearing/v1/params.js";
import { MsgDeposit, MsgUpdateParams, MsgWithdraw } from "./generated/clearchain/clearing/v1/tx.js";
import {
  MsgDepositTypeUrl,
  MsgResetCircuitBreakerTypeUrl,
  MsgTripCircuitBreakerTypeUrl,
  MsgUpdateParamsTypeUrl,
  MsgWithdrawTypeUrl,
} from "./typeUrls.js";
import { assertUint32 } from "./validation.js";

/** EncodeObject carrying a clearing MsgDeposit. */
export interface MsgDepositEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgDepositTypeUrl;
  readonly value: MsgDeposit;
}

/** EncodeObject carrying a clearing MsgWithdraw. */
export interface MsgWithdrawEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgWithdrawTypeUrl;
  readonly value: MsgWithdraw;
}

/** EncodeObject carrying a clearing MsgUpdateParams. */
export interface MsgUpdateParamsEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgUpdateParamsTypeUrl;
  readonly value: MsgUpdateParams;
}

/** EncodeObject carrying a circuit MsgTripCircuitBreaker. */
export interface MsgTripCircuitBreakerEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgTripCircuitBreakerTypeUrl;
  readonly value: MsgTripCircuitBreaker;
}

/** EncodeObject carrying a circuit MsgResetCircuitBreaker. */
export interface MsgResetCircuitBreakerEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgResetCircuitBreakerTypeUrl;
  readonly value: MsgResetCircuitBreaker;
}

/** Input of `composeMsgDeposit`; a bare amount uses `collateralDenom` (default "uusdc"). */
export interface ComposeDepositInput {
  readonly sender: string;
  readonly subaccountNumber: number;
  readonly amount: AmountInput;
  readonly collateralDenom?: string;
}

/** Input of `composeMsgWithdraw`; an empty/absent recipient means the sender. */
export interface ComposeWithdrawInput extends ComposeDepositInput {
  readonly recipient?: string;
}

/** Input of `composeMsgUpdateParams`. */
export interface ComposeUpdateParamsInput {
  readonly authority: string;
  readonly params: Partial<Params>;
}

/** Input of the circuit breaker composers. */
export interface ComposeCircuitInput {
  readonly authority: string;
  readonly msgTypeUrls: readonly string[];
}

/** Builds a MsgDeposit EncodeObject (no chain-side checks: zero/negative amounts and numbers > 127 are left to the chain). */
export function composeMsgDeposit(input: ComposeDepositInput): MsgDepositEncodeObject {
  assertUint32(input.subaccountNumber, "subaccount number");
  return {
    typeUrl: MsgDepositTypeUrl,
    value: MsgDeposit.fromPartial({
      sender: input.sender,
      subaccountNumber: input.subaccountNumber,
      amount: parseAmount(input.amount, input.collateralDenom ?? COLLATERAL_DENOM),
    }),
  };
}

/** Builds a MsgWithdraw EncodeObject (recipient "" = sender). */
export function composeMsgWithdraw(input: ComposeWithdrawInput): MsgWithdrawEncodeObject {
  assertUint32(input.subaccountNumber, "subaccount number");
  return {
    typeUrl: MsgWithdrawTypeUrl,
    value: MsgWithdraw.fromPartial({
      sender: input.sender,
      subaccountNumber: input.subaccountNumber,
      amount: parseAmount(input.amount, input.collateralDenom ?? COLLATERAL_DENOM),
      recipient: input.recipient ?? "",
    }),
  };
}

/** Builds a MsgUpdateParams EncodeObject (only the gov authority may send it). */
export function composeMsgUpdateParams(input: ComposeUpdateParamsInput): MsgUpdateParamsEncodeObject {
  return {
    typeUrl: MsgUpdateParamsTypeUrl,
    value: MsgUpdateParams.fromPartial({ authority: input.authority, params: input.params }),
  };
}

/** Builds a MsgTripCircuitBreaker EncodeObject disabling the given message type URLs. */
export function composeMsgTripCircuitBreaker(input: ComposeCircuitInput): MsgTripCircuitBreakerEncodeObject {
  return {
    typeUrl: MsgTripCircuitBreakerTypeUrl,
    value: MsgTripCircuitBreaker.fromPartial({ authority: input.authority, msgTypeUrls: [...input.msgTypeUrls] }),
  };
}

/** Builds a MsgResetCircuitBreaker EncodeObject re-enabling the given message type URLs. */
export function composeMsgResetCircuitBreaker(input: ComposeCircuitInput): MsgResetCircuitBreakerEncodeObject {
  return {
    typeUrl: MsgResetCircuitBreakerTypeUrl,
    value: MsgResetCircuitBreaker.fromPartial({ authority: input.authority, msgTypeUrls: [...input.msgTypeUrls] }),
  };
}
