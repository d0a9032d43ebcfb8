// A CometBFT websocket subscription to Clearchain events: delivers typed events per block, reconnects with bounded
// exponential backoff and fills the blocks it missed while disconnected from block_results.
import { sha256 } from "@cosmjs/crypto";
import { fromBase64, toHex } from "@cosmjs/encoding";
import { SocketWrapper, type SocketWrapperMessageEvent } from "@cosmjs/socket";

import type { RawAbciEvent } from "./eventAttributes.js";

/** Options of every event subscription (subscribeLiquidations, subscribeFills, subscribePrices, subscribeEvents). */
export interface SubscribeOptions {
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

interface JsonRpcMessage {
  readonly id?: unknown;
  readonly result?: { readonly query?: string; readonly data?: { readonly type?: string; readonly value?: Record<string, unknown> } };
  readonly error?: { readonly code?: number; readonly message?: string; readonly data?: string };
}

/** What a subscription listens to and how it turns ABCI events into typed ones. */
export interface EventStreamSpec<T> {
  /** Optional transaction query (e.g. "tm.event='Tx' AND x.y EXISTS"); every block's events are always subscribed. */
  readonly txQuery?: string;
  /** Turns one ABCI event into zero or one delivered value (undefined: skip); may throw (reported to onError). */
  readonly decode: (ev: RawAbciEvent) => T | undefined;
  /** Name used in error messages. */
  readonly name: string;
}

/** A delivered event with where it happened: block events (PreBlock/EndBlock) have no txHash. */
export type StreamEvent<T> = T & {
  /** Block height. */
  readonly height: bigint;
  /** Upper-case hex hash of the transaction that emitted it (undefined for block events). */
  readonly txHash?: string;
};

/** The query every subscription holds: each block's FinalizeBlock events (also its heartbeat and gap detector). */
export const BLOCK_EVENTS_QUERY = "tm.event='NewBlockEvents'";

/**
 * subscribeEvents delivers the events spec.decode accepts, in block order (a block's PreBlock/EndBlock events before
 * its transactions'), over the CometBFT websocket of rpcUrl (http(s):// or ws(s)://). It reconnects with exponential
 * backoff (minBackoffMs doubling up to maxBackoffMs) whenever the socket closes, errors or goes silent, then delivers
 * the missed blocks' events from block_results (at most maxCatchUpBlocks). Returns the function that stops it.
 */
export function subscribeEvents<T extends object>(
  rpcUrl: string, spec: EventStreamSpec<T>, callback: (event: StreamEvent<T>) => void, options: SubscribeOptions = {},
): Unsubscribe {
  const sub = new EventSubscription<T>(rpcUrl, spec, callback, options);
  sub.start();
  return () => sub.stop();
}

/** The reconnecting websocket subscription behind subscribeEvents. */
class EventSubscription<T extends object> {
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
    private readonly spec: EventStreamSpec<T>,
    private readonly callback: (event: StreamEvent<T>) => void,
    private readonly options: SubscribeOptions,
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
      this.report(new Error(`${this.spec.name} subscription to ${this.wsUrl} lost: ${why}`));
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
        const queries = this.spec.txQuery ? [BLOCK_EVENTS_QUERY, this.spec.txQuery] : [BLOCK_EVENTS_QUERY];
        for (const [i, query] of queries.entries()) {
          await socket.send(JSON.stringify({ jsonrpc: "2.0", method: "subscribe", id: `sub-${gen}-${i}`, params: { query } }));
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
      let decoded: T | undefined;
      try {
        decoded = this.spec.decode(ev);
      } catch (e) {
        this.report(new Error(`cannot decode ${ev.type}: ${(e as Error).message}`));
        continue;
      }
      if (!decoded) continue;
      try {
        this.callback((txHash ? { ...decoded, height, txHash } : { ...decoded, height }) as StreamEvent<T>);
      } catch (e) {
        this.report(e);
      }
    }
  }

  /** catchUp delivers the events of blocks from..to (the most recent maxCatchUpBlocks of them) from block_results. */
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

