// An in-memory CometBFT RPC stand-in for unit tests: ABCI queries, broadcast_tx_sync and tx_search.
import { sha256 } from "@cosmjs/crypto";
import { fromHex, toHex } from "@cosmjs/encoding";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { QueryAccountRequest, QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query";
import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { AuthInfo, Tx, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";

import { QueryParamsResponse, QuerySubaccountRequest, QuerySubaccountResponse, QuerySubaccountsByOwnerRequest, QuerySubaccountsByOwnerResponse } from "../src/generated/clearchain/clearing/v1/query.js";
import { QueryDisabledListResponse } from "../src/generated/clearchain/circuit/v1/query.js";
import {
  MsgCancelOrders, MsgDeposit, MsgDepositResponse, MsgLiquidate, MsgSetIsolated, MsgSubmitTrades, MsgTransfer, MsgWithdraw, MsgWithdrawResponse,
} from "../src/generated/clearchain/clearing/v1/tx.js";

/** A message handler of the fake chain: returns the Any response or an error result. */
export type FakeMsgHandler = (value: Uint8Array) => Any | { code: number; codespace: string; log: string };

interface PendingTx {
  readonly hash: string;
  readonly raw: Uint8Array;
  readonly body: TxBody;
}

interface IndexedFakeTx {
  readonly hash: Uint8Array;
  readonly height: number;
  readonly index: number;
  readonly tx: Uint8Array;
  readonly result: {
    code: number;
    codespace?: string;
    log?: string;
    data?: Uint8Array;
    events: [];
    gasWanted: bigint;
    gasUsed: bigint;
  };
}

/** A tiny chain: one collateral denom, subaccounts in a map, sequences checked like the SDK ante handler. */
export class FakeNode {
  public readonly chainId = "clearchain-unit";
  public collateralDenom = "uusdc";
  public height = 10;
  public pageSize = 2;
  public readonly counts = { params: 0, simulate: 0, broadcast: 0, txSearch: 0, account: 0 };
  public readonly accounts = new Map<string, { accountNumber: bigint; sequence: number }>();
  public readonly collateral = new Map<string, bigint>();
  public readonly disabled: string[] = [];
  /** Sequence each account expects in CheckTx (committed + mempool). */
  public readonly checkSeq = new Map<string, number>();
  /** Extra ABCI query handlers by path (returning the encoded response). */
  public readonly queryHandlers = new Map<string, (data: Uint8Array) => Uint8Array>();
  /** Extra message handlers by type URL. */
  public readonly msgHandlers = new Map<string, FakeMsgHandler>();
  /** Extra simulation checks by type URL: return an error text to fail the simulation like the SDK's check state. */
  public readonly dryRunHandlers = new Map<string, (value: Uint8Array) => string | undefined>();
  /** Gas a simulation reports for a tx body (default 80 000). */
  public simulateGas: (body: TxBody) => number = () => 80_000;
  /** Size of every SimulateRequest received; requests above maxSimulateRequestBytes fail like an oversized RPC body. */
  public readonly simulateSizes: number[] = [];
  public maxSimulateRequestBytes = Infinity;
  /** Gas limits of broadcast txs. */
  public readonly gasLimits: bigint[] = [];
  private mempool: PendingTx[] = [];
  private readonly indexed = new Map<string, IndexedFakeTx>();

  public client(): CometClient {
    const self = this;
    const txSearch = async ({ query }: { query: string }) => {
      self.counts.txSearch++;
      const m = /tx\.hash='([0-9A-F]+)'/.exec(query);
      const found = m ? self.indexed.get(m[1]) : undefined;
      return { txs: found ? [found] : [], totalCount: found ? 1 : 0 };
    };
    const fake = {
      status: async () => ({ nodeInfo: { network: self.chainId } }),
      abciQuery: async ({ path, data }: { path: string; data: Uint8Array }) => self.abciQuery(path, data),
      broadcastTxSync: async ({ tx }: { tx: Uint8Array }) => self.broadcast(tx),
      txSearch,
      txSearchAll: txSearch,
      disconnect: () => undefined,
    };
    return fake as unknown as CometClient;
  }

  public key(owner: string, n: number): string {
    return `${owner}/${n}`;
  }

  /** Executes every mempool tx in a new block, like FinalizeBlock + Commit. */
  public produceBlock(): void {
    this.height++;
    let index = 0;
    for (const p of this.mempool) {
      const result = this.execute(p.body);
      this.indexed.set(p.hash, {
        hash: fromHex(p.hash),
        height: this.height,
        index: index++,
        tx: p.raw,
        result: { ...result, events: [], gasWanted: 200_000n, gasUsed: 100_000n },
      });
    }
    this.mempool = [];
    for (const [addr, seq] of this.checkSeq) {
      const acc = this.accounts.get(addr);
      if (acc) acc.sequence = seq;
    }
  }

  private execute(body: TxBody): { code: number; codespace?: string; log?: string; data?: Uint8Array } {
    const responses: Any[] = [];
    for (const msg of body.messages) {
      const handler = this.msgHandlers.get(msg.typeUrl);
      if (handler) {
        const out = handler(msg.value);
        if ("code" in out) return out;
        responses.push(out);
      } else if (msg.typeUrl === "/clearchain.clearing.v1.MsgDeposit") {
        const m = MsgDeposit.decode(msg.value);
        const amount = BigInt(m.amount?.amount ?? "0");
        if (amount <= 0n) return { code: 3, codespace: "clearing", log: `${amount}: invalid amount` };
        const k = this.key(m.sender, m.subaccountNumber);
        const after = (this.collateral.get(k) ?? 0n) + amount;
        this.collateral.set(k, after);
        responses.push(Any.fromPartial({ typeUrl: "/clearchain.clearing.v1.MsgDepositResponse", value: MsgDepositResponse.encode({ collateral: after.toString() }).finish() }));
      } else if (msg.typeUrl === "/clearchain.clearing.v1.MsgWithdraw") {
        const m = MsgWithdraw.decode(msg.value);
        const amount = BigInt(m.amount?.amount ?? "0");
        const k = this.key(m.sender, m.subaccountNumber);
        const have = this.collateral.get(k) ?? 0n;
        if (amount > have) {
          return {
            code: 5,
            codespace: "clearing",
            log: `failed to execute message; message index: 0: subaccount ${k} holds ${have}uusdc, requested ${amount}: insufficient collateral`,
          };
        }
        this.collateral.set(k, have - amount);
        responses.push(Any.fromPartial({ typeUrl: "/clearchain.clearing.v1.MsgWithdrawResponse", value: MsgWithdrawResponse.encode({ collateral: (have - amount).toString() }).finish() }));
      }
    }
    return { code: 0, data: TxMsgData.encode(TxMsgData.fromPartial({ msgResponses: responses })).finish() };
  }

  private signerSequence(authInfo: AuthInfo): number {
    return Number(authInfo.signerInfos[0]?.sequence ?? 0n);
  }

  private signerAddress(body: TxBody): string {
    const msg = body.messages[0];
    if (msg.typeUrl.endsWith("MsgDeposit")) return MsgDeposit.decode(msg.value).sender;
    if (msg.typeUrl.endsWith("MsgWithdraw")) return MsgWithdraw.decode(msg.value).sender;
    if (msg.typeUrl.endsWith("MsgSubmitTrades")) return MsgSubmitTrades.decode(msg.value).submitter;
    if (msg.typeUrl.endsWith("MsgTransfer")) return MsgTransfer.decode(msg.value).sender;
    if (msg.typeUrl.endsWith("MsgSetIsolated")) return MsgSetIsolated.decode(msg.value).sender;
    if (msg.typeUrl.endsWith("MsgCancelOrders")) return MsgCancelOrders.decode(msg.value).sender;
    if (msg.typeUrl.endsWith("MsgLiquidate")) return MsgLiquidate.decode(msg.value).liquidator;
    throw new Error(`fake node cannot find the signer of ${msg.typeUrl}`);
  }

  private abciQuery(path: string, data: Uint8Array) {
    const ok = (value: Uint8Array) => ({ code: 0, value, height: this.height, log: "" });
    const fail = (code: number, log: string) => ({ code, value: new Uint8Array(), height: this.height, log, codespace: "sdk" });
    const extra = this.queryHandlers.get(path);
    if (extra) {
      try {
        return ok(extra(data));
      } catch (e) {
        return fail(5, `rpc error: code = NotFound desc = ${(e as Error).message}`);
      }
    }
    switch (path) {
      case "/cosmos.auth.v1beta1.Query/Account": {
        this.counts.account++;
        const { address } = QueryAccountRequest.decode(data);
        const acc = this.accounts.get(address);
        if (!acc) return fail(22, `rpc error: code = NotFound desc = account ${address} not found: key not found`);
        const account = Any.fromPartial({
          typeUrl: "/cosmos.auth.v1beta1.BaseAccount",
          value: BaseAccount.encode(BaseAccount.fromPartial({ address, accountNumber: acc.accountNumber, sequence: BigInt(acc.sequence) })).finish(),
        });
        return ok(QueryAccountResponse.encode({ account }).finish());
      }
      case "/cosmos.tx.v1beta1.Service/Simulate": {
        this.counts.simulate++;
        this.simulateSizes.push(data.length);
        if (data.length > this.maxSimulateRequestBytes) throw new Error(`Bad status on response: 413 (request body too large: ${data.length})`);
        const tx = Tx.decode(SimulateRequest.decode(data).txBytes);
        const body = tx.body!;
        const sender = this.signerAddress(body);
        const expected = this.checkSeq.get(sender) ?? 0;
        const got = this.signerSequence(tx.authInfo!);
        const unknown = `rpc error: code = Unknown desc = `;
        if (got !== expected) {
          return fail(6, `${unknown}account sequence mismatch, expected ${expected}, got ${got}: incorrect account sequence with gas used: '1000': unknown request`);
        }
        const dry = this.dryRun(body);
        if (dry) return fail(6, `${unknown}${dry} with gas used: '5000': unknown request`);
        return ok(SimulateResponse.encode(SimulateResponse.fromPartial({ gasInfo: { gasUsed: BigInt(this.simulateGas(body)), gasWanted: 0n } })).finish());
      }
      case "/clearchain.clearing.v1.Query/Params":
        this.counts.params++;
        return ok(QueryParamsResponse.encode(QueryParamsResponse.fromPartial({ params: { collateralDenom: this.collateralDenom, maxSubaccountsPerOwner: 128, maxQueryPageSize: 100 } })).finish());
      case "/clearchain.clearing.v1.Query/Subaccount": {
        const { owner, number } = QuerySubaccountRequest.decode(data);
        const c = (this.collateral.get(this.key(owner, number)) ?? 0n).toString();
        return ok(QuerySubaccountResponse.encode(QuerySubaccountResponse.fromPartial({ subaccount: { owner, number, collateral: c }, owner, number, collateral: c, denom: this.collateralDenom })).finish());
      }
      case "/clearchain.clearing.v1.Query/SubaccountsByOwner": {
        const { owner, pagination } = QuerySubaccountsByOwnerRequest.decode(data);
        const all = [...this.collateral.entries()]
          .filter(([k]) => k.startsWith(`${owner}/`))
          .map(([k, v]) => ({ owner, number: Number(k.split("/")[1]), collateral: v.toString() }))
          .sort((a, b) => a.number - b.number);
        const start = pagination?.key?.length ? Number(new TextDecoder().decode(pagination.key)) : 0;
        const page = all.slice(start, start + this.pageSize);
        const next = start + this.pageSize < all.length ? new TextEncoder().encode(String(start + this.pageSize)) : new Uint8Array();
        return ok(QuerySubaccountsByOwnerResponse.encode(QuerySubaccountsByOwnerResponse.fromPartial({ subaccounts: page, pagination: { nextKey: next, total: 0n } })).finish());
      }
      case "/clearchain.circuit.v1.Query/DisabledList":
        return ok(QueryDisabledListResponse.encode({ disabledList: this.disabled }).finish());
      default:
        return fail(6, `unknown query path ${path}`);
    }
  }

  // Message checks done during simulation (withdrawals see committed collateral only, like the SDK's check state).
  private dryRun(body: TxBody): string | undefined {
    for (const msg of body.messages) {
      const extra = this.dryRunHandlers.get(msg.typeUrl)?.(msg.value);
      if (extra) return extra;
      if (msg.typeUrl === "/clearchain.clearing.v1.MsgWithdraw") {
        const m = MsgWithdraw.decode(msg.value);
        const have = this.collateral.get(this.key(m.sender, m.subaccountNumber)) ?? 0n;
        if (BigInt(m.amount?.amount ?? "0") > have) {
          return `failed to execute message; message index: 0: subaccount holds ${have}, requested ${m.amount?.amount}: insufficient collateral`;
        }
      }
    }
    return undefined;
  }

  private broadcast(raw: Uint8Array) {
    this.counts.broadcast++;
    const hash = toHex(sha256(raw)).toUpperCase();
    const txRaw = TxRaw.decode(raw);
    const body = TxBody.decode(txRaw.bodyBytes);
    const authInfo = AuthInfo.decode(txRaw.authInfoBytes);
    this.gasLimits.push(authInfo.fee?.gasLimit ?? 0n);
    const sender = this.signerAddress(body);
    const expected = this.checkSeq.get(sender) ?? 0;
    const got = this.signerSequence(authInfo);
    const base = { hash: sha256(raw), events: [], gasWanted: 0n, gasUsed: 0n, data: undefined };
    if (got !== expected) {
      return { ...base, code: 32, codespace: "sdk", log: `account sequence mismatch, expected ${expected}, got ${got}: incorrect account sequence` };
    }
    this.checkSeq.set(sender, expected + 1);
    this.mempool.push({ hash, raw, body });
    return { ...base, code: 0, codespace: "", log: "" };
  }
}
