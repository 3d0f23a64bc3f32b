import "server-only";
import { guardClient } from "../db/guard-client";
import { dbPool } from "../db/pool";
import type { ReceptionScopeRow } from "./stream-scope-visits";
import { RECEPTION_SCOPE_PAD_S, rebuildReceptionFor } from "./rebuild-reception-scope";

/**
 * Rebuild the whole reception map from the stored positions, a chunk of aircraft at a time (so the
 * work and the temporary tables stay the size of a few hundred aircraft's histories).
 * One transaction: readers see the old map or the new one. For a database from before the map,
 * and after a change of the map's configuration.
 * @returns the number of aircraft rebuilt
 */
export async function rebuildReceptionMap(onProgress?: (done: number, total: number) => void): Promise<number> {
  const client = await dbPool().connect();
  // Held for minutes: a connection that drops meanwhile fails the rebuild, not the process.
  const guard = guardClient(client);
  try {
    await client.query("BEGIN");
    await client.query("TRUNCATE reception_visits, reception_cells");
    // Padded like an import's scope: a track's ends are projected past its first and last position.
    const { rows } = await client.query<ReceptionScopeRow>(
      `SELECT icao24, date_trunc('hour', min(time) - make_interval(secs => $1), 'UTC') AS from_hour,
              date_trunc('hour', max(time) + make_interval(secs => $1), 'UTC') AS to_hour
         FROM positions GROUP BY icao24 ORDER BY icao24`,
      [RECEPTION_SCOPE_PAD_S],
    );
    await rebuildReceptionFor(client, rows, undefined, onProgress);
    await client.query("COMMIT");
    return rows.length;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => guard.markBroken());
    throw error;
  } finally {
    guard.release();
  }
}
