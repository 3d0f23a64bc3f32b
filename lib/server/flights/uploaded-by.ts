import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { dbPool } from "../db/pool";

/**
 * Which of these flights this user's uploads produced: every one of a flight's positions came from
 * their files. Positions planted in the span of someone else's flight (any number: times to the
 * millisecond are free) must not open its track. One question for all of them; each flight's rows
 * through the primary key, stopping at the first position of someone else's.
 */
export async function flightsUploadedBy(viewer: CurrentUser, flights: readonly { icao24: string; id: string }[]): Promise<Set<string>> {
  if (flights.length === 0) return new Set();
  const { rows } = await dbPool().query<{ icao24: string; id: string }>(
    `SELECT f.icao24, f.id::text
       FROM unnest($1::char(6)[], $2::bigint[]) AS k(icao24, id)
       JOIN flights f ON f.icao24 = k.icao24 AND f.id = k.id
      WHERE EXISTS (SELECT 1 FROM positions p WHERE p.icao24 = f.icao24 AND p.time BETWEEN f.first_seen AND f.last_seen)
        AND NOT EXISTS (SELECT 1 FROM positions p LEFT JOIN import_batches b ON b.id = p.batch_id
                         WHERE p.icao24 = f.icao24 AND p.time BETWEEN f.first_seen AND f.last_seen
                           AND b.uploaded_by_id IS DISTINCT FROM $3)`,
    [flights.map((f) => f.icao24), flights.map((f) => f.id), viewer.id],
  );
  return new Set(rows.map((r) => `${r.icao24.trim()}-${r.id}`));
}
