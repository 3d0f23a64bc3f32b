import "server-only";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { TrackPoint } from "../../core/model/track-point";
import type { PositionSource } from "../../ingest/canonical-position";

const NULL = "\\N";
const num = (v: string | undefined) => (v === undefined || v === NULL ? null : Number(v));

/**
 * Stream the positions of some aircraft out with COPY (far faster than row-by-row results), in
 * the primary key's order (aircraft, then time): each track arrives sorted, no sort is needed.
 * @returns each aircraft's positions, sorted by time, and how many were read
 */
export async function loadTracks(client: pg.PoolClient, icao24s: readonly string[]): Promise<{ tracks: Map<string, TrackPoint[]>; positions: number }> {
  const tracks = new Map<string, TrackPoint[]>();
  let positions = 0;
  if (icao24s.length === 0) return { tracks, positions };
  const list = icao24s.map((icao24) => `'${icao24.replace(/[^0-9a-f]/g, "")}'`).join(",");
  const stream = client.query(
    copyTo(
      `COPY (SELECT icao24, (extract(epoch FROM time) * 1000)::bigint, lat_deg, lon_deg,
                    coalesce(altitude_baro_ft, altitude_geo_ft), ground_speed_kt, track_deg, vertical_rate_fpm,
                    on_ground, source, callsign
               FROM positions WHERE icao24 IN (${list}) ORDER BY icao24, time) TO STDOUT`,
    ),
  );
  let current: TrackPoint[] = [];
  let currentIcao = "";
  const row = (line: string) => {
    // Hand-split on tabs: COPY text has no quoting, and this loop is the load's hot path.
    const f = line.split("\t");
    const icao24 = f[0]!;
    if (icao24 !== currentIcao) {
      currentIcao = icao24;
      tracks.set(icao24, (current = []));
    }
    positions += 1;
    current.push({
      timeMs: Number(f[1]),
      latDeg: Number(f[2]),
      lonDeg: Number(f[3]),
      altitudeFt: num(f[4]),
      groundSpeedKt: num(f[5]),
      trackDeg: num(f[6]),
      verticalRateFpm: num(f[7]),
      onGround: f[8] === "t",
      source: f[9] as PositionSource,
      callsign: f[10] === undefined || f[10] === NULL ? null : f[10],
    });
  };
  let rest = "";
  for await (const chunk of stream) {
    const text = rest + (chunk as Buffer).toString("utf8");
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      row(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest) row(rest);
  return { tracks, positions };
}
