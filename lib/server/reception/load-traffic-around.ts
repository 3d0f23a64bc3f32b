import "server-only";
import type pg from "pg";
import { MAP_HOUR_MS } from "../../core/model/reception-config";
import { gridCellSql } from "../../core/reception/grid-cell";

/**
 * The positions `p` the reception map leaves out (in the air without an altitude: no band), as
 * positions_unknown_altitude_time_idx is written, so a query naming it can use that index.
 */
export const UNMAPPED_POSITION_SQL = "NOT p.on_ground AND p.altitude_baro_ft IS NULL AND p.altitude_geo_ft IS NULL";

/** A silence's question about the other aircraft around it: the ring of cells around its path, its bounds and times. */
export interface TrafficBox {
  key: string;
  icao24: string;
  ring: number[];
  t0: string;
  t1: string;
  margin_s: number;
  end_s: number;
  south: number;
  north: number;
  west: number;
  east: number;
}

/** Another aircraft received in a silence's ring within its window: during it (away from its ends), before, after. */
export interface TrafficRow {
  key: string;
  icao24: string;
  during: boolean;
  before: boolean;
  after: boolean;
}

/**
 * The other aircraft received in each box's ring of cells from `margin_s` before the silence to
 * `margin_s` after it, and when. Read from the reception map, whose visits hold when each of
 * their positions was received: a silence reads the few visits of its ring's cells in its hours,
 * where reading positions meant every position of every aircraft in those hours (~90,000 for an
 * hour of 1,000 aircraft) for each silence. The map leaves out positions in the air without an
 * altitude (no band): those few are read from positions, through their own partial index. The
 * answer is the same as reading every position (apart from a position at exactly 180° E, whose
 * cell lies at 180° W), for every batch the map has taken in: detection refreshes the map first.
 */
export async function loadTrafficAround(client: pg.ClientBase, boxes: readonly TrafficBox[], cellDeg: number): Promise<TrafficRow[]> {
  if (boxes.length === 0) return [];
  const windows = boxes.map((b) => {
    const t0Ms = Date.parse(b.t0);
    const t1Ms = Date.parse(b.t1);
    // Whole milliseconds, as the intervals the positions' query makes of these seconds.
    const marginMs = Math.round(b.margin_s * 1000);
    const endMs = Math.round(b.end_s * 1000);
    const fromMs = t0Ms - marginMs;
    const toMs = t1Ms + marginMs;
    return {
      key: b.key, icao24: b.icao24, ring: b.ring,
      h0: new Date(Math.floor(fromMs / MAP_HOUR_MS) * MAP_HOUR_MS).toISOString(), h1: new Date(Math.floor(toMs / MAP_HOUR_MS) * MAP_HOUR_MS).toISOString(),
      from_ms: fromMs, to_ms: toMs, d0_ms: t0Ms + endMs, d1_ms: t1Ms - endMs,
    };
  });
  const mapped = await client.query<TrafficRow>(
    `WITH q AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS q(key text, icao24 char(6), ring int[], h0 timestamptz, h1 timestamptz,
                                                                from_ms float8, to_ms float8, d0_ms float8, d1_ms float8))
     SELECT q.key, v.icao24, bool_or(t.ms > q.d0_ms AND t.ms < q.d1_ms) AS during, bool_or(t.ms <= q.d0_ms) AS before, bool_or(t.ms >= q.d1_ms) AS after
       FROM q CROSS JOIN LATERAL (
              SELECT v.icao24, date_part('epoch', v.hour) * 1000 AS hour_ms, v.received_ms FROM reception_visits v
               WHERE v.cell = ANY(q.ring) AND v.hour >= q.h0 AND v.hour <= q.h1 AND v.received > 0 AND v.icao24 <> q.icao24) v
      CROSS JOIN LATERAL (SELECT v.hour_ms + o AS ms FROM unnest(v.received_ms) AS o) t
      WHERE t.ms >= q.from_ms AND t.ms <= q.to_ms
      GROUP BY q.key, v.icao24`,
    [JSON.stringify(windows)],
  );
  const unmapped = await client.query<TrafficRow>(
    `WITH q AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS q(key text, icao24 char(6), ring int[], t0 timestamptz, t1 timestamptz,
                                                                margin_s float8, end_s float8, south float8, north float8, west float8, east float8))
     SELECT q.key, p.icao24,
            bool_or(p.time > q.t0 + make_interval(secs => q.end_s) AND p.time < q.t1 - make_interval(secs => q.end_s)) AS during,
            bool_or(p.time <= q.t0 + make_interval(secs => q.end_s)) AS before, bool_or(p.time >= q.t1 - make_interval(secs => q.end_s)) AS after
       FROM q CROSS JOIN LATERAL (
              SELECT p.icao24, p.time FROM positions p
               WHERE ${UNMAPPED_POSITION_SQL}
                 AND p.time >= q.t0 - make_interval(secs => q.margin_s) AND p.time <= q.t1 + make_interval(secs => q.margin_s)
                 AND p.lat_deg BETWEEN q.south AND q.north AND p.lon_deg BETWEEN q.west AND q.east AND p.icao24 <> q.icao24
                 AND ${gridCellSql("p.lat_deg", "p.lon_deg", cellDeg)} = ANY(q.ring)) p
      GROUP BY q.key, p.icao24`,
    [JSON.stringify(boxes)],
  );
  // One row per silence and aircraft, whichever of its positions told what, in a stable order.
  const rows = new Map<string, TrafficRow>();
  for (const row of [...mapped.rows, ...unmapped.rows]) {
    const id = `${row.key}\u0000${row.icao24}`;
    const seen = rows.get(id);
    if (!seen) rows.set(id, { ...row });
    else {
      seen.during ||= row.during;
      seen.before ||= row.before;
      seen.after ||= row.after;
    }
  }
  return [...rows.values()].sort((a, b) => (a.key === b.key ? a.icao24.localeCompare(b.icao24) : a.key < b.key ? -1 : 1));
}
