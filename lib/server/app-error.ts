import "server-only";
import { requestLogger } from "./log/request-logger";

/** The server layer's one error type: a short list of codes and one mapping to HTTP. */
export const APP_ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  CONFLICT: 409,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

/**
 * A JSON error response that never leaks a stack trace or SQL: unknown errors become a plain 500
 * carrying the request id of the log line that holds the details.
 */
export function errorResponse(error: unknown, request?: Request): Response {
  if (error instanceof AppError) return Response.json({ error: error.message, code: error.code }, { status: error.status });
  const { log, requestId } = requestLogger(request?.headers);
  log.error({ err: error, path: request ? new URL(request.url).pathname : undefined }, "request failed");
  return Response.json({ error: "internal error", code: "INTERNAL", requestId }, { status: 500 });
}
