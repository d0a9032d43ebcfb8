// Amino JSON converters of the clearing module's messages (Ledger / amino-only signers), byte-for-byte as the chain's
// x/tx aminojson encoder (held to test/vectors/amino.json).
import { fromBase64, toBase64 } from "@cosmjs/encoding";
import type { AminoConverters } from "@cosmjs/stargate";

import { Params } from "../../generated/clearchain/clearing/v1/params.js";
import { MsgCreateMarket, MsgSubmitTrades, MsgUpdateMarket } from "../../generated/clearchain/clearing/v1/tx.js";
import { type AminoCoin, coinToAmino, omitZero, protoAminoConverter, toAminoJson } from "../../aminoJson.js";
import { clearingTypeUrls } from "../../typeUrls.js";

type CoinLike = AminoCoin;

/** Amino converters of every clearing message, keyed by type URL (amino names as registered in chain/x/clearing/types/codec.go). */
export function createClearingAminoConverters(): AminoConverters {
  return {
    [clearingTypeUrls.MsgDeposit]: {
      aminoType: "clearchain/MsgDeposit",
      toAmino: (m: { sender: string; subaccountNumber: number; amount?: CoinLike }) => ({
        ...omitZero("sender", m.sender, !m.sender),
        ...omitZero("subaccount_number", m.subaccountNumber, !m.subaccountNumber),
        amount: coinToAmino(m.amount),
      }),
      fromAmino: (a: { sender?: string; subaccount_number?: number; amount?: AminoCoin }) => ({
        sender: a.sender ?? "",
        subaccountNumber: a.subaccount_number ?? 0,
        amount: coinToAmino(a.amount),
      }),
    },
    [clearingTypeUrls.MsgWithdraw]: {
      aminoType: "clearchain/MsgWithdraw",
      toAmino: (m: { sender: string; subaccountNumber: number; amount?: CoinLike; recipient: string }) => ({
        ...omitZero("sender", m.sender, !m.sender),
        ...omitZero("subaccount_number", m.subaccountNumber, !m.subaccountNumber),
        amount: coinToAmino(m.amount),
        ...omitZero("recipient", m.recipient, !m.recipient),
      }),
      fromAmino: (a: { sender?: string; subaccount_number?: number; amount?: AminoCoin; recipient?: string }) => ({
        sender: a.sender ?? "",
        subaccountNumber: a.subaccount_number ?? 0,
        amount: coinToAmino(a.amount),
        recipient: a.recipient ?? "",
      }),
    },
    [clearingTypeUrls.MsgUpdateParams]: {
      aminoType: "clearchain/x/clearing/MsgUpdateParams",
      toAmino: (m: { authority: string; params?: object }) => ({
        ...omitZero("authority", m.authority, !m.authority),
        // params is dont_omitempty; its own zero fields are omitted.
        params: toAminoJson(m.params ?? {}),
      }),
      fromAmino: (a: { authority?: string; params?: Record<string, unknown> }) => ({
        authority: a.authority ?? "",
        params: Params.fromJSON(a.params ?? {}),
      }),
    },
    [clearingTypeUrls.MsgTransfer]: {
      aminoType: "clearchain/MsgTransfer",
      toAmino: (m: { sender: string; fromNumber: number; toNumber: number; amount?: CoinLike }) => ({
        ...omitZero("sender", m.sender, !m.sender),
        ...omitZero("from_number", m.fromNumber, !m.fromNumber),
        ...omitZero("to_number", m.toNumber, !m.toNumber),
        amount: coinToAmino(m.amount),
      }),
      fromAmino: (a: { sender?: string; from_number?: number; to_number?: number; amount?: AminoCoin }) => ({
        sender: a.sender ?? "",
        fromNumber: a.from_number ?? 0,
        toNumber: a.to_number ?? 0,
        amount: coinToAmino(a.amount),
      }),
    },
    [clearingTypeUrls.MsgSetIsolated]: {
      aminoType: "clearchain/MsgSetIsolated",
      toAmino: (m: { sender: string; subaccountNumber: number; marketId: number }) => ({
        ...omitZero("sender", m.sender, !m.sender),
        ...omitZero("subaccount_number", m.subaccountNumber, !m.subaccountNumber),
        ...omitZero("market_id", m.marketId, !m.marketId),
      }),
      fromAmino: (a: { sender?: string; subaccount_number?: number; market_id?: number }) => ({
        sender: a.sender ?? "",
        subaccountNumber: a.subaccount_number ?? 0,
        marketId: a.market_id ?? 0,
      }),
    },
    [clearingTypeUrls.MsgCancelOrders]: {
      aminoType: "clearchain/MsgCancelOrders",
      // bytes as base64 strings, int64 as a decimal string (x/tx aminojson).
      toAmino: (m: { sender: string; subaccountNumber: number; orderHashes: Uint8Array[]; goodTilBlock: bigint }) => ({
        ...omitZero("sender", m.sender, !m.sender),
        ...omitZero("subaccount_number", m.subaccountNumber, !m.subaccountNumber),
        ...omitZero("order_hashes", (m.orderHashes ?? []).map((h) => toBase64(h)), !m.orderHashes?.length),
        ...omitZero("good_til_block", String(m.goodTilBlock ?? 0n), !m.goodTilBlock),
      }),
      fromAmino: (a: { sender?: string; subaccount_number?: number; order_hashes?: string[]; good_til_block?: string }) => ({
        sender: a.sender ?? "",
        subaccountNumber: a.subaccount_number ?? 0,
        orderHashes: (a.order_hashes ?? []).map((h) => fromBase64(h)),
        goodTilBlock: BigInt(a.good_til_block ?? "0"),
      }),
    },
    [clearingTypeUrls.MsgLiquidate]: {
      aminoType: "clearchain/MsgLiquidate",
      // uint64 as a decimal string (x/tx aminojson); zero values omitted.
      toAmino: (m: { liquidator: string; liquidatorSubaccountNumber: number; owner: string; subaccountNumber: number; marketId: number; size: bigint }) => ({
        ...omitZero("liquidator", m.liquidator, !m.liquidator),
        ...omitZero("liquidator_subaccount_number", m.liquidatorSubaccountNumber, !m.liquidatorSubaccountNumber),
        ...omitZero("owner", m.owner, !m.owner),
        ...omitZero("subaccount_number", m.subaccountNumber, !m.subaccountNumber),
        ...omitZero("market_id", m.marketId, !m.marketId),
        ...omitZero("size", String(m.size ?? 0n), !m.size),
      }),
      fromAmino: (a: { liquidator?: string; liquidator_subaccount_number?: number; owner?: string; subaccount_number?: number; market_id?: number; size?: string }) => ({
        liquidator: a.liquidator ?? "",
        liquidatorSubaccountNumber: a.liquidator_subaccount_number ?? 0,
        owner: a.owner ?? "",
        subaccountNumber: a.subaccount_number ?? 0,
        marketId: a.market_id ?? 0,
        size: BigInt(a.size ?? "0"),
      }),
    },
    [clearingTypeUrls.MsgSubmitTrades]: protoAminoConverter("clearchain/MsgSubmitTrades", MsgSubmitTrades),
    [clearingTypeUrls.MsgCreateMarket]: protoAminoConverter("clearchain/x/clearing/MsgCreateMarket", MsgCreateMarket, ["market"]),
    [clearingTypeUrls.MsgUpdateMarket]: protoAminoConverter("clearchain/x/clearing/MsgUpdateMarket", MsgUpdateMarket, ["market"]),
  };
}
