import "server-only";
import type { GapRecord, TrackPositionRecord } from "../../core/flight-record";
import { dbPool } from "../db/pool";

export interface ProfilePositions {
  /** Every stored position of the flight's span (what the page states). */
  count: number;
  /** At most about `maxPoints` of them (every k-th, plus the first, the last and each gap's ends), in time order. */
  points: Pick<TrackPositionRecord, "timeMs" | "altitudeFt" | "groundSpeedKt">[];
}

/**
 * A flight's positions for its altitude and speed profile, thinned in PostgreSQL: the rows are
 * read through the (icao24, time) key, but only three columns of every k-th row leave the
 * server, and the positions on each side of a gap are always kept, so a gap's shading meets
 * the line where the data stops.
 */
export async function loadProfilePositions(
  icao24: string,
  firstSeenMs: number,
  lastSeenMs: number,
  gaps: readonly Pick<GapRecord, "offTimeMs" | "onTimeMs">[],
  maxPoints: number,
): Promise<ProfilePositions> {
  const edgesMs = gaps.flatMap((g) => (g.onTimeMs === null ? [g.offTimeMs] : [g.offTimeMs, g.onTimeMs]));
  const { rows } = await dbPool().query<{ ms: number; alt: number | null; kt: number | null; n: string }>({
    name: "load-profile-positions",
    text: `SELECT ms, alt, kt, n::text FROM (
       SELECT (extract(epoch FROM time) * 1000)::float8 AS ms, coalesce(altitude_baro_ft, altitude_geo_ft) AS alt, ground_speed_kt AS kt,
              row_number() OVER (ORDER BY time) AS i, count(*) OVER () AS n
         FROM positions
        WHERE icao24 = $1 AND time BETWEEN to_timestamp($2 / 1000.0) AND to_timestamp($3 / 1000.0)) s
      WHERE (i - 1) % greatest(1, ceil(n::float8 / $4))::bigint = 0 OR i = n OR ms = ANY($5::float8[])
      ORDER BY ms`,
    values: [icao24, firstSeenMs, lastSeenMs, Math.max(2, Math.floor(maxPoints)), edgesMs],
  });
  return {
    count: Number(rows[0]?.n ?? 0),
    points: rows.map((r) => ({ timeMs: r.ms, altitudeFt: r.alt, groundSpeedKt: r.kt })),
  };
}
