import { describe, expect, it } from "vitest";
import { describeImportFailure, isConnectionLost, isRetryableConflict } from "@/lib/server/ingest/import-failed-error";

/** PostgreSQL errors as node-postgres reports them: a message and a SQLSTATE `code`. */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("describeImportFailure: no raw database error reaches the user", () => {
  it.each([
    [pgError("ECONNRESET", "read ECONNRESET"), /^lost the connection to the database during the import of a\.csv; nothing of it was committed$/],
    [pgError("EPIPE", "write EPIPE"), /^lost the connection/],
    [pgError("57P01", "terminating connection due to administrator command"), /^lost the connection/],
    [new Error("Connection terminated unexpectedly"), /^lost the connection/],
    [pgError("40P01", "deadlock detected"), /conflicting with other imports.*import it again$/],
    [pgError("22P02", 'invalid input syntax for type integer: "-640.5"'), /^the database could not store a value of a\.csv, line 12 \(SQLSTATE 22P02\)/],
    [pgError("54000", "index row requires 12016 bytes"), /^the database failed during the import of a\.csv \(SQLSTATE 54000\)/],
    [pgError("53100", "could not extend file: No space left on device"), /out of resources/],
  ])("%s → a message that names the file", (error, expected) => {
    const described = describeImportFailure(error, "a.csv", 12);
    expect(described.message).toMatch(expected);
    expect(described.message).not.toContain((error as Error).message);
    expect(described.cause).toBe(error);
  });

  it("tells retryable conflicts and lost connections apart", () => {
    expect(isRetryableConflict(pgError("40P01", "deadlock detected"))).toBe(true);
    expect(isRetryableConflict(pgError("23505", "duplicate key"))).toBe(false);
    expect(isConnectionLost(pgError("08006", "connection failure"))).toBe(true);
    expect(isConnectionLost(pgError("22P02", "invalid input syntax"))).toBe(false);
  });
});
