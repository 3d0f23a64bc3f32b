import "server-only";
import type { TrackPositionRecord } from "../../core/flight-record";
import { dbPool } from "../db/pool";

/**
 * Every stored position of one aircraft between two instants, in time order: the flight's
 * track. Read through the (icao24, time) primary key, so it costs the flight, not the table.
 */
export async function loadTrackPositions(icao24: string, firstSeenMs: number, lastSeenMs: number): Promise<TrackPositionRecord[]> {
  const { rows } = await dbPool().query<{
    ms: number; lat: number; lon: number; alt: number | null; kt: number | null; trk: number | null; vr: number | null;
    on_ground: boolean; source: TrackPositionRecord["source"]; callsign: string | null; squawk: string | null;
  }>(
    `SELECT (extract(epoch FROM time) * 1000)::float8 AS ms, lat_deg AS lat, lon_deg AS lon,
            coalesce(altitude_baro_ft, altitude_geo_ft) AS alt, ground_speed_kt AS kt, track_deg AS trk,
            vertical_rate_fpm AS vr, on_ground, source, callsign, squawk
       FROM positions
      WHERE icao24 = $1 AND time BETWEEN to_timestamp($2 / 1000.0) AND to_timestamp($3 / 1000.0)
      ORDER BY time`,
    [icao24, firstSeenMs, lastSeenMs],
  );
  return rows.map((r) => ({
    timeMs: r.ms,
    latDeg: r.lat,
    lonDeg: r.lon,
    altitudeFt: r.alt,
    groundSpeedKt: r.kt,
    trackDeg: r.trk,
    verticalRateFpm: r.vr,
    onGround: r.on_ground,
    source: r.source,
    callsign: r.callsign,
    squawk: r.squawk,
  }));
}
