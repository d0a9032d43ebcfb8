/** GET a JSON document with a hard timeout, a size limit and error messages fit for logs. */

/** User-Agent sent to exchanges (Coinbase rejects requests without one). */
export const USER_AGENT = "clearchain-feeder/0.1";

/** Largest response body read from an exchange. */
export const MAX_RESPONSE_BYTES = 1 << 20;

/** Options of one request. */
export interface GetJsonOptions {
  /** Abort the request (connect, headers and body) after this many milliseconds. */
  readonly timeoutMs: number;
  /** Aborts the request early (e.g. on shutdown). */
  readonly signal?: AbortSignal;
}

/** The server answered with a non-2xx status. */
export class HttpStatusError extends Error {
  override name = "HttpStatusError";

  constructor(
    readonly status: number,
    bodySnippet: string,
  ) {
    super(`HTTP ${status}${bodySnippet ? `: ${bodySnippet}` : ""}`);
  }
}

/** Fetches `url` and parses the body as JSON; throws HttpStatusError, "timeout after N ms", "malformed JSON …" or a network error. */
export async function getJson(url: string, opts: GetJsonOptions): Promise<unknown> {
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, opts.timeoutMs);
  const onAbort = (): void => ctrl.abort();
  if (opts.signal?.aborted) ctrl.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const res = await fetch(url, {
      signal: ctrl.signal,
      headers: { accept: "application/json", "user-agent": USER_AGENT },
      redirect: "follow",
    });
    const text = await readLimited(res, MAX_RESPONSE_BYTES);
    if (!res.ok) throw new HttpStatusError(res.status, snippet(text));
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`malformed JSON: ${snippet(text)}`);
    }
  } catch (err) {
    if (timedOut) throw new Error(`timeout after ${opts.timeoutMs} ms`);
    if (ctrl.signal.aborted) throw new Error("aborted");
    throw unwrapFetchError(err);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onAbort);
  }
}

/** Reads a response body as UTF-8, failing once it exceeds `limit` bytes. */
async function readLimited(res: Response, limit: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`response larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A short single-line excerpt of a body for error messages. */
function snippet(text: string): string {
  const s = text.replace(/\s+/g, " ").trim();
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

/** Node's fetch reports network failures as "fetch failed" with the useful part in `cause` (duck-typed: errors may come from another realm). */
function unwrapFetchError(err: unknown): Error {
  const e = err as { message?: unknown; cause?: { code?: string; message?: string } } | null;
  if (e && e.message === "fetch failed" && e.cause) return new Error(`fetch failed: ${e.cause.message || e.cause.code || String(e.cause)}`);
  return new Error(e && typeof e.message === "string" ? e.message : String(err));
}
