/** The liquidator's HTTP endpoints on loopback: GET /metrics (Prometheus) and /healthz. */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "./log";
import { PROMETHEUS_CONTENT_TYPE } from "./prometheus";

/** What the server serves; handlers answer from memory. */
export interface LiquidatorRoutes {
  /** Prometheus text of GET /metrics. */
  metrics(): string;
  /** Status code and body of GET /healthz. */
  health(): { code: number; body: unknown };
}

/** Creates the server (not yet listening): GET/HEAD /metrics and /healthz; 404/405 otherwise. */
export function createLiquidatorServer(routes: LiquidatorRoutes, logger: Logger): http.Server {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("allow", "GET, HEAD");
        return send(res, 405, "application/json", `${JSON.stringify({ error: "method not allowed" })}\n`);
      }
      if (path === "/metrics") return send(res, 200, PROMETHEUS_CONTENT_TYPE, routes.metrics());
      if (path === "/healthz") {
        const { code, body } = routes.health();
        return send(res, code, "application/json", `${JSON.stringify(body, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}\n`);
      }
      return send(res, 404, "application/json", `${JSON.stringify({ error: "not found", paths: ["/metrics", "/healthz"] })}\n`);
    } catch (err) {
      logger.error("http_handler_failed", { path, error: err instanceof Error ? err.message : String(err) });
      return send(res, 500, "application/json", `${JSON.stringify({ error: "internal error" })}\n`);
    }
  });
  server.keepAliveTimeout = 35_000;
  server.headersTimeout = 36_000;
  server.requestTimeout = 10_000;
  return server;
}

/** Starts listening (port 0 picks a free port) and resolves with the bound address. */
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

/** Closes the server, forcing open connections closed after graceMs. */
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

function send(res: http.ServerResponse, code: number, contentType: string, text: string): void {
  const buf = Buffer.from(text, "utf8");
  res.writeHead(code, { "content-type": contentType, "content-length": buf.length, "cache-control": "no-store" });
  res.end(res.req.method === "HEAD" ? undefined : buf);
}
