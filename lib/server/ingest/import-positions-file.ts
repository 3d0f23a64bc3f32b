import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import type { FieldWarningReport } from "../../ingest/field-warning-tally";
import type { RejectionReport } from "../../ingest/rejection-tally";
import { refusalReason } from "../../ingest/refusal-reason";
import { FileRefusedError, type FormatName } from "../../ingest/types";
import { dbPool } from "../db/pool";
import { refreshReceptionForBatch } from "../reception/refresh-reception-for-batch";
import { applyBatchToDayCounts } from "../stats/position-day-counts";
import { copyParsedPositions, CopyFailure, type StagedFile } from "./copy-parsed-positions";
import { COPY_COLUMNS } from "./copy-text-row";
import { findBatchBySha256 } from "./find-batch-by-sha256";
import { hashFile } from "./hash-file";
import { describeImportFailure, isDatabaseError, isRetryableConflict } from "./import-failed-error";
import type { ImportRequest } from "./import-request";
import { recordAircraft } from "./record-aircraft";
import { recordDetectionRequests } from "./record-detection-requests";
import { resolveRegistration } from "./resolve-registration";
import { storeOriginalFile, type PendingOriginal } from "./store-original-file";
import { writeBatchRow } from "./write-batch-row";
import { isUniqueViolation } from "../db/is-unique-violation";
import { guardClient } from "../db/guard-client";

export type { ImportProgress, ImportRequest } from "./import-request";

export interface ImportSummary {
  fileName: string;
  sha256: string;
  format: FormatName | null;
  accepted: number;
  duplicates: number;
  aircraft: string[];
  firstTime: string | null;
  lastTime: string | null;
  rejections: RejectionReport;
  /** Values of kept rows dropped to null or adjusted to fit their column. */
  fieldWarnings: FieldWarningReport;
}

export type ImportOutcome =
  | ({ status: "imported"; batchId: string } & ImportSummary)
  | { status: "already-imported"; batchId: string; fileName: string; sha256: string }
  | ({ status: "refused"; reason: string } & Partial<ImportSummary> & { fileName: string });

/** A batch is atomic, so one that lost a deadlock to another import simply runs again. */
const MAX_ATTEMPTS = 4;
const RETRY_BASE_MS = 200;

/**
 * Import one position file as one batch, atomically. Main path: parse (streamed) → COPY straight
 * into `positions` → record the batch, the aircraft and the detection requests → refresh the
 * reception map → COMMIT. Fallback, only when the direct COPY meets a row already stored (an
 * overlap with an earlier import, or a row twice in the file): the file is read again through a
 * temporary staging table whose rows move over skipping those, counted as duplicates.
 *
 * A kill at any point before COMMIT leaves nothing of the batch. The same file again (by SHA-256)
 * is answered with its earlier batch and writes nothing. A batch that deadlocks with another
 * import is retried whole (MAX_ATTEMPTS, with backoff). A database failure throws an
 * ImportFailedError whose message names the file (and line, where known), never PostgreSQL's raw text.
 */
export async function importPositionsFile(request: ImportRequest): Promise<ImportOutcome> {
  const { sha256, sizeBytes } = await hashFile(request.path);
  for (let attempt = 1; ; attempt++) {
    try {
      return await importOnce(request, sha256, sizeBytes);
    } catch (error) {
      const cause = error instanceof CopyFailure ? error.serverError : error;
      if (isRetryableConflict(cause) && attempt < MAX_ATTEMPTS) {
        await sleep(RETRY_BASE_MS * 2 ** (attempt - 1) * (1 + Math.random()));
        continue;
      }
      if (error instanceof CopyFailure || isDatabaseError(cause)) {
        throw describeImportFailure(cause, request.fileName, error instanceof CopyFailure ? error.line : null);
      }
      throw error;
    }
  }
}

async function importOnce(request: ImportRequest, sha256: string, sizeBytes: number): Promise<ImportOutcome> {
  const pool = dbPool();
  if (request.replaceBatchId === undefined) {
    const existing = await findBatchBySha256(pool, sha256);
    if (existing) return { status: "already-imported", batchId: existing, fileName: request.fileName, sha256 };
  }
  let icao24 = request.icao24?.toLowerCase();
  if (!icao24 && request.registration) {
    icao24 = await resolveRegistration(pool, request.registration);
    if (!icao24) {
      return {
        status: "refused",
        fileName: request.fileName,
        sha256,
        reason: `registration ${request.registration} is not in the aircraft registry: import the registry (import-aircraft) or give --icao24`,
      };
    }
  }

  const client = await pool.connect();
  const guard = guardClient(client);
  let storing: Promise<PendingOriginal> | undefined;
  const discardOriginal = () => storing?.then((pending) => pending.rollback()).catch(() => undefined);
  try {
    await client.query("BEGIN");
    const batchId = await writeBatchRow(client, request, sha256, sizeBytes);
    // The original is stored on another connection meanwhile (it must exist before COMMIT).
    storing = storeOriginalFile(request.path, sha256, sizeBytes);
    storing.catch(() => undefined);
    let copied: { staged: StagedFile; duplicates: number };
    try {
      copied = await copyIntoPositions(client, request, icao24, sizeBytes, batchId);
    } catch (error) {
      guard.markBroken();
      await client.query("ROLLBACK").catch(() => undefined);
      await discardOriginal();
      if (error instanceof FileRefusedError) return { status: "refused", fileName: request.fileName, sha256, reason: error.reason };
      throw error;
    }
    const { staged, duplicates } = copied;
    const summary = { ...summarise(request.fileName, sha256, staged), accepted: staged.staged - duplicates, duplicates };
    const refusal = refusalOf(staged, request.strict ?? false);
    if (refusal) {
      await client.query("ROLLBACK");
      await discardOriginal();
      return { status: "refused", reason: refusal, ...summary, accepted: 0, duplicates: 0 };
    }
    const original = await storing;
    await applyBatchToDayCounts(client, batchId, 1);
    await recordAircraft(client, staged.identities, [...staged.windows.keys()]);
    await recordDetectionRequests(client, batchId, staged.windows);
    // The reception map changes with the positions, in the same transaction.
    await refreshReceptionForBatch(client, batchId);
    await client.query(
      `UPDATE import_batches SET status = 'COMMITTED', format = $2, rows_accepted = $3, rows_duplicate = $4,
              rows_rejected = $5, first_time = $6, last_time = $7, report = $8, finished_at = now()
        WHERE id = $1`,
      [
        batchId,
        staged.format ?? "unknown",
        summary.accepted,
        summary.duplicates,
        staged.tally.count,
        summary.firstTime,
        summary.lastTime,
        JSON.stringify({ rejections: summary.rejections, fieldWarnings: summary.fieldWarnings, aircraft: summary.aircraft.length }),
      ],
    );
    // The original first: a batch never exists without it (an orphan original is harmless).
    await original.commit();
    await client.query("COMMIT");
    return { status: "imported", batchId, ...summary };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    await discardOriginal();
    if (isUniqueViolation(error) && request.replaceBatchId === undefined) {
      // The same file finished importing elsewhere in the meantime.
      const again = await findBatchBySha256(pool, sha256);
      if (again) return { status: "already-imported", batchId: again, fileName: request.fileName, sha256 };
    }
    throw error;
  } finally {
    guard.release();
  }
}

/**
 * The main path COPYs into `positions` under a savepoint. Only if that meets a row already
 * stored does the fallback run: the file again into a staging table, then moved over skipping
 * the rows already there.
 */
async function copyIntoPositions(
  client: pg.PoolClient,
  request: ImportRequest,
  icao24: string | undefined,
  sizeBytes: number,
  batchId: string,
): Promise<{ staged: StagedFile; duplicates: number }> {
  await client.query("SAVEPOINT direct_copy");
  try {
    const staged = await copyParsedPositions(client, request, icao24, sizeBytes, "positions", batchId);
    await client.query("RELEASE SAVEPOINT direct_copy");
    return { staged, duplicates: 0 };
  } catch (error) {
    if (!isUniqueViolation(error instanceof CopyFailure ? error.serverError : error)) throw error;
  }
  await client.query("ROLLBACK TO SAVEPOINT direct_copy");
  await client.query(`CREATE TEMP TABLE staging_positions (LIKE positions INCLUDING DEFAULTS) ON COMMIT DROP`);
  const staged = await copyParsedPositions(client, request, icao24, sizeBytes, "staging_positions", batchId);
  if (refusalOf(staged, request.strict ?? false)) return { staged, duplicates: 0 };
  const inserted = await client.query(
    `INSERT INTO positions (${COPY_COLUMNS.join(", ")}) SELECT ${COPY_COLUMNS.join(", ")} FROM staging_positions
     ORDER BY icao24, time, ctid ON CONFLICT (icao24, time) DO NOTHING`,
  );
  return { staged, duplicates: staged.staged - (inserted.rowCount ?? 0) };
}

function summarise(fileName: string, sha256: string, staged: StagedFile): ImportSummary {
  let first: Date | null = null;
  let last: Date | null = null;
  for (const window of staged.windows.values()) {
    if (!first || window.first < first) first = window.first;
    if (!last || window.last > last) last = window.last;
  }
  return {
    fileName,
    sha256,
    format: staged.format,
    accepted: 0,
    duplicates: 0,
    aircraft: [...staged.windows.keys()].sort(),
    firstTime: first?.toISOString() ?? null,
    lastTime: last?.toISOString() ?? null,
    rejections: staged.tally.report(),
    fieldWarnings: staged.warnings.report(),
  };
}

function refusalOf(staged: StagedFile, strict: boolean): string | null {
  return refusalReason({ valid: staged.staged, rejected: staged.tally.count, strict, what: "position rows" });
}

