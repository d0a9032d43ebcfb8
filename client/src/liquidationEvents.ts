// Typed liquidation events (EventLiquidation, EventBadDebt, EventDeleverage, EventSweep) and subscribeLiquidations:
// a CometBFT websocket subscription that delivers them per block, reconnects with bounded backoff and fills the blocks
// it missed while disconnected from block_results.
import { sha256 } from "@cosmjs/crypto";
import { fromBase64, toHex } from "@cosmjs/encoding";
import { SocketWrapper, type SocketWrapperMessageEvent } from "@cosmjs/socket";

import { EventBadDebt, EventDeleverage, EventLiquidation, EventSweep } from "./generated/clearchain/clearing/v1/events.js";

/** ABCI event types of the liquidation engine (typed events: proto message names). */
export const LIQUIDATION_EVENT_TYPES = {
  liquidation: "clearchain.clearing.v1.EventLiquidation",
  bad_debt: "clearchain.clearing.v1.EventBadDebt",
  deleverage: "clearchain.clearing.v1.EventDeleverage",
  sweep: "clearchain.clearing.v1.EventSweep",
} as const;

/** A liquidation fill, by a liquidator (MsgLiquidate) or the backstop (EndBlock). */
export interface LiquidationEventInfo {
  readonly kind: "liquidation";
  readonly owner: string;
  readonly number: number;
  readonly marketId: number;
  /** "liquidator" or "backstop". */
  readonly taker: string;
  /** The receiving subaccount (the backstop's for "backstop"). */
  readonly liquidator: string;
  readonly liquidatorNumber: number;
  /** Signed size removed from the liquidated position (positive: a long was reduced). */
  readonly size: bigint;
  /** Fill price, price quantums. */
  readonly price: bigint;
  /** Price at which the close leaves zero equity. */
  readonly bankruptcyPrice: bigint;
  /** Liquidation fee paid to the insurance fund. */
  readonly fee: bigint;
}

/** The insurance fund paid a subaccount's negative equity. */
export interface BadDebtEventInfo {
  readonly kind: "bad_debt";
  readonly owner: string;
  readonly number: number;
  readonly amount: bigint;
  /** Insurance fund balance after paying. */
  readonly insuranceAfter: bigint;
}

/** Auto-deleveraging closed a profitable opposite position against a bankrupt one. */
export interface DeleverageEventInfo {
  readonly kind: "deleverage";
  readonly marketId: number;
  /** The bankrupt subaccount. */
  readonly owner: string;
  readonly number: number;
  /** The deleveraged subaccount. */
  readonly counterparty: string;
  readonly counterpartyNumber: number;
  /** Signed size removed from the bankrupt position. */
  readonly size: bigint;
  /** The bankruptcy price used. */
  readonly price: bigint;
}

/** A block's liquidation sweep result. */
export interface SweepEventInfo {
  readonly kind: "sweep";
  /** Subaccounts the index woke and the sweep evaluated. */
  readonly evaluated: number;
  /** Subaccounts liquidatable after the sweep. */
  readonly liquidatable: number;
  /** Liquidatable subaccounts the caps queued for the next block. */
  readonly deferred: number;
}

/** Any typed liquidation event. */
export type LiquidationEvent = LiquidationEventInfo | BadDebtEventInfo | DeleverageEventInfo | SweepEventInfo;

/** A liquidation event with where it happened: block events (PreBlock/EndBlock) have no txHash. */
export type LiquidationStreamEvent = LiquidationEvent & {
  /** Block height. */
  readonly height: bigint;
  /** Upper-case hex hash of the transaction that emitted it (undefined for block events). */
  readonly txHash?: string;
};

/** An ABCI event with string or byte attributes (CometBFT JSON, CosmJS' decoded events). */
export interface RawAbciEvent {
  readonly type: string;
  readonly attributes?: ReadonlyArray<{ readonly key: string | Uint8Array; readonly value?: string | Uint8Array | null }> | null;
}

const text = (v: string | Uint8Array | null | undefined): string => (v === undefined || v === null ? "" : typeof v === "string" ? v : new TextDecoder().decode(v));
const int = (s: string | undefined): bigint => (s && /^-?\d+$/.test(s) ? BigInt(s) : 0n);

/** attributesObject turns a typed event's attributes (JSON-encoded values, as the SDK emits them) into an object. */
function attributesObject(ev: RawAbciEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of ev.attributes ?? []) {
    const v = text(a.value);
    try {
      out[text(a.key)] = JSON.parse(v);
    } catch {
      out[text(a.key)] = v;
    }
  }
  return out;
}

/** decodeLiquidationEvent decodes one ABCI event into a typed liquidation event (undefined for any other type). */
export function decodeLiquidationEvent(ev: RawAbciEvent): LiquidationEvent | undefined {
  switch (ev.type) {
    case LIQUIDATION_EVENT_TYPES.liquidation: {
      const e = EventLiquidation.fromJSON(attributesObject(ev));
      return {
        kind: "liquidation", owner: e.owner, number: e.number, marketId: e.marketId, taker: e.taker, liquidator: e.liquidator,
        liquidatorNumber: e.liquidatorNumber, size: int(e.size), price: e.price, bankruptcyPrice: int(e.bankruptcyPrice), fee: int(e.fee),
      };
    }
    case LIQUIDATION_EVENT_TYPES.bad_debt: {
      const e = EventBadDebt.fromJSON(attributesObject(ev));
      return { kind: "bad_debt", owner: e.owner, number: e.number, amount: int(e.amount), insuranceAfter: int(e.insuranceAfter) };
    }
    case LIQUIDATION_EVENT_TYPES.deleverage: {
      const e = EventDeleverage.fromJSON(attributesObject(ev));
      return {
        kind: "deleverage", marketId: e.marketId, owner: e.owner, number: e.number, counterparty: e.counterparty,
        counterpartyNumber: e.counterpartyNumber, size: int(e.size), price: e.price,
      };
    }
    case LIQUIDATION_EVENT_TYPES.sweep: {
      const e = EventSweep.fromJSON(attributesObject(ev));
      return { kind: "sweep", evaluated: e.evaluated, liquidatable: e.liquidatable, deferred: e.deferred };
    }
    default:
      return undefined;
  }
}

/** liquidationEventsOf decodes the liquidation events of a delivered tx (or any list of ABCI events), in order. */
export function liquidationEventsOf(source: { readonly events: readonly RawAbciEvent[] } | readonly RawAbciEvent[]): LiquidationEvent[] {
  const events = Array.isArray(source) ? (source as readonly RawAbciEvent[]) : (source as { readonly events: readonly RawAbciEvent[] }).events;
  const out: LiquidationEvent[] = [];
  for (const ev of events) {
    const d = decodeLiquidationEvent(ev);
    if (d) out.push(d);
  }
  return out;
}

/** Options of subscribeLiquidations. */
export interface SubscribeLiquidationsOptions {
  /** First reconnect delay (default 250 ms); it doubles per failed attempt up to maxBackoffMs. */
  readonly minBackoffMs?: number;
  /** Largest reconnect delay (default 10 000 ms). */
  readonly maxBackoffMs?: number;
  /** Connection attempt timeout (default 10 000 ms). */
  readonly connectTimeoutMs?: number;
  /** Reconnect when no message arrived for this long (default 30 000 ms; blocks carry NewBlockEvents every block). */
  readonly staleAfterMs?: number;
  /** After a reconnect, deliver the events of at most this many missed blocks from block_results (default 100; 0: none). */
  readonly maxCatchUpBlocks?: number;
  /** Called with every block height seen (live or caught up), after that block's events. */
  readonly onBlock?: (height: bigint) => void;
  /** Called on connection changes: "connected" once subscribed, "disconnected" when the socket is lost. */
  readonly onStatus?: (status: "connected" | "disconnected") => void;
  /** Called with transport and decoding errors (the subscription keeps going). */
  readonly onError?: (error: Error) => void;
  /** Injectable fetch for the block_results catch-up (default globalThis.fetch). */
  readonly fetch?: (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
}

/** Stops a subscription (idempotent). */
export type Unsubscribe = () => void;

/** websocketUrlOf turns a CometBFT RPC URL (http(s)://host:port[/]) into its websocket endpoint (ws(s)://host:port/websocket). */
export function websocketUrlOf(rpcUrl: string): string {
  const u = rpcUrl.trim().replace(/\/+$/, "");
  const ws = u.replace(/^http:/i, "ws:").replace(/^https:/i, "wss:");
  if (!/^wss?:\/\//i.test(ws)) throw new TypeError(`not an http(s) or ws(s) RPC URL: ${rpcUrl}`);
  return ws.endsWith("/websocket") ? ws : `${ws}/websocket`;
}

/** httpUrlOf is the RPC's HTTP base URL for a websocket or HTTP URL. */
function httpUrlOf(rpcUrl: string): string {
  return rpcUrl.trim().replace(/\/+$/, "").replace(/\/websocket$/, "").replace(/^ws:/i, "http:").replace(/^wss:/i, "https:");
}

/** The queries subscribed to: every block's FinalizeBlock events, and transactions that liquidated (MsgLiquidate). */
export const LIQUIDATION_QUERIES = {
  block: "tm.event='NewBlockEvents'",
  tx: `tm.event='Tx' AND ${LIQUIDATION_EVENT_TYPES.liquidation}.owner EXISTS`,
} as const;

interface JsonRpcMessage {
  readonly id?: unknown;
  readonly result?: { readonly query?: string; readonly data?: { readonly type?: string; readonly value?: Record<string, unknown> } };
  readonly error?: { readonly code?: number; readonly message?: string; readonly data?: string };
}

/**
 * subscribeLiquidations delivers every liquidation, bad-debt, deleverage and sweep event of the chain at `rpcUrl`
 * (http(s):// or ws(s)://) to `callback`, in block order (a block's PreBlock/EndBlock events before its transactions'),
 * over the CometBFT websocket. It reconnects with exponential backoff (bounded by maxBackoffMs) whenever the socket
 * closes, errors or goes silent, and then delivers the missed blocks' events from block_results (bounded). Returns
 * the function that stops it. A callback that throws is reported to onError and does not stop the subscription.
 */
export function subscribeLiquidations(rpcUrl: string, callback: (event: LiquidationStreamEvent) => void, options: SubscribeLiquidationsOptions = {}): Unsubscribe {
  const sub = new LiquidationSubscription(rpcUrl, callback, options);
  sub.start();
  return () => sub.stop();
}

/** The reconnecting websocket subscription behind subscribeLiquidations. */
class LiquidationSubscription {
  private readonly wsUrl: string;
  private readonly httpUrl: string;
  private readonly minBackoff: number;
  private readonly maxBackoff: number;
  private readonly connectTimeout: number;
  private readonly staleAfter: number;
  private readonly maxCatchUp: number;
  private socket: SocketWrapper | undefined;
  private generation = 0;
  private attempt = 0;
  private stopped = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Highest block whose events were delivered (0: none yet). */
  private lastHeight = 0n;
  /** Deliveries run one after another so catch-up blocks come before later live ones. */
  private chain: Promise<void> = Promise.resolve();

  public constructor(
    rpcUrl: string,
    private readonly callback: (event: LiquidationStreamEvent) => void,
    private readonly options: SubscribeLiquidationsOptions,
  ) {
    this.wsUrl = websocketUrlOf(rpcUrl);
    this.httpUrl = httpUrlOf(rpcUrl);
    this.minBackoff = Math.max(1, options.minBackoffMs ?? 250);
    this.maxBackoff = Math.max(this.minBackoff, options.maxBackoffMs ?? 10_000);
    this.connectTimeout = options.connectTimeoutMs ?? 10_000;
    this.staleAfter = options.staleAfterMs ?? 30_000;
    this.maxCatchUp = options.maxCatchUpBlocks ?? 100;
  }

  public start(): void {
    this.connect();
  }

  public stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.generation++;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.staleTimer) clearTimeout(this.staleTimer);
    this.closeSocket();
  }

  private report(err: unknown): void {
    try {
      this.options.onError?.(err instanceof Error ? err : new Error(String(err)));
    } catch {
      /* a failing error handler must not break the subscription */
    }
  }

  private closeSocket(): void {
    const s = this.socket;
    this.socket = undefined;
    if (!s) return;
    try {
      s.disconnect();
    } catch {
      /* never connected */
    }
  }

  private connect(): void {
    if (this.stopped) return;
    const gen = ++this.generation;
    const lost = (why: string) => {
      if (gen !== this.generation || this.stopped) return;
      this.generation++;
      this.closeSocket();
      if (this.staleTimer) clearTimeout(this.staleTimer);
      this.options.onStatus?.("disconnected");
      this.report(new Error(`liquidation subscription to ${this.wsUrl} lost: ${why}`));
      const delay = Math.min(this.maxBackoff, this.minBackoff * 2 ** Math.min(this.attempt, 30));
      this.attempt++;
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    };
    const socket = new SocketWrapper(
      this.wsUrl,
      (m) => {
        if (gen === this.generation) this.onMessage(m, lost);
      },
      (e) => lost(`socket error${e?.message ? `: ${e.message}` : ""}`),
      undefined,
      (e) => lost(`socket closed (code ${e.code})`),
      this.connectTimeout,
    );
    this.socket = socket;
    socket.connect();
    socket.connected.then(
      async () => {
        if (gen !== this.generation) return;
        this.touch(lost);
        for (const [i, query] of [LIQUIDATION_QUERIES.block, LIQUIDATION_QUERIES.tx].entries()) {
          await socket.send(JSON.stringify({ jsonrpc: "2.0", method: "subscribe", id: `liq-${gen}-${i}`, params: { query } }));
        }
      },
      (e: unknown) => lost(e instanceof Error ? e.message : String(e)),
    ).catch((e: unknown) => lost(e instanceof Error ? e.message : String(e)));
  }

  /** touch re-arms the silence watchdog. */
  private touch(lost: (why: string) => void): void {
    if (this.staleTimer) clearTimeout(this.staleTimer);
    if (this.staleAfter > 0) this.staleTimer = setTimeout(() => lost(`no message for ${this.staleAfter} ms`), this.staleAfter);
  }

  private onMessage(m: SocketWrapperMessageEvent, lost: (why: string) => void): void {
    this.touch(lost);
    let msg: JsonRpcMessage;
    try {
      msg = JSON.parse(typeof m.data === "string" ? m.data : String(m.data)) as JsonRpcMessage;
    } catch (e) {
      this.report(new Error(`malformed websocket message: ${(e as Error).message}`));
      return;
    }
    if (msg.error) {
      lost(`subscription refused: ${msg.error.message ?? ""} ${msg.error.data ?? ""}`.trim());
      return;
    }
    const data = msg.result?.data;
    if (!data?.type) {
      // The subscription's confirmation ({"result": {}}): connected.
      if (String(msg.id ?? "").endsWith("-0")) {
        this.attempt = 0;
        this.options.onStatus?.("connected");
      }
      return;
    }
    const value = data.value ?? {};
    if (data.type === "tendermint/event/NewBlockEvents") {
      const height = BigInt(String(value.height ?? "0"));
      const events = (value.events ?? []) as RawAbciEvent[];
      this.enqueue(async () => {
        if (height <= this.lastHeight) return; // seen (a duplicate after a reconnect)
        if (this.lastHeight > 0n && height > this.lastHeight + 1n) await this.catchUp(this.lastHeight + 1n, height - 1n);
        this.deliver(height, events, undefined);
        this.lastHeight = height;
        this.options.onBlock?.(height);
      });
    } else if (data.type === "tendermint/event/Tx") {
      const tr = (value.TxResult ?? value.tx_result ?? {}) as { height?: string | number; tx?: string; result?: { events?: RawAbciEvent[] } };
      const height = BigInt(String(tr.height ?? "0"));
      const hash = tr.tx ? toHex(sha256(fromBase64(tr.tx))).toUpperCase() : undefined;
      const events = tr.result?.events ?? [];
      this.enqueue(async () => {
        if (height < this.lastHeight) return; // delivered by a catch-up already
        this.deliver(height, events, hash);
      });
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((e: unknown) => this.report(e));
  }

  private deliver(height: bigint, events: readonly RawAbciEvent[], txHash: string | undefined): void {
    for (const ev of events) {
      let decoded: LiquidationEvent | undefined;
      try {
        decoded = decodeLiquidationEvent(ev);
      } catch (e) {
        this.report(new Error(`cannot decode ${ev.type}: ${(e as Error).message}`));
        continue;
      }
      if (!decoded) continue;
      try {
        this.callback(txHash ? { ...decoded, height, txHash } : { ...decoded, height });
      } catch (e) {
        this.report(e);
      }
    }
  }

  /** catchUp delivers the liquidation events of blocks from..to (the most recent maxCatchUpBlocks of them) from block_results. */
  private async catchUp(from: bigint, to: bigint): Promise<void> {
    if (this.maxCatchUp <= 0) return;
    const first = to - from + 1n > BigInt(this.maxCatchUp) ? to - BigInt(this.maxCatchUp) + 1n : from;
    if (first > from) this.report(new Error(`missed blocks ${from}..${first - 1n} are not replayed (maxCatchUpBlocks ${this.maxCatchUp})`));
    const get = this.options.fetch ?? ((url: string) => globalThis.fetch(url));
    for (let h = first; h <= to && !this.stopped; h++) {
      try {
        const res = await get(`${this.httpUrl}/block_results?height=${h}`);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = (await res.json()) as { result?: { finalize_block_events?: RawAbciEvent[]; txs_results?: Array<{ events?: RawAbciEvent[] }> | null } };
        this.deliver(h, body.result?.finalize_block_events ?? [], undefined);
        for (const tx of body.result?.txs_results ?? []) this.deliver(h, tx.events ?? [], undefined);
      } catch (e) {
        this.report(new Error(`block_results ${h}: ${(e as Error).message}`));
      }
      this.lastHeight = h;
      this.options.onBlock?.(h);
    }
  }
}

/** encodeAttribute renders a typed event attribute value as the SDK does (JSON), for tests and tools that build events. */
export function encodeAttribute(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
