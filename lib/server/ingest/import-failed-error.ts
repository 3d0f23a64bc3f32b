import "server-only";
import pg from "pg";
import { sqlState } from "../db/sql-state";

/** SQLSTATE classes and codes the importer tells apart (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const RETRYABLE_CODES = new Set(["40P01", "40001"]); // deadlock_detected, serialization_failure
const CONNECTION_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNREFUSED", "ETIMEDOUT", "ENOTCONN", "57P01", "57P02", "57P03"]);
const CONNECTION_MESSAGES = /Connection terminated|connection error|Client was closed|not queryable|terminating connection/i;

/**
 * An import that failed for a reason of the database, not of the file, told in words a user can
 * act on; nothing of the file was committed. `cause` keeps the driver's error for the server log.
 */
export class ImportFailedError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ImportFailedError";
  }
}

/** A deadlock or serialization failure: the whole batch (atomic) can simply run again. */
export function isRetryableConflict(error: unknown): boolean {
  return RETRYABLE_CODES.has(sqlState(error) ?? "");
}

/** The connection to PostgreSQL broke (server stopped, backend terminated, network). */
export function isConnectionLost(error: unknown): boolean {
  const code = sqlState(error);
  if (code !== null && (CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  return error instanceof Error && CONNECTION_MESSAGES.test(error.message);
}

/** An error of PostgreSQL (it carries a SQLSTATE) or of the connection to it. */
export function isDatabaseError(error: unknown): boolean {
  return error instanceof pg.DatabaseError || isConnectionLost(error) || isSqlState(sqlState(error));
}

/**
 * Maps a database error met while importing `fileName` (at `line`, when known) to an
 * ImportFailedError with a clear message; the raw PostgreSQL text never reaches the user.
 *
 * @example describeImportFailure(err, "a.csv", 12).message // "the database could not store a value of a.csv, line 12 (…)"
 */
export function describeImportFailure(error: unknown, fileName: string, line: number | null): ImportFailedError {
  if (error instanceof ImportFailedError) return error;
  const code = sqlState(error);
  const at = line === null ? fileName : `${fileName}, line ${line}`;
  const nothing = "nothing of it was committed";
  let message: string;
  if (isConnectionLost(error)) message = `lost the connection to the database during the import of ${fileName}; ${nothing}`;
  else if (isRetryableConflict(error)) message = `${fileName} kept conflicting with other imports writing the same positions; ${nothing}: import it again`;
  else if (code?.startsWith("22")) message = `the database could not store a value of ${at} (SQLSTATE ${code}); ${nothing}`;
  else if (code?.startsWith("23")) message = `the database refused the data of ${at} (SQLSTATE ${code}); ${nothing}`;
  else if (code?.startsWith("53")) message = `the database server is out of resources (disk, memory or connections) importing ${fileName}; ${nothing}`;
  else if (code?.startsWith("57")) message = `the database cancelled the import of ${fileName} (SQLSTATE ${code}); ${nothing}`;
  else message = `the database failed during the import of ${fileName}${code ? ` (SQLSTATE ${code})` : ""}; ${nothing}`;
  return new ImportFailedError(message, code, { cause: error });
}

/** SQLSTATEs are five characters with a digit ("23505", "57P01"); Node's codes (EPERM, EBADF) are not. */
function isSqlState(code: string | null | undefined): boolean {
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && /\d/.test(code);
}
