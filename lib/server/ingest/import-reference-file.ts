import "server-only";
import { COMMUTATIVE_WRITES } from "../db/commutative-writes";
import fs from "node:fs";
import type pg from "pg";
import { refusalReason } from "../../ingest/refusal-reason";
import { RejectionTally, type RejectionReport } from "../../ingest/rejection-tally";
import type { RowEvent } from "../../ingest/row-event";
import { FileRefusedError } from "../../ingest/types";
import { dbPool } from "../db/pool";
import { findBatchBySha256 } from "./find-batch-by-sha256";
import { hashFile } from "./hash-file";
import { describeImportFailure, isDatabaseError } from "./import-failed-error";
import { storeOriginalFile, type PendingOriginal } from "./store-original-file";
import { guardClient } from "../db/guard-client";
import { isUniqueViolation } from "../db/is-unique-violation";

export type ReferenceImportOutcome =
  | { status: "imported"; batchId: string; fileName: string; format: string; accepted: number; rejections: RejectionReport }
  | { status: "already-imported"; batchId: string; fileName: string }
  | { status: "refused"; fileName: string; reason: string; rejections?: RejectionReport };

const CHUNK_ROWS = 5000;

/**
 * The shared shape of reference imports (aircraft registries, schedules): like position
 * imports they are recorded as a batch (same SHA-256 twice: "already imported"), keep the
 * original, and commit all valid rows in one transaction. `writeChunk` upserts a chunk.
 */
export async function importReferenceFile<T>(options: {
  path: string;
  fileName: string;
  format: string;
  strict?: boolean;
  uploadedById?: number | null;
  parse: (input: fs.ReadStream, fileName: string) => AsyncGenerator<RowEvent<T>>;
  writeChunk: (client: pg.PoolClient, records: T[]) => Promise<void>;
}): Promise<ReferenceImportOutcome> {
  const { sha256, sizeBytes } = await hashFile(options.path);
  const pool = dbPool();
  const existing = await findBatchBySha256(pool, sha256);
  if (existing) return { status: "already-imported", batchId: existing, fileName: options.fileName };

  const client = await pool.connect();
  const guard = guardClient(client);
  let original: PendingOriginal | undefined;
  try {
    await client.query("BEGIN");
    await client.query(COMMUTATIVE_WRITES);
    const tally = new RejectionTally();
    let accepted = 0;
    let chunk: T[] = [];
    try {
      for await (const event of options.parse(fs.createReadStream(options.path), options.fileName)) {
        if (event.kind === "error") {
          tally.add(event.error);
          continue;
        }
        chunk.push(event.record);
        accepted += 1;
        if (chunk.length >= CHUNK_ROWS) {
          await options.writeChunk(client, chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) await options.writeChunk(client, chunk);
    } catch (error) {
      await client.query("ROLLBACK");
      if (error instanceof FileRefusedError) return { status: "refused", fileName: options.fileName, reason: error.reason };
      throw error;
    }
    const rejections = tally.report();
    const refusal = refusalReason({ valid: accepted, rejected: tally.count, strict: options.strict ?? false, what: "rows" });
    if (refusal) {
      await client.query("ROLLBACK");
      return { status: "refused", fileName: options.fileName, reason: refusal, rejections };
    }
    original = await storeOriginalFile(options.path, sha256, sizeBytes);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO import_batches (sha256, file_name, format, status, size_bytes, rows_accepted, rows_rejected, report, uploaded_by_id, finished_at)
       VALUES ($1, $2, $3, 'COMMITTED', $4, $5, $6, $7, $8, now()) RETURNING id::text`,
      [sha256, options.fileName, options.format, sizeBytes, accepted, tally.count, JSON.stringify({ rejections }), options.uploadedById ?? null],
    );
    await original.commit();
    await client.query("COMMIT");
    return { status: "imported", batchId: rows[0]!.id, fileName: options.fileName, format: options.format, accepted, rejections };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    await original?.rollback().catch(() => undefined);
    if (isUniqueViolation(error)) {
      // The same file finished importing elsewhere in the meantime.
      const again = await findBatchBySha256(pool, sha256);
      if (again) return { status: "already-imported", batchId: again, fileName: options.fileName };
    }
    throw isDatabaseError(error) ? describeImportFailure(error, options.fileName, null) : error;
  } finally {
    guard.release();
  }
}
