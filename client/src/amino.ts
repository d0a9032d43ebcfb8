import { fromBase64, toBase64 } from "@cosmjs/encoding";
import { AminoTypes, type AminoConverters, createDefaultAminoConverters } from "@cosmjs/stargate";

import { Params } from "./generated/clearchain/clearing/v1/params.js";
import {
  MsgDepositTypeUrl,
  MsgResetCircuitBreakerTypeUrl,
  MsgTripCircuitBreakerTypeUrl,
  MsgUpdateParamsTypeUrl,
  MsgWithdrawTypeUrl,
} from "./typeUrls.js";
import { MsgCancelOrdersTypeUrl, MsgSetIsolatedTypeUrl, MsgTransferTypeUrl } from "./trading.js";
import { MsgLiquidateTypeUrl } from "./liquidation.js";

interface AminoCoin {
  readonly denom: string;
  readonly amount: string;
}

interface CoinLike {
  readonly denom: string;
  readonly amount: string;
}

// The SDK's amino JSON encoder (x/tx aminojson) omits zero values unless a field is marked dont_omitempty.
function omitZero<K extends string, V>(key: K, value: V, isZero: boolean): Partial<Record<K, V>> {
  return isZero ? {} : ({ [key]: value } as Record<K, V>);
}

function coinToAmino(c: CoinLike | undefined): AminoCoin {
  return { denom: c?.denom ?? "", amount: c?.amount ?? "0" };
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function isZero(v: unknown): boolean {
  return v === undefined || v === null || v === "" || v === 0 || v === 0n || v === false || (Array.isArray(v) && v.length === 0);
}

// Generic ts-proto object -> amino JSON: snake_case keys, 64-bit ints as strings, zero values omitted.
function toAminoJson(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toAminoJson);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!isZero(v)) out[snakeCase(k)] = toAminoJson(v);
    }
    return out;
  }
  return value;
}

/** Amino JSON converters (for Ledger / amino-only signers) for the clearing and circuit messages (MsgSubmitTrades: direct signing only). */
export function createClearchainAminoConverters(): AminoConverters {
  return {
    [MsgDepositTypeUrl]: {
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
    [MsgWithdrawTypeUrl]: {
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
    [MsgUpdateParamsTypeUrl]: {
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
    [MsgTransferTypeUrl]: {
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
    [MsgSetIsolatedTypeUrl]: {
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
    [MsgCancelOrdersTypeUrl]: {
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
    [MsgLiquidateTypeUrl]: {
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

/** CosmJS `AminoTypes` with the default stargate converters plus the clearing and circuit ones. */
export function clearchainAminoTypes(): AminoTypes {
  return new AminoTypes({ ...createDefaultAminoConverters(), ...createClearchainAminoConverters() });
}
