import "server-only";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { CoverageGrid } from "../../core/coverage/coverage-grid";
import type { TrackPoint } from "../../core/track-point";
import type { PositionSource } from "../../ingest/canonical-position";

export interface LoadedTracks {
  /** The aircraft to detect, each with its positions sorted by time. */
  tracks: Map<string, TrackPoint[]>;
  /** Reception grid from every aircraft's positions in the same time range. */
  coverage: CoverageGrid;
  /** The latest position time in the data (the end of the data window). */
  dataEndMs: number;
  /**
   * Per aircraft, the end of the data it was observed in (the latest end of the import batches
   * holding its positions): an open gap lasts until then, not until the newest file of an
   * unrelated dataset years later.
   */
  dataEndMsByAircraft: Map<string, number>;
  positions: number;
}

const NULL = "\\N";
const num = (v: string | undefined) => (v === undefined || v === NULL ? null : Number(v));

/**
 * Stream positions out with COPY (far faster than row-by-row results): the tracks of the
 * requested aircraft (all when `icao24s` is null), and the coverage grid from every aircraft
 * received in the time span those tracks cover.
 */
export async function loadTracks(client: pg.PoolClient, icao24s: string[] | null): Promise<LoadedTracks> {
  const tracks = new Map<string, TrackPoint[]>();
  const dataEndMsByAircraft = new Map<string, number>();
  const batchEnds = new Map(
    (await client.query<{ id: string; last_ms: number | null }>(`SELECT id::text, (extract(epoch FROM last_time) * 1000)::float8 AS last_ms FROM import_batches`)).rows.map(
      (r) => [r.id, r.last_ms ?? 0],
    ),
  );
  const builder = CoverageGrid.builder();
  let dataEndMs = 0;
  let positions = 0;
  const wanted = icao24s ? new Set(icao24s) : null;

  let span = "";
  if (icao24s) {
    const { rows } = await client.query<{ first: Date | null; last: Date | null }>(
      `SELECT min(time) AS first, max(time) AS last FROM positions WHERE icao24 = ANY($1::text[])`,
      [icao24s],
    );
    const first = rows[0]?.first;
    const last = rows[0]?.last;
    if (!first || !last) return { tracks, coverage: builder.build(), dataEndMs, dataEndMsByAircraft, positions };
    span = `WHERE time BETWEEN '${first.toISOString()}' AND '${last.toISOString()}'`;
  }
  // No ORDER BY: sorting a million rows on the server cost more than the whole detection. Rows
  // come in storage order (mostly time order per aircraft); each track is sorted below.
  const stream = client.query(
    copyTo(
      `COPY (SELECT icao24, (extract(epoch FROM time) * 1000)::bigint, lat_deg, lon_deg,
                    coalesce(altitude_baro_ft, altitude_geo_ft), ground_speed_kt, track_deg, vertical_rate_fpm,
                    on_ground, source, callsign, batch_id
               FROM positions ${span}) TO STDOUT`,
    ),
  );
  const row = (line: string) => {
    // Hand-split on tabs: COPY text has no quoting, and this loop is the load's hot path.
    const f = line.split("\t");
    const icao24 = f[0]!;
    const timeMs = Number(f[1]);
    const latDeg = Number(f[2]);
    const lonDeg = Number(f[3]);
    positions += 1;
    if (timeMs > dataEndMs) dataEndMs = timeMs;
    builder.add(icao24, { timeMs, latDeg, lonDeg });
    if (wanted && !wanted.has(icao24)) return;
    let track = tracks.get(icao24);
    if (!track) tracks.set(icao24, (track = []));
    const batchEndMs = batchEnds.get(f[11]!) ?? timeMs;
    if (batchEndMs > (dataEndMsByAircraft.get(icao24) ?? 0)) dataEndMsByAircraft.set(icao24, batchEndMs);
    track.push({
      timeMs,
      latDeg,
      lonDeg,
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
  for (const track of tracks.values()) {
    let sorted = true;
    for (let i = 1; i < track.length && sorted; i++) sorted = track[i - 1]!.timeMs <= track[i]!.timeMs;
    if (!sorted) track.sort((a, b) => a.timeMs - b.timeMs);
  }
  return { tracks, coverage: builder.build(), dataEndMs, dataEndMsByAircraft, positions };
}
