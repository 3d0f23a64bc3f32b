import "server-only";
import crypto from "node:crypto";
import type pg from "pg";
import { applyBatchToDayCounts } from "../stats/position-day-counts";
import type { ImportRequest } from "./import-request";

/**
 * The batch row of an import, first in its transaction (positions refer to it); RUNNING until
 * the importer marks it COMMITTED just before COMMIT. Its unique sha256 also makes a concurrent
 * import of the same file wait for its COMMIT, then find it imported. A re-import empties its batch instead.
 */
export async function writeBatchRow(client: pg.PoolClient, request: ImportRequest, sha256: string | null, sizeBytes: number): Promise<string> {
  if (request.replaceBatchId !== undefined) {
    // One re-import of a batch at a time; the flights its old positions built are re-detected.
    await client.query("SELECT id FROM import_batches WHERE id = $1 FOR UPDATE", [request.replaceBatchId]);
    await client.query(
      `INSERT INTO detection_requests (icao24, window_start, window_end, batch_id)
       SELECT icao24, min(time), max(time), $1 FROM positions WHERE batch_id = $1 GROUP BY icao24`,
      [request.replaceBatchId],
    );
    await applyBatchToDayCounts(client, request.replaceBatchId.toString(), -1);
    await client.query("DELETE FROM positions WHERE batch_id = $1", [request.replaceBatchId]);
    return request.replaceBatchId.toString();
  }
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO import_batches (sha256, file_name, format, dataset, status, size_bytes, uploaded_by_id)
     VALUES ($1, $2, $3, $4, 'RUNNING', $5, $6) RETURNING id::text`,
    // Not hashed yet (the hash comes from the single read): a placeholder nobody else sees, replaced before COMMIT.
    [sha256 ?? crypto.randomBytes(32).toString("hex"), request.fileName, request.format ?? "unknown", request.dataset ?? null, sizeBytes, request.uploadedById ?? null],
  );
  return rows[0]!.id;
}
