import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "./log";
import { PROMETHEUS_CONTENT_TYPE } from "./prometheus";

/** What the HTTP server serves; every handler answers from memory (never fetches). */
export interface FeederRoutes {
  /** Body of GET /prices. */
  prices(): unknown;
  /** Status code and body of GET /healthz. */
  health(): { code: number; body: unknown };
  /** Prometheus text of GET /metrics. */
  metrics(): string;
}

/** Keep idle keep-alive connections longer than the node's HTTP client (30 s) so the client closes them first. */
export const KEEP_ALIVE_TIMEOUT_MS = 35_000;

/** Creates the feeder's HTTP server (not yet listening): GET /prices, /healthz, /metrics; 404/405 otherwise. */
export function createFeederServer(routes: FeederRoutes, logger: Logger): http.Server {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("allow", "GET, HEAD");
        return sendJson(res, 405, { error: "method not allowed" });
      }
      switch (path) {
        case "/prices":
          return sendJson(res, 200, routes.prices());
        case "/healthz": {
          const { code, body } = routes.health();
          return sendJson(res, code, body);
        }
        case "/metrics":
          return send(res, 200, PROMETHEUS_CONTENT_TYPE, routes.metrics());
        default:
          return sendJson(res, 404, { error: "not found", paths: ["/prices", "/healthz", "/metrics"] });
      }
    } catch (err) {
      logger.error("http_handler_failed", { path, error: err instanceof Error ? err.message : String(err) });
      return sendJson(res, 500, { error: "internal error" });
    }
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  server.requestTimeout = 10_000;
  return server;
}

/** Starts listening on host:port (port 0 picks a free port) and resolves with the bound address. */
export function listen(server: http.Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once("error", onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off("error", onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Stops accepting connections, closes idle and then all connections; resolves within about graceMs. */
export function closeServer(server: http.Server, graceMs = 500): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Sends a JSON response that must not be cached. */
function sendJson(res: http.ServerResponse, code: number, body: unknown): void {
  send(res, code, "application/json", `${JSON.stringify(body)}\n`);
}

/** Sends a complete response with a content length. */
function send(res: http.ServerResponse, code: number, contentType: string, text: string): void {
  const buf = Buffer.from(text, "utf8");
  res.writeHead(code, { "content-type": contentType, "content-length": buf.length, "cache-control": "no-store" });
  res.end(res.req.method === "HEAD" ? undefined : buf);
}
