import { AminoTypes, type AminoConverters, createDefaultAminoConverters } from "@cosmjs/stargate";

import {
  MsgDepositTypeUrl,
  MsgResetCircuitBreakerTypeUrl,
  MsgTripCircuitBreakerTypeUrl,
  MsgUpdateParamsTypeUrl,
  MsgWithdrawTypeUrl,
} from "./typeUrls.js";

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

/** Amino JSON converters (for Ledger / amino-only signers) for the clearing and circuit messages. */
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
      toAmino: (m: {
        authority: string;
        params?: { collateralDenom: string; maxSubaccountsPerOwner: number; maxQueryPageSize: number };
      }) => ({
        ...omitZero("authority", m.authority, !m.authority),
        params: {
          ...omitZero("collateral_denom", m.params?.collateralDenom, !m.params?.collateralDenom),
          ...omitZero("max_subaccounts_per_owner", m.params?.maxSubaccountsPerOwner, !m.params?.maxSubaccountsPerOwner),
          ...omitZero("max_query_page_size", m.params?.maxQueryPageSize, !m.params?.maxQueryPageSize),
        },
      }),
      fromAmino: (a: {
        authority?: string;
        params?: { collateral_denom?: string; max_subaccounts_per_owner?: number; max_query_page_size?: number };
      }) => ({
        authority: a.authority ?? "",
        params: {
          collateralDenom: a.params?.collateral_denom ?? "",
          maxSubaccountsPerOwner: a.params?.max_subaccounts_per_owner ?? 0,
          maxQueryPageSize: a.params?.max_query_page_size ?? 0,
        },
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
