// Clearing module messages: type URLs, EncodeObjects and composers (deposit, withdraw, params, trading), and their responses.
import type { EncodeObject } from "@cosmjs/proto-signing";

import { type AmountInput, parseAmount } from "../../amount.js";
import { COLLATERAL_DENOM } from "../../constants.js";
import type { Fill } from "../../generated/clearchain/clearing/v1/order.js";
import type { Params } from "../../generated/clearchain/clearing/v1/params.js";
import {
  MsgCancelOrders, MsgCancelOrdersResponse, MsgDeposit, MsgSetIsolated, MsgSubmitTrades, MsgSubmitTradesResponse, MsgTransfer, MsgUpdateParams,
  MsgWithdraw,
} from "../../generated/clearchain/clearing/v1/tx.js";
import { type IntegerInput, parseOrderHash, toInteger } from "../../orders.js";
import { clearingTypeUrls, MsgDepositTypeUrl, MsgUpdateParamsTypeUrl, MsgWithdrawTypeUrl } from "../../typeUrls.js";
import { assertUint32 } from "../../validation.js";

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

/** Type URL of MsgSubmitTrades. */
export const MsgSubmitTradesTypeUrl = clearingTypeUrls.MsgSubmitTrades;
/** Type URL of MsgTransfer. */
export const MsgTransferTypeUrl = clearingTypeUrls.MsgTransfer;
/** Type URL of MsgSetIsolated. */
export const MsgSetIsolatedTypeUrl = clearingTypeUrls.MsgSetIsolated;
/** Type URL of MsgCreateMarket (governance). */
export const MsgCreateMarketTypeUrl = clearingTypeUrls.MsgCreateMarket;
/** Type URL of MsgUpdateMarket (governance). */
export const MsgUpdateMarketTypeUrl = clearingTypeUrls.MsgUpdateMarket;
/** Type URL of MsgCancelOrders. */
export const MsgCancelOrdersTypeUrl = clearingTypeUrls.MsgCancelOrders;
/** Type URL of MsgSubmitTradesResponse (in a tx's msgResponses). */
export const MsgSubmitTradesResponseTypeUrl = "/clearchain.clearing.v1.MsgSubmitTradesResponse" as const;
/** Type URL of MsgCancelOrdersResponse (in a tx's msgResponses). */
export const MsgCancelOrdersResponseTypeUrl = "/clearchain.clearing.v1.MsgCancelOrdersResponse" as const;

/** EncodeObject carrying a MsgSubmitTrades. */
export interface MsgSubmitTradesEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgSubmitTradesTypeUrl;
  readonly value: MsgSubmitTrades;
}

/** EncodeObject carrying a MsgTransfer. */
export interface MsgTransferEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgTransferTypeUrl;
  readonly value: MsgTransfer;
}

/** EncodeObject carrying a MsgSetIsolated. */
export interface MsgSetIsolatedEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgSetIsolatedTypeUrl;
  readonly value: MsgSetIsolated;
}

/** EncodeObject carrying a MsgCancelOrders. */
export interface MsgCancelOrdersEncodeObject extends EncodeObject {
  readonly typeUrl: typeof MsgCancelOrdersTypeUrl;
  readonly value: MsgCancelOrders;
}

/** Input of composeMsgSubmitTrades: any account (a venue) may submit. */
export interface ComposeSubmitTradesInput {
  readonly submitter: string;
  readonly fills: readonly Fill[];
}

/** Input of composeMsgTransfer; a bare amount uses collateralDenom (default "uusdc"). */
export interface ComposeTransferInput {
  readonly sender: string;
  readonly fromNumber: number;
  readonly toNumber: number;
  readonly amount: AmountInput;
  readonly collateralDenom?: string;
}

/** Input of composeMsgSetIsolated (marketId 0 returns to cross margin). */
export interface ComposeSetIsolatedInput {
  readonly sender: string;
  readonly subaccountNumber: number;
  readonly marketId: number;
}

/**
 * Input of composeMsgCancelOrders. Only the orders' own signer (sender = order owner) can cancel them: anyone else's
 * cancellation of the same hash has no effect on the order.
 */
export interface ComposeCancelOrdersInput {
  readonly sender: string;
  readonly subaccountNumber: number;
  /** The orders' hashes: 64 hex characters as orderHash() returns them (any case), or the 32 hash bytes. */
  readonly orderHashes: readonly (string | Uint8Array)[];
  /**
   * Last height the cancellations are kept; 0 / absent lets the chain choose (the order's own good_til_block when it
   * has filled before, else the current height + max_order_lifetime_blocks). Pass an order's goodTilBlock to cancel an
   * order dated further ahead.
   */
  readonly goodTilBlock?: IntegerInput;
}

/**
 * composeMsgCancelOrders builds a MsgCancelOrders EncodeObject; throws TypeError for a hash that is not 64 hex characters
 * (or 32 bytes). An empty list or a good_til_block the chain does not accept is left to the chain (InvalidCancel, 37).
 */
export function composeMsgCancelOrders(input: ComposeCancelOrdersInput): MsgCancelOrdersEncodeObject {
  assertUint32(input.subaccountNumber, "subaccount number");
  return {
    typeUrl: MsgCancelOrdersTypeUrl,
    value: MsgCancelOrders.fromPartial({
      sender: input.sender,
      subaccountNumber: input.subaccountNumber,
      orderHashes: input.orderHashes.map(parseOrderHash),
      goodTilBlock: toInteger(input.goodTilBlock ?? 0n, "goodTilBlock", -(1n << 63n), (1n << 63n) - 1n),
    }),
  };
}

/** composeMsgSubmitTrades builds a MsgSubmitTrades EncodeObject (fills from composeFill). */
export function composeMsgSubmitTrades(input: ComposeSubmitTradesInput): MsgSubmitTradesEncodeObject {
  return { typeUrl: MsgSubmitTradesTypeUrl, value: MsgSubmitTrades.fromPartial({ submitter: input.submitter, fills: [...input.fills] }) };
}

/** composeMsgTransfer builds a MsgTransfer EncodeObject moving collateral between two subaccounts of sender. */
export function composeMsgTransfer(input: ComposeTransferInput): MsgTransferEncodeObject {
  assertUint32(input.fromNumber, "from subaccount number");
  assertUint32(input.toNumber, "to subaccount number");
  return {
    typeUrl: MsgTransferTypeUrl,
    value: MsgTransfer.fromPartial({
      sender: input.sender, fromNumber: input.fromNumber, toNumber: input.toNumber,
      amount: parseAmount(input.amount, input.collateralDenom ?? COLLATERAL_DENOM),
    }),
  };
}

/** composeMsgSetIsolated builds a MsgSetIsolated EncodeObject (the subaccount must be flat). */
export function composeMsgSetIsolated(input: ComposeSetIsolatedInput): MsgSetIsolatedEncodeObject {
  assertUint32(input.subaccountNumber, "subaccount number");
  assertUint32(input.marketId, "market id");
  return {
    typeUrl: MsgSetIsolatedTypeUrl,
    value: MsgSetIsolated.fromPartial({ sender: input.sender, subaccountNumber: input.subaccountNumber, marketId: input.marketId }),
  };
}

/** submitTradesResponse decodes the MsgSubmitTradesResponse of a delivered tx (the first one, or the one at msgIndex). */
export function submitTradesResponse(
  response: { readonly msgResponses: ReadonlyArray<{ readonly typeUrl: string; readonly value: Uint8Array }> },
  msgIndex?: number,
): MsgSubmitTradesResponse {
  const candidates = msgIndex !== undefined ? [response.msgResponses[msgIndex]] : response.msgResponses;
  const found = candidates.find((r) => r?.typeUrl === MsgSubmitTradesResponseTypeUrl);
  if (!found) throw new Error("transaction carries no MsgSubmitTradesResponse");
  return MsgSubmitTradesResponse.decode(found.value);
}

/** cancelOrdersResponse decodes the MsgCancelOrdersResponse of a delivered tx (the first one, or the one at msgIndex). */
export function cancelOrdersResponse(
  response: { readonly msgResponses: ReadonlyArray<{ readonly typeUrl: string; readonly value: Uint8Array }> },
  msgIndex?: number,
): MsgCancelOrdersResponse {
  const candidates = msgIndex !== undefined ? [response.msgResponses[msgIndex]] : response.msgResponses;
  const found = candidates.find((r) => r?.typeUrl === MsgCancelOrdersResponseTypeUrl);
  if (!found) throw new Error("transaction carries no MsgCancelOrdersResponse");
  return MsgCancelOrdersResponse.decode(found.value);
}
