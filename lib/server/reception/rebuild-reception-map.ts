import "server-only";
import { dbPool } from "../db/pool";
import { RECEPTION_SCOPE_PAD_S, rebuildReceptionScope } from "./rebuild-reception-scope";

const CHUNK_AIRCRAFT = 200;

/**
 * Rebuild the whole reception map from the stored positions, a chunk of aircraft at a time (so the
 * work and the temporary tables stay the size of a few hundred aircraft's histories).
 * One transaction: readers see the old map or the new one. For a database from before the map,
 * and after a change of the map's configuration.
 * @returns the number of aircraft rebuilt
 */
export async function rebuildReceptionMap(onProgress?: (done: number, total: number) => void): Promise<number> {
  const client = await dbPool().connect();
  await client.query("BEGIN");
  try {
    await client.query("TRUNCATE reception_visits, reception_cells");
    // Padded like an import's scope: a track's ends are projected past its first and last position.
    const { rows } = await client.query<{ icao24: string; from_hour: Date; to_hour: Date }>(
      `SELECT icao24, date_trunc('hour', min(time) - make_interval(secs => $1), 'UTC') AS from_hour,
              date_trunc('hour', max(time) + make_interval(secs => $1), 'UTC') AS to_hour
         FROM positions GROUP BY icao24 ORDER BY icao24`,
      [RECEPTION_SCOPE_PAD_S],
    );
    for (let i = 0; i < rows.length; i += CHUNK_AIRCRAFT) {
      const chunk = rows.slice(i, i + CHUNK_AIRCRAFT);
      await client.query(
        `CREATE TEMP TABLE reception_scope ON COMMIT DROP AS
         SELECT * FROM unnest($1::char(6)[], $2::timestamptz[], $3::timestamptz[]) AS s(icao24, from_hour, to_hour)`,
        [chunk.map((r) => r.icao24), chunk.map((r) => r.from_hour), chunk.map((r) => r.to_hour)],
      );
      await rebuildReceptionScope(client);
      await client.query("DROP TABLE reception_scope");
      onProgress?.(i + chunk.length, rows.length);
    }
    await client.query("COMMIT");
    return rows.length;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
