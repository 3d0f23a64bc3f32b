import "server-only";
import { COMMUTATIVE_WRITES } from "../db/commutative-writes";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import type { FieldWarningReport } from "../../ingest/field-warning-tally";
import type { RejectionReport } from "../../ingest/rejection-tally";
import { refusalReason } from "../../ingest/refusal-reason";
import { FileRefusedError, type FormatName } from "../../ingest/types";
import { dbPool } from "../db/pool";
import { logger } from "../log/logger";
import { dropEmptyPositionPartitions } from "../positions/drop-empty-position-partitions";
import { applyBatchToDayCounts } from "../stats/position-day-counts";
import { CopyFailure, type StagedFile } from "./copy-parsed-positions";
import { copyIntoPositions } from "./copy-into-positions";
import { findBatchBySha256 } from "./find-batch-by-sha256";
import { hasContentOfSize } from "./has-content-of-size";
import { hashFile } from "./hash-file";
import { describeImportFailure, isDatabaseError, isRetryableConflict } from "./import-failed-error";
import type { ImportRequest } from "./import-request";
import { recordAircraft } from "./record-aircraft";
import { recordDetectionRequests } from "./record-detection-requests";
import { resolveRegistration } from "./resolve-registration";
import { openOriginalStore, type OriginalStore } from "./open-original-store";
import { readFileOnce, type FilePass } from "./read-file-once";
import { writeBatchRow } from "./write-batch-row";
import { guardClient } from "../db/guard-client";
import { isUniqueViolation } from "../db/is-unique-violation";

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
 * Import one position file as one batch, atomically. Main path: one read of the file feeds the
 * parser, the SHA-256 and the kept original's gzip (readFileOnce) → COPY straight into
 * `positions` → record the batch, the aircraft and the detection requests → COMMIT. The
 * reception map takes the batch in at the next detection run (refreshPendingReception). Fallback, only when the direct COPY meets a row already stored (an
 * overlap with an earlier import, or a row twice in the file): the file is read again through a
 * temporary staging table whose rows move over skipping those, counted as duplicates.
 *
 * A kill at any point before COMMIT leaves nothing of the batch. The same file again (by SHA-256)
 * is answered with its earlier batch and writes nothing: a file the size of one already stored
 * is hashed first and answered before any work; otherwise the hash is known at the end and
 * checked before COMMIT (two imports of the same new file at once). A batch that deadlocks with another
 * import is retried whole (MAX_ATTEMPTS, with backoff). An attempt that does not commit drops the
 * month partitions it created, if they stayed empty (dropEmptyPositionPartitions). A database failure throws an
 * ImportFailedError whose message names the file (and line, where known), never PostgreSQL's raw text.
 */
export async function importPositionsFile(request: ImportRequest): Promise<ImportOutcome> {
  const sizeBytes = (await fs.promises.stat(request.path)).size;
  // A re-import keeps its batch's identity; a file of a stored size may be stored: hash it first.
  const knownSha256 =
    request.replaceBatchId !== undefined || (await hasContentOfSize(dbPool(), sizeBytes)) ? (await hashFile(request.path)).sha256 : null;
  for (let attempt = 1; ; attempt++) {
    // The months whose partition this attempt created: emptied again by a rollback, they go.
    const createdMonthsMs: number[] = [];
    try {
      return await importOnce(request, knownSha256, sizeBytes, createdMonthsMs);
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
    } finally {
      await dropEmptyPositionPartitions(dbPool(), createdMonthsMs).catch((error: unknown) =>
        logger().warn({ err: error }, "dropping the empty month partitions of a rolled-back import"),
      );
    }
  }
}

async function importOnce(request: ImportRequest, knownSha256: string | null, sizeBytes: number, createdMonthsMs: number[]): Promise<ImportOutcome> {
  const pool = dbPool();
  const alreadyImported = (batchId: string, sha256: string) => ({ status: "already-imported" as const, batchId, fileName: request.fileName, sha256 });
  if (knownSha256 !== null && request.replaceBatchId === undefined) {
    const existing = await findBatchBySha256(pool, knownSha256);
    if (existing) return alreadyImported(existing, knownSha256);
  }
  let icao24 = request.icao24?.toLowerCase();
  if (!icao24 && request.registration) {
    icao24 = await resolveRegistration(pool, request.registration);
    if (!icao24) {
      return {
        status: "refused",
        fileName: request.fileName,
        sha256: knownSha256 ?? undefined,
        reason: `registration ${request.registration} is not in the aircraft registry: import the registry (import-aircraft) or give --icao24`,
      };
    }
  }

  const client = await pool.connect();
  const guard = guardClient(client);
  let store: OriginalStore | null = null;
  const discardOriginal = async () => {
    const discarding = store;
    store = null;
    await discarding?.discard();
  };
  // Each pass over the file (a second one only for the fallback) keeps the original anew.
  const keepOriginal = knownSha256 === null || !(await isOriginalStored(pool, knownSha256));
  const openPass = async (): Promise<FilePass> => {
    await discardOriginal();
    if (keepOriginal) store = await openOriginalStore(sizeBytes);
    return readFileOnce(request.path, { hash: knownSha256 === null, sinks: store ? [store.sink] : [] });
  };
  let pass: Promise<FilePass> | undefined;
  const trackedOpenPass = () => (pass = openPass());
  try {
    await client.query("BEGIN");
    await client.query(COMMUTATIVE_WRITES);
    // Whoever writes a content's sha256 (batch or original) holds its lock: see lockContent.
    if (knownSha256 !== null) {
      await lockContent(client, knownSha256);
      // Another import of the same content committed while we waited for the lock.
      const existing = request.replaceBatchId === undefined ? await findBatchBySha256(client, knownSha256) : null;
      if (existing) {
        await client.query("ROLLBACK");
        return alreadyImported(existing, knownSha256);
      }
    }
    const batchId = await writeBatchRow(client, request, knownSha256, sizeBytes);
    let copied: { staged: StagedFile; duplicates: number };
    try {
      copied = await copyIntoPositions(client, request, icao24, batchId, trackedOpenPass, sizeBytes, createdMonthsMs);
    } catch (error) {
      guard.markBroken();
      await client.query("ROLLBACK").catch(() => undefined);
      await discardOriginal();
      if (error instanceof FileRefusedError) return { status: "refused", fileName: request.fileName, sha256: knownSha256 ?? undefined, reason: error.reason };
      throw error;
    }
    // The parser read the whole file, so the pass is over: the hash is final.
    const sha256 = knownSha256 ?? (await (await pass!).finished).sha256!;
    const { staged, duplicates } = copied;
    const summary = { ...summarise(request.fileName, sha256, staged), accepted: staged.staged - duplicates, duplicates };
    const refusal = refusalOf(staged, request.strict ?? false);
    if (refusal) {
      await client.query("ROLLBACK");
      await discardOriginal();
      return { status: "refused", reason: refusal, ...summary, accepted: 0, duplicates: 0 };
    }
    await applyBatchToDayCounts(client, batchId, 1, duplicates === 0 ? staged.dayCounts : undefined);
    await recordAircraft(client, staged.identities, [...staged.windows.keys()]);
    await recordDetectionRequests(client, batchId, staged.windows);
    if (knownSha256 === null) {
      await lockContent(client, sha256);
      // The same new file, imported meanwhile by another import that committed first.
      const existing = await findBatchBySha256(client, sha256);
      if (existing) {
        await client.query("ROLLBACK");
        await discardOriginal();
        return alreadyImported(existing, sha256);
      }
    }
    const original = store ? await (store as OriginalStore).finish(sha256) : null;
    await client.query(
      `UPDATE import_batches SET status = 'COMMITTED', format = $2, rows_accepted = $3, rows_duplicate = $4,
              rows_rejected = $5, first_time = $6, last_time = $7, report = $8, finished_at = now(), sha256 = $9,
              map_refreshed_at = NULL
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
        sha256,
      ],
    );
    // The original first: a batch never exists without it (an orphan original is harmless).
    store = null;
    await original?.commit();
    await client.query("COMMIT");
    return { status: "imported", batchId, ...summary };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    await discardOriginal();
    if (isUniqueViolation(error) && request.replaceBatchId === undefined) {
      // The same file finished importing elsewhere in the meantime.
      const sha256 = knownSha256 ?? (await pass?.then((p) => p.finished).then((f) => f.sha256, () => null));
      const again = sha256 ? await findBatchBySha256(pool, sha256) : null;
      if (again && sha256) return alreadyImported(again, sha256);
    }
    throw error;
  } finally {
    guard.release();
  }
}

/**
 * The content's transaction-level advisory lock, on the import's own connection: only its holder
 * writes that sha256 into import_batches or stored_files, so two imports of the same content wait
 * inside PostgreSQL (where a deadlock is seen and retried), never for each other's side connection.
 */
async function lockContent(client: pg.PoolClient, sha256: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [sha256]);
}

async function isOriginalStored(pool: pg.Pool, sha256: string): Promise<boolean> {
  const { rowCount } = await pool.query("SELECT 1 FROM stored_files WHERE sha256 = $1", [sha256]);
  return (rowCount ?? 0) > 0;
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

