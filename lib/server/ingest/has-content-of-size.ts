import "server-only";
import type pg from "pg";

/**
 * Whether an imported batch or a kept original has exactly this size: the only case where the
 * file may already be stored (same content, same size). Cheap, so the importer asks it before
 * reading the file and hashes first only then; otherwise the hash comes from the single read.
 */
export async function hasContentOfSize(db: pg.Pool | pg.PoolClient, sizeBytes: number): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM import_batches WHERE size_bytes = $1)
         OR EXISTS (SELECT 1 FROM stored_files WHERE size_bytes = $1) AS found`,
    [sizeBytes],
  );
  return rows[0]?.found ?? false;
}
