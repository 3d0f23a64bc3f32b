import "server-only";
import type pg from "pg";

/**
 * Keep the stored per-day aggregate in step with one batch's positions, inside the import's
 * transaction: +1 after its rows are written, -1 before a re-import deletes them. Each position
 * belongs to exactly one batch, so the deltas are exact; days are locked in date order so two
 * imports touching the same days cannot deadlock.
 */
export async function applyBatchToDayCounts(client: pg.PoolClient, batchId: string, sign: 1 | -1): Promise<void> {
  await client.query(
    `INSERT INTO position_day_counts (day, positions)
     SELECT (time AT TIME ZONE 'UTC')::date, $2::bigint * count(*) FROM positions WHERE batch_id = $1 GROUP BY 1 ORDER BY 1
     ON CONFLICT (day) DO UPDATE SET positions = position_day_counts.positions + EXCLUDED.positions`,
    [batchId, sign],
  );
  if (sign < 0) await client.query(`DELETE FROM position_day_counts WHERE positions <= 0`);
}
