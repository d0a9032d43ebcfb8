// Loopback TCP relays between validators, one per ordered pair (a dials b): cutting a node closes every relay to and
// from it and refuses new connections until it is restored. A network partition without root or network namespaces.
import * as net from "net";

/** Relay forwards one ordered peer link a -> b (a's persistent peer entry for b points at listenPort). */
interface Relay {
  from: number;
  to: number;
  listenPort: number;
  targetPort: number;
  server: net.Server;
  sockets: Set<net.Socket>;
}

/** PeerRelays holds every relay of a network and which nodes are cut off. */
export class PeerRelays {
  private readonly relays: Relay[] = [];
  private readonly cut = new Set<number>();

  /** isCut tells whether node i is currently cut off from its peers. */
  isCut(i: number): boolean {
    return this.cut.has(i);
  }

  /** port returns the relay port node `from` uses to reach node `to`. */
  port(from: number, to: number): number {
    const r = this.relays.find((x) => x.from === from && x.to === to);
    if (!r) throw new Error(`no relay ${from}->${to}`);
    return r.listenPort;
  }

  /** add listens on 127.0.0.1:listenPort and forwards each connection to 127.0.0.1:targetPort while neither end is cut. */
  async add(from: number, to: number, listenPort: number, targetPort: number): Promise<void> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((inbound) => {
      if (this.cut.has(from) || this.cut.has(to)) {
        inbound.destroy();
        return;
      }
      const outbound = net.connect(targetPort, "127.0.0.1");
      sockets.add(inbound);
      sockets.add(outbound);
      const close = () => {
        inbound.destroy();
        outbound.destroy();
        sockets.delete(inbound);
        sockets.delete(outbound);
      };
      inbound.on("error", close).on("close", close);
      outbound.on("error", close).on("close", close);
      inbound.pipe(outbound);
      outbound.pipe(inbound);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(listenPort, "127.0.0.1", () => resolve());
    });
    this.relays.push({ from, to, listenPort, targetPort, server, sockets });
  }

  /** isolate cuts node i off: every open link to or from it is closed and new ones are refused. */
  isolate(i: number): void {
    this.cut.add(i);
    for (const r of this.relays) {
      if (r.from === i || r.to === i) for (const s of r.sockets) s.destroy();
    }
  }

  /** reconnect lets node i's links through again (CometBFT redials its persistent peers by itself). */
  reconnect(i: number): void {
    this.cut.delete(i);
  }

  /** close stops every relay. */
  async close(): Promise<void> {
    await Promise.all(this.relays.map((r) => new Promise<void>((resolve) => {
      for (const s of r.sockets) s.destroy();
      r.server.close(() => resolve());
    })));
    this.relays.length = 0;
  }
}
