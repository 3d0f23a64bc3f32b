import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { dbPool } from "../db/pool";

/**
 * Which of these flights open to a viewer who is not an analyst: a published finding, or a
 * flight their uploads produced, every one of its positions from their files (positions planted
 * in the span of someone else's flight, any number of them, must not open its track). One
 * question for all of them; each flight's rows through the primary key, stopping at the first
 * position of someone else's.
 */
export async function flightsOpenTo(viewer: CurrentUser, flights: readonly { icao24: string; id: string }[]): Promise<Set<string>> {
  if (flights.length === 0) return new Set();
  const { rows } = await dbPool().query<{ icao24: string; id: string }>(
    `SELECT f.icao24, f.id::text
       FROM unnest($1::char(6)[], $2::bigint[]) AS k(icao24, id)
       JOIN flights f ON f.icao24 = k.icao24 AND f.id = k.id
       LEFT JOIN reviews r ON r.icao24 = f.icao24 AND r.flight_id = f.id
      WHERE r.published
         OR (EXISTS (SELECT 1 FROM positions p WHERE p.icao24 = f.icao24 AND p.time BETWEEN f.first_seen AND f.last_seen)
             AND NOT EXISTS (SELECT 1 FROM positions p LEFT JOIN import_batches b ON b.id = p.batch_id
                              WHERE p.icao24 = f.icao24 AND p.time BETWEEN f.first_seen AND f.last_seen
                                AND b.uploaded_by_id IS DISTINCT FROM $3))`,
    [flights.map((f) => f.icao24), flights.map((f) => f.id), viewer.id],
  );
  return new Set(rows.map((r) => `${r.icao24.trim()}-${r.id}`));
}
