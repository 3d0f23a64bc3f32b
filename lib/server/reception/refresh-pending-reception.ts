import "server-only";
import type pg from "pg";
import { refreshReceptionForBatch } from "./refresh-reception-for-batch";

/**
 * Take into the reception map every committed batch it has not taken yet, oldest first, inside
 * the caller's transaction (the detection run's, under its lock: one map writer at a time).
 * An import only stores its positions and its detection requests; the map work waits for the
 * detection that follows, so the import lands at the speed of COPY. Oldest first, each against
 * the batches taken before it: the same order of refreshes as if each had run at its import.
 * @returns how many batches were taken in
 */
export async function refreshPendingReception(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id::text FROM import_batches WHERE status = 'COMMITTED' AND map_refreshed_at IS NULL ORDER BY id FOR UPDATE`,
  );
  for (const { id } of rows) {
    await refreshReceptionForBatch(client, id);
    await client.query(`UPDATE import_batches SET map_refreshed_at = now() WHERE id = $1`, [id]);
  }
  return rows.length;
}
