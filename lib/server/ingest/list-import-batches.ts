import "server-only";
import type pg from "pg";
import { dbPool } from "../db/pool";
import { LIVE_DATASET } from "./live-dataset";

export interface ImportBatchRow {
  id: string;
  fileName: string;
  format: string;
  dataset: string | null;
  status: string;
  sizeBytes: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  firstTime: string | null;
  lastTime: string | null;
  uploadedBy: string | null;
  createdAt: string;
  aircraft: number;
}

/**
 * The import history, newest first (or the one batch `id`); only one account's uploads with
 * `uploadedById` (researchers see their own imports, analysts every one). The live feeds' small
 * batches (one every 2 s per running feed) are left out of the history (the Feeds page counts
 * them), so files stay listed; one is still found by its id. The history's filter is written
 * out, not behind a parameter, so PostgreSQL reads it from its partial index (newest first)
 * instead of stepping over a month of live batches (1.3 million rows per feed).
 */
export async function listImportBatches(
  options: { limit?: number; id?: string; uploadedById?: number } = {},
  db: pg.Pool | pg.ClientBase = dbPool(),
): Promise<ImportBatchRow[]> {
  const { rows } = await db.query(
    `SELECT b.id::text, b.file_name, b.format, b.dataset, b.status, b.size_bytes::float8 AS size_bytes, b.rows_accepted,
            b.rows_duplicate, b.rows_rejected, b.first_time, b.last_time, u.email AS uploaded_by, b.created_at,
            coalesce((b.report->>'aircraft')::int, 0) AS aircraft
       FROM import_batches b LEFT JOIN users u ON u.id = b.uploaded_by_id
      WHERE ${options.id === undefined ? `b.dataset IS DISTINCT FROM '${LIVE_DATASET}' AND $3::bigint IS NULL` : "b.id = $3"}
        AND ($2::int IS NULL OR b.uploaded_by_id = $2)
      ORDER BY b.id DESC LIMIT $1`,
    [options.limit ?? 200, options.uploadedById ?? null, options.id ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    dataset: r.dataset,
    status: r.status,
    sizeBytes: r.size_bytes,
    accepted: r.rows_accepted,
    duplicates: r.rows_duplicate,
    rejected: r.rows_rejected,
    firstTime: r.first_time?.toISOString() ?? null,
    lastTime: r.last_time?.toISOString() ?? null,
    uploadedBy: r.uploaded_by,
    createdAt: r.created_at.toISOString(),
    aircraft: r.aircraft,
  }));
}
