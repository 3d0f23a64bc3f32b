import "server-only";
import { namedFieldErrors, type FieldIssue } from "../core/forms/form-errors";
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
    /** The fields the refusal is about, so a form can show each message beside its field. */
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

/** Input refused field by field (a Zod error's issues): the message lists them all, for the CLI and the API. */
export function invalidInput(issues: readonly FieldIssue[]): AppError {
  return new AppError("BAD_REQUEST", issues.map((i) => i.message).join("; "), issues);
}

/** One field's value refused. */
export function invalidField(field: string, message: string, code: AppErrorCode = "BAD_REQUEST"): AppError {
  return new AppError(code, message, [{ path: [field], message }]);
}

/**
 * A JSON error response that never leaks a stack trace or SQL: unknown errors become a plain 500
 * carrying the request id of the log line that holds the details.
 */
export function errorResponse(error: unknown, request?: Request): Response {
  if (error instanceof AppError) {
    // The fields a refusal names (`{"icao24": "icao24 is 6 hex digits"}`), so a page can show each beside its field.
    const fields = error.issues.length > 0 ? { fields: namedFieldErrors(error.issues) } : {};
    return Response.json({ error: error.message, code: error.code, ...fields }, { status: error.status });
  }
  const { log, requestId } = requestLogger(request?.headers);
  log.error({ err: error, path: request ? new URL(request.url).pathname : undefined }, "request failed");
  return Response.json({ error: "internal error", code: "INTERNAL", requestId }, { status: 500 });
}
