import "server-only";
import { dbPool } from "../db/pool";
import { rebuildReceptionMap } from "./rebuild-reception-map";

/**
 * A database from before the reception map (positions but no map) gets it built once, at start
 * or migration: detection runs keep it current from then on (refresh-pending-reception.ts).
 * @returns the number of aircraft whose positions were mapped (0 when nothing was needed)
 */
export async function ensureReceptionMap(): Promise<number> {
  const pool = dbPool();
  const mapped = await pool.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM reception_visits) AS any`);
  if (mapped.rows[0]?.any) return 0;
  // Batches the map claims to have taken in, and an empty map: the map never existed. (Batches
  // still pending are taken in by the next detection run, not here.) Uncorrelated, so a Citus
  // cluster runs it too: it refuses a correlated subquery beside a reference table.
  const { rows } = await pool.query<{ needed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM positions p
                     WHERE p.batch_id IN (SELECT b.id FROM import_batches b WHERE b.map_refreshed_at IS NOT NULL)) AS needed`,
  );
  return rows[0]?.needed ? rebuildReceptionMap() : 0;
}
