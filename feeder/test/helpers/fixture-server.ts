import { readFileSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";

/** Directory of recorded exchange responses. */
export const FIXTURES_DIR = path.join(__dirname, "..", "fixtures");

/** How the fixture server answers one path. */
export interface RouteSpec {
  /** HTTP status (default 200). */
  readonly status?: number;
  /** Fixture file under test/fixtures to send as the body. */
  readonly file?: string;
  /** Literal body (used when no file is given). */
  readonly body?: string;
  /** Never answer (the client must time out). */
  readonly hang?: boolean;
  /** Content type (default application/json). */
  readonly contentType?: string;
}

/** A running local server that replays recorded exchange responses. */
export interface FixtureServer {
  /** Base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  /** Request URLs received, in order. */
  readonly requests: string[];
  /** Replaces or adds a route while running. */
  setRoute(pathAndQuery: string, spec: RouteSpec): void;
  /** Stops the server and drops every connection (including hanging ones). */
  close(): Promise<void>;
}

/** Starts a fixture server on 127.0.0.1:0; unknown paths get a 404 HTML page (as Bitstamp does). */
export async function startFixtureServer(routes: Record<string, RouteSpec>): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    requests.push(url);
    const spec = table.get(url);
    if (!spec) {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>Not Found</body></html>");
      return;
    }
    if (spec.hang) return; // leave the request open
    const body = spec.file !== undefined ? readFileSync(path.join(FIXTURES_DIR, spec.file), "utf8") : (spec.body ?? "");
    res.writeHead(spec.status ?? 200, { "content-type": spec.contentType ?? "application/json" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setRoute: (p, spec) => void table.set(p, spec),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Routes serving every recorded happy-path ticker of all four exchanges, each under its own prefix. */
export function allExchangeRoutes(): Record<string, RouteSpec> {
  return {
    "/coinbase/products/BTC-USD/ticker": { file: "coinbase-BTC-USD.json" },
    "/coinbase/products/ETH-USD/ticker": { file: "coinbase-ETH-USD.json" },
    "/coinbase/products/SOL-USD/ticker": { file: "coinbase-SOL-USD.json" },
    "/kraken/0/public/Ticker?pair=XBTUSD,ETHUSD,SOLUSD,USDCUSD": { file: "kraken-ticker.json" },
    "/bitstamp/api/v2/ticker/btcusd/": { file: "bitstamp-btcusd.json" },
    "/bitstamp/api/v2/ticker/ethusd/": { file: "bitstamp-ethusd.json" },
    "/bitstamp/api/v2/ticker/solusd/": { file: "bitstamp-solusd.json" },
    "/bitstamp/api/v2/ticker/usdcusd/": { file: "bitstamp-usdcusd.json" },
    "/binance/api/v3/ticker/price?symbol=BTCUSDT": { file: "binance-BTCUSDT.json" },
    "/binance/api/v3/ticker/price?symbol=ETHUSDT": { file: "binance-ETHUSDT.json" },
    "/binance/api/v3/ticker/price?symbol=SOLUSDT": { file: "binance-SOLUSDT.json" },
    "/binance/api/v3/ticker/price?symbol=USDCUSDT": { file: "binance-USDCUSDT.json" },
  };
}
