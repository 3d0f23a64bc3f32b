import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FORMAT_NAMES, type FormatName } from "../../ingest/types";
import { dbPool } from "../db/pool";
import { importPositionsFile, type ImportOutcome, type ImportProgress } from "./import-positions-file";
import { restoreOriginalFile } from "./store-original-file";

/**
 * Re-parse a batch from its kept original (after a parser fix): its positions are replaced in
 * one transaction, under the same batch id. Rows now stored by other batches stay theirs.
 */
export async function reimportBatch(
  batchId: bigint,
  options: { nowMs: number; format?: FormatName; icao24?: string; onProgress?: (p: ImportProgress) => void },
): Promise<ImportOutcome> {
  const { rows } = await dbPool().query<{ sha256: string; file_name: string; format: string; dataset: string | null; icao24: string | null }>(
    // The batch id twice, not a correlated subquery: a Citus cluster refuses one beside a reference table.
    `SELECT b.sha256, b.file_name, b.format, b.dataset,
            (SELECT p.icao24 FROM positions p WHERE p.batch_id = $1 LIMIT 1) AS icao24
       FROM import_batches b WHERE b.id = $1`,
    [batchId],
  );
  const batch = rows[0];
  if (!batch) throw new Error(`there is no batch ${batchId}`);
  if (!(FORMAT_NAMES as readonly string[]).includes(batch.format)) {
    throw new Error(`batch ${batchId} is a ${batch.format} import, not positions: import that file again instead`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-reimport-"));
  const file = path.join(dir, batch.file_name);
  try {
    await restoreOriginalFile(batch.sha256, file);
    return await importPositionsFile({
      path: file,
      fileName: batch.file_name,
      nowMs: options.nowMs,
      dataset: batch.dataset,
      format: options.format ?? (batch.format as FormatName),
      // A file without addresses (Flightradar24) was imported for one aircraft: the same one again.
      icao24: options.icao24 ?? batch.icao24 ?? undefined,
      replaceBatchId: batchId,
      onProgress: options.onProgress,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
