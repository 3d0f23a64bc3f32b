import "server-only";
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
 * them), so files stay listed; one is still found by its id.
 */
export async function listImportBatches(options: { limit?: number; id?: string; uploadedById?: number } = {}): Promise<ImportBatchRow[]> {
  const { rows } = await dbPool().query(
    `SELECT b.id::text, b.file_name, b.format, b.dataset, b.status, b.size_bytes::float8 AS size_bytes, b.rows_accepted,
            b.rows_duplicate, b.rows_rejected, b.first_time, b.last_time, u.email AS uploaded_by, b.created_at,
            coalesce((b.report->>'aircraft')::int, 0) AS aircraft
       FROM import_batches b LEFT JOIN users u ON u.id = b.uploaded_by_id
      WHERE ($2::bigint IS NULL OR b.id = $2) AND ($3::int IS NULL OR b.uploaded_by_id = $3)
        AND ($2::bigint IS NOT NULL OR b.dataset IS DISTINCT FROM '${LIVE_DATASET}')
      ORDER BY b.id DESC LIMIT $1`,
    [options.limit ?? 200, options.id ?? null, options.uploadedById ?? null],
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
