import "server-only";
import type { QueryResult } from "pg";
import { encodeMapTrack } from "../../core/flights/map-track";
import { dbPool } from "../db/pool";
import { loadTrackPositions } from "./load-track-positions";

interface MissingTrackRow {
  icao24: string;
  id: string;
  first_ms: number;
  last_ms: number;
  detected_at: Date;
  gap_off_ms: number[];
}

/** Flights read per query: each is then packed from its own positions, one at a time. */
const FLIGHTS_PER_READ = 100;

/**
 * Pack the map track of every flight stored without one (detected before tracks were packed
 * bytes: their migration emptied them) from its stored positions, thinned as its page drew them
 * meanwhile (detection packs its cleaned points instead): its pages then stop reading positions.
 * In address order, a hundred flights a query, one flight's positions in memory at a time. A
 * flight detected again meanwhile keeps what its detection wrote (the update asks for the track
 * still empty and the same detection time); one without positions (a month detached by
 * retention) stays empty. Returns how many were packed.
 */
export async function fillMissingMapTracks(options: { signal?: AbortSignal } = {}): Promise<number> {
  const pool = dbPool();
  let filled = 0;
  // The last flight read (address, id): the next query starts after it.
  let afterIcao24: string | null = null;
  let afterId: string | null = null;
  while (!options.signal?.aborted) {
    const read: QueryResult<MissingTrackRow> = await pool.query<MissingTrackRow>(
      `SELECT f.icao24, f.id::text, (extract(epoch FROM f.first_seen) * 1000)::float8 AS first_ms,
              (extract(epoch FROM f.last_seen) * 1000)::float8 AS last_ms, f.detected_at,
              ARRAY(SELECT (extract(epoch FROM e.off_time) * 1000)::float8 FROM gap_events e
                     WHERE e.icao24 = f.icao24 AND e.flight_id = f.id) AS gap_off_ms
         FROM flights f
        WHERE f.map_track IS NULL AND ($1::char(6) IS NULL OR (f.icao24, f.id) > ($1::char(6), $2::bigint))
        ORDER BY f.icao24, f.id LIMIT ${FLIGHTS_PER_READ}`,
      [afterIcao24, afterId],
    );
    const rows = read.rows;
    for (const f of rows) {
      if (options.signal?.aborted) break;
      const positions = await loadTrackPositions(f.icao24.trim(), f.first_ms, f.last_ms);
      if (positions.length === 0) continue;
      const track = encodeMapTrack(positions, f.gap_off_ms.map((offTimeMs) => ({ offTimeMs })));
      const updated = await pool.query(
        `UPDATE flights SET map_track = $3 WHERE icao24 = $1 AND id = $2 AND map_track IS NULL AND detected_at = $4`,
        [f.icao24, f.id, Buffer.from(track), f.detected_at],
      );
      filled += updated.rowCount ?? 0;
    }
    if (rows.length < FLIGHTS_PER_READ) break;
    afterIcao24 = rows[rows.length - 1]!.icao24;
    afterId = rows[rows.length - 1]!.id;
  }
  return filled;
}
