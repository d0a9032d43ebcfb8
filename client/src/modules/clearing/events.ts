// Typed decoders of every clearing module event (typed events: one JSON value per proto field), amounts as bigints.
import {
  EventDeposit, EventFill, EventFillRejected, EventFunding, EventOrdersCancelled, EventParamsUpdated, EventTransfer, EventWithdraw,
} from "../../generated/clearchain/clearing/v1/events.js";
import { attributesObject, int, type RawAbciEvent } from "../../eventAttributes.js";
import { decodeLiquidationEvent, LIQUIDATION_EVENT_TYPES, type LiquidationEvent } from "./liquidationEvents.js";

/** ABCI event types of the clearing module (proto message names of its typed events). */
export const CLEARING_EVENT_TYPES = {
  deposit: "clearchain.clearing.v1.EventDeposit",
  withdraw: "clearchain.clearing.v1.EventWithdraw",
  params_updated: "clearchain.clearing.v1.EventParamsUpdated",
  fill: "clearchain.clearing.v1.EventFill",
  fill_rejected: "clearchain.clearing.v1.EventFillRejected",
  transfer: "clearchain.clearing.v1.EventTransfer",
  funding: "clearchain.clearing.v1.EventFunding",
  orders_cancelled: "clearchain.clearing.v1.EventOrdersCancelled",
  ...LIQUIDATION_EVENT_TYPES,
} as const;

/** Collateral deposited into a subaccount (MsgDeposit). */
export interface DepositEventInfo {
  readonly kind: "deposit";
  readonly owner: string;
  readonly subaccountNumber: number;
  readonly denom: string;
  readonly amount: bigint;
  /** The subaccount's collateral after the deposit. */
  readonly collateralAfter: bigint;
}

/** Collateral withdrawn from a subaccount (MsgWithdraw). */
export interface WithdrawEventInfo {
  readonly kind: "withdraw";
  readonly owner: string;
  readonly subaccountNumber: number;
  readonly recipient: string;
  readonly denom: string;
  readonly amount: bigint;
  readonly collateralAfter: bigint;
}

/** Governance replaced the clearing params. */
export interface ParamsUpdatedEventInfo {
  readonly kind: "params_updated";
  readonly authority: string;
}

/** A settled fill of MsgSubmitTrades: size in base quantums, price in price quantums, money in collateral base units. */
export interface FillEventInfo {
  readonly kind: "fill";
  readonly marketId: number;
  readonly makerOwner: string;
  readonly makerNumber: number;
  readonly takerOwner: string;
  readonly takerNumber: number;
  /** The taker's side, "buy" or "sell" (the chain emits the enum name "SIDE_BUY" / "SIDE_SELL"). */
  readonly takerSide: "buy" | "sell";
  readonly size: bigint;
  readonly price: bigint;
  readonly notional: bigint;
  readonly makerFee: bigint;
  readonly takerFee: bigint;
  /** Lowercase hex order hashes. */
  readonly makerOrderHash: string;
  readonly takerOrderHash: string;
  /** Index of the fill within its MsgSubmitTrades. */
  readonly index: number;
}

/** A fill of MsgSubmitTrades that was rejected (the others still settle). */
export interface FillRejectedEventInfo {
  readonly kind: "fill_rejected";
  readonly index: number;
  readonly codespace: string;
  readonly code: number;
  readonly reason: string;
}

/** Collateral moved between two subaccounts of one owner (MsgTransfer). */
export interface TransferEventInfo {
  readonly kind: "transfer";
  readonly owner: string;
  readonly fromNumber: number;
  readonly toNumber: number;
  readonly amount: bigint;
}

/** A market's funding payment (EndBlock, once per funding interval). */
export interface FundingEventInfo {
  readonly kind: "funding";
  readonly marketId: number;
  readonly ratePpm: bigint;
  /** The market's cumulative funding index after the payment. */
  readonly fundingIndex: bigint;
}

/** Orders cancelled on chain (MsgCancelOrders). */
export interface OrdersCancelledEventInfo {
  readonly kind: "orders_cancelled";
  readonly owner: string;
  readonly subaccountNumber: number;
  /** Lowercase hex hashes. */
  readonly orderHashes: readonly string[];
  readonly goodTilBlock: bigint;
}

/** Any typed clearing event (the liquidation engine's included). */
export type ClearingEvent =
  | DepositEventInfo | WithdrawEventInfo | ParamsUpdatedEventInfo | FillEventInfo | FillRejectedEventInfo | TransferEventInfo
  | FundingEventInfo | OrdersCancelledEventInfo | LiquidationEvent;

/** sideName maps the chain's "SIDE_BUY"/"SIDE_SELL" (or "buy"/"sell") to "buy"/"sell". */
function sideName(side: string): "buy" | "sell" {
  const s = side.toLowerCase();
  if (s === "side_buy" || s === "buy") return "buy";
  if (s === "side_sell" || s === "sell") return "sell";
  throw new Error(`unknown taker side ${JSON.stringify(side)}`);
}

/** decodeFillEvent decodes an EventFill (undefined for any other type). */
export function decodeFillEvent(ev: RawAbciEvent): FillEventInfo | undefined {
  if (ev.type !== CLEARING_EVENT_TYPES.fill) return undefined;
  const e = EventFill.fromJSON(attributesObject(ev));
  return {
    kind: "fill", marketId: e.marketId, makerOwner: e.makerOwner, makerNumber: e.makerNumber, takerOwner: e.takerOwner,
    takerNumber: e.takerNumber, takerSide: sideName(e.takerSide), size: e.size, price: e.price, notional: int(e.notional), makerFee: int(e.makerFee),
    takerFee: int(e.takerFee), makerOrderHash: e.makerOrderHash.toLowerCase(), takerOrderHash: e.takerOrderHash.toLowerCase(), index: e.index,
  };
}

/** decodeClearingEvent decodes one ABCI event of the clearing module into its typed form (undefined for other types). */
export function decodeClearingEvent(ev: RawAbciEvent): ClearingEvent | undefined {
  switch (ev.type) {
    case CLEARING_EVENT_TYPES.deposit: {
      const e = EventDeposit.fromJSON(attributesObject(ev));
      return { kind: "deposit", owner: e.owner, subaccountNumber: e.subaccountNumber, denom: e.denom, amount: int(e.amount), collateralAfter: int(e.collateralAfter) };
    }
    case CLEARING_EVENT_TYPES.withdraw: {
      const e = EventWithdraw.fromJSON(attributesObject(ev));
      return {
        kind: "withdraw", owner: e.owner, subaccountNumber: e.subaccountNumber, recipient: e.recipient, denom: e.denom, amount: int(e.amount),
        collateralAfter: int(e.collateralAfter),
      };
    }
    case CLEARING_EVENT_TYPES.params_updated:
      return { kind: "params_updated", authority: EventParamsUpdated.fromJSON(attributesObject(ev)).authority };
    case CLEARING_EVENT_TYPES.fill:
      return decodeFillEvent(ev);
    case CLEARING_EVENT_TYPES.fill_rejected: {
      const e = EventFillRejected.fromJSON(attributesObject(ev));
      return { kind: "fill_rejected", index: e.index, codespace: e.codespace, code: e.code, reason: e.reason };
    }
    case CLEARING_EVENT_TYPES.transfer: {
      const e = EventTransfer.fromJSON(attributesObject(ev));
      return { kind: "transfer", owner: e.owner, fromNumber: e.fromNumber, toNumber: e.toNumber, amount: int(e.amount) };
    }
    case CLEARING_EVENT_TYPES.funding: {
      const e = EventFunding.fromJSON(attributesObject(ev));
      return { kind: "funding", marketId: e.marketId, ratePpm: e.ratePpm, fundingIndex: int(e.fundingIndex) };
    }
    case CLEARING_EVENT_TYPES.orders_cancelled: {
      const e = EventOrdersCancelled.fromJSON(attributesObject(ev));
      return {
        kind: "orders_cancelled", owner: e.owner, subaccountNumber: e.subaccountNumber, orderHashes: e.orderHashes.map((h) => h.toLowerCase()),
        goodTilBlock: e.goodTilBlock,
      };
    }
    default:
      return decodeLiquidationEvent(ev);
  }
}
