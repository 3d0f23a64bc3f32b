import "server-only";
import type pg from "pg";

const DAY_MS = 86_400_000;

/**
 * Keep the stored per-day aggregate in step with one batch's positions, inside the import's
 * transaction: +1 after its rows are written, -1 before a re-import deletes them. Each position
 * belongs to exactly one batch, so the deltas are exact; days are locked in date order so two
 * imports touching the same days cannot deadlock. `counted` (rows per UTC day start, ms) spares
 * reading the batch back when the importer knows every row it wrote (no duplicate skipped).
 */
export async function applyBatchToDayCounts(client: pg.PoolClient, batchId: string, sign: 1 | -1, counted?: ReadonlyMap<number, number>): Promise<void> {
  if (counted) {
    const days = [...counted.keys()].sort((a, b) => a - b);
    await client.query(
      `INSERT INTO position_day_counts (day, positions)
       SELECT day, $3::bigint * n FROM unnest($1::date[], $2::bigint[]) AS c(day, n) ORDER BY 1
       ON CONFLICT (day) DO UPDATE SET positions = position_day_counts.positions + EXCLUDED.positions`,
      [days.map((dayMs) => new Date(dayMs).toISOString().slice(0, 10)), days.map((dayMs) => counted.get(dayMs)!), sign],
    );
  } else {
    await client.query(
      `INSERT INTO position_day_counts (day, positions)
       SELECT (time AT TIME ZONE 'UTC')::date, $2::bigint * count(*) FROM positions WHERE batch_id = $1 GROUP BY 1 ORDER BY 1
       ON CONFLICT (day) DO UPDATE SET positions = position_day_counts.positions + EXCLUDED.positions`,
      [batchId, sign],
    );
  }
  if (sign < 0) await client.query(`DELETE FROM position_day_counts WHERE positions <= 0`);
}

/** The UTC day start (ms) of a time, the key of `counted` above. */
export function utcDayStartMs(timeMs: number): number {
  return timeMs - (((timeMs % DAY_MS) + DAY_MS) % DAY_MS);
}
