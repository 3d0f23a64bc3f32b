import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import { logger, type Logger } from "./logger";

/** A caller's own id is kept when it looks like one (a proxy's), never arbitrary text. */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface RequestLog {
  log: Logger;
  requestId: string;
}

// The request a route handler wrapped in withRequestLog is serving, for the code it calls.
const current = new AsyncLocalStorage<RequestLog>();

/**
 * The child logger of the request being served (route handler or server action): every line
 * carries its `reqId`, the same id the error response shows, so a user's report finds the log
 * line. Inside withRequestLog, that request's; otherwise a new one for this call.
 */
export function requestLogger(headers?: Headers, parent: Logger = logger()): RequestLog {
  const serving = current.getStore();
  if (serving) return serving;
  const given = headers?.get("x-request-id");
  const requestId = given && REQUEST_ID.test(given) ? given : crypto.randomBytes(6).toString("hex");
  return { log: parent.child({ reqId: requestId }), requestId };
}

/**
 * Wrap a route handler: one request id for everything it logs, answered in `x-request-id`, and one
 * line per request (method, path, status, duration) at `level`.
 */
export function withRequestLog<Rest extends unknown[]>(
  handler: (request: Request, ...rest: Rest) => Promise<Response>,
  options: { level?: "info" | "debug"; parent?: Logger } = {},
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    const serving = requestLogger(request.headers, options.parent);
    const startedMs = performance.now();
    const line = { method: request.method, path: new URL(request.url).pathname };
    try {
      const response = await current.run(serving, () => handler(request, ...rest));
      serving.log[options.level ?? "info"]({ ...line, status: response.status, durationMs: Math.round(performance.now() - startedMs) }, "request");
      const answered = new Response(response.body, response);
      answered.headers.set("x-request-id", serving.requestId);
      return answered;
    } catch (error) {
      serving.log.error({ ...line, err: error, durationMs: Math.round(performance.now() - startedMs) }, "request failed");
      throw error;
    }
  };
}

/** A child logger for one background job (an upload's import): every line carries its `jobId`. */
export function jobLogger(jobId: string, parent: Logger = logger()): Logger {
  return parent.child({ jobId });
}
