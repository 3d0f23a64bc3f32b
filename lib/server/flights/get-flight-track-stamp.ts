import "server-only";
import { dbPool } from "../db/pool";

/**
 * What a flight's drawn track depends on, as one string: when it was last detected (its
 * positions, gaps, flags and stored map track change only then) and the zones' last change
 * (the map draws the watched ones). Null when there is no such flight.
 */
export async function getFlightTrackStamp(ref: { icao24: string; id: string }): Promise<string | null> {
  if (!/^\d{1,18}$/.test(ref.id)) return null;
  const { rows } = await dbPool().query<{ stamp: string }>(
    `SELECT extract(epoch FROM f.detected_at)::text || '/' || f.position_count || '/'
            || (SELECT count(*) || '@' || coalesce(extract(epoch FROM max(z.updated_at))::text, '') FROM zones z) AS stamp
       FROM flights f WHERE f.icao24 = $1 AND f.id = $2`,
    [ref.icao24, ref.id],
  );
  return rows[0]?.stamp ?? null;
}
