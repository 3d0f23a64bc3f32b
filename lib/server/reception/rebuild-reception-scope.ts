import "server-only";
import type pg from "pg";
import { DEFAULT_RECEPTION_CONFIG, type ReceptionConfig } from "../../core/model/reception-config";
import { dbPool } from "../db/pool";
import { guardClient } from "../db/guard-client";
import { streamScopeVisits, type ReceptionScopeRow, type ScopeVisits } from "./stream-scope-visits";

/**
 * How far around a change of positions the visits change: a new position alters the silent
 * crossing it ends (up to a bridge away), the projection of a track's ends, and the sampling of
 * the hour beside it. Every scope is padded by this much.
 */
export const RECEPTION_SCOPE_PAD_S = DEFAULT_RECEPTION_CONFIG.bridgeMaxS + 2 * 3600;

/**
 * Aircraft per step: a visit depends on its own aircraft's positions alone and the cells' sums
 * are added up, so any split gives the same map; a step's visits wait in a temporary table.
 */
const CHUNK_AIRCRAFT = 200;

/**
 * Rebuild the reception map for these aircraft and hours (both inclusive), a chunk of aircraft
 * at a time, inside the caller's transaction. Every visit (aircraft × hour × cell × band) in
 * scope is recomputed from the stored positions alone (aircraft-visits.ts), and `reception_cells`
 * is kept equal to the sums of the visits by subtracting the old rows and adding the new ones:
 * the map never depends on the order or the split of the imports. Hours are UTC hours (counted
 * from the epoch here, whatever a session's or a Citus worker's zone).
 */
export async function rebuildReceptionFor(
  client: pg.ClientBase,
  scope: readonly ReceptionScopeRow[],
  config: ReceptionConfig = DEFAULT_RECEPTION_CONFIG,
  onChunk?: (done: number, total: number) => void,
): Promise<void> {
  if (scope.length === 0) return;
  // The positions are committed: a connection of its own streams them while this one writes.
  const reader = await dbPool().connect();
  const guard = guardClient(reader);
  try {
    for (let i = 0; i < scope.length; i += CHUNK_AIRCRAFT) {
      const chunk = scope.slice(i, i + CHUNK_AIRCRAFT);
      await client.query(
        `CREATE TEMP TABLE reception_scope ON COMMIT DROP AS
         SELECT * FROM unnest($1::char(6)[], $2::timestamptz[], $3::timestamptz[]) AS s(icao24, from_hour, to_hour)`,
        [chunk.map((r) => r.icao24), chunk.map((r) => r.from_hour), chunk.map((r) => r.to_hour)],
      );
      await client.query(
        `CREATE TEMP TABLE reception_new (icao24 char(6), hour timestamptz, cell int, band smallint, received int, received_ms int[], expected_milli bigint) ON COMMIT DROP`,
      );
      await streamScopeVisits(reader, chunk, config, (visits) => insertVisits(client, visits));
      await replaceVisits(client);
      await client.query("DROP TABLE reception_scope, reception_new");
      onChunk?.(i + chunk.length, scope.length);
    }
  } catch (error) {
    // A stream stopped midway leaves its connection in the middle of a COPY.
    guard.markBroken();
    throw error;
  } finally {
    guard.release();
  }
}

async function insertVisits(client: pg.ClientBase, visits: ScopeVisits): Promise<void> {
  await client.query(
    `INSERT INTO reception_new SELECT icao24, hour, cell, band, received, received_ms::int[], expected_milli
       FROM unnest($1::char(6)[], $2::timestamptz[], $3::int[], $4::smallint[], $5::int[], $6::text[], $7::bigint[])
         AS v(icao24, hour, cell, band, received, received_ms, expected_milli)`,
    [visits.icao24, visits.hour, visits.cell, visits.band, visits.received, visits.receivedMs, visits.expectedMilli],
  );
}

/** Replace the visits of the aircraft and hours in `reception_scope` with those in `reception_new`, and the cells' sums with them. */
async function replaceVisits(client: pg.ClientBase): Promise<void> {
  // Subtract what the scope's old visits added to the map, then add the new ones. Keys are
  // written in one order so that two imports touching the same cells wait, never deadlock.
  await client.query(`
    WITH old AS (
      DELETE FROM reception_visits v USING reception_scope s
       WHERE v.icao24 = s.icao24 AND v.hour BETWEEN s.from_hour AND s.to_hour
      RETURNING v.cell, v.band, v.hour, v.received, v.expected_milli
    ), delta AS (
      SELECT cell, band, hour, sum(received) AS received, sum(expected_milli) AS expected_milli,
             count(*) AS visits, count(*) FILTER (WHERE received > 0) AS visits_received, -1 AS sign FROM old GROUP BY 1, 2, 3
      UNION ALL
      SELECT cell, band, hour, sum(received), sum(expected_milli), count(*), count(*) FILTER (WHERE received > 0), 1
        FROM reception_new GROUP BY 1, 2, 3
    )
    INSERT INTO reception_cells AS c (cell, band, hour, received, expected_milli, visits, visits_received)
    SELECT cell, band, hour, sum(sign * received), sum(sign * expected_milli), sum(sign * visits), sum(sign * visits_received)
      FROM delta GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (cell, band, hour) DO UPDATE SET
      received = c.received + EXCLUDED.received, expected_milli = c.expected_milli + EXCLUDED.expected_milli,
      visits = c.visits + EXCLUDED.visits, visits_received = c.visits_received + EXCLUDED.visits_received`);
  await client.query(`INSERT INTO reception_visits (icao24, hour, cell, band, received, received_ms, expected_milli) SELECT * FROM reception_new`);
  // The scope's hours as values: Citus refuses a subquery on a temporary table in a write to a reference table.
  const span = await client.query<{ from_hour: Date | null; to_hour: Date | null }>(
    `SELECT min(from_hour) AS from_hour, max(to_hour) AS to_hour FROM reception_scope`,
  );
  await client.query(`DELETE FROM reception_cells WHERE visits <= 0 AND hour BETWEEN $1 AND $2`, [
    span.rows[0]?.from_hour ?? null,
    span.rows[0]?.to_hour ?? null,
  ]);
}
