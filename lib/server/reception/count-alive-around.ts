import "server-only";
import type pg from "pg";
import { MAP_HOUR_MS } from "../../core/model/reception-config";
import type { SilenceQuery } from "../../core/reception/silence-observations";
import { boxCellSpans, type BoxCellSpans } from "../../core/reception/box-cell-spans";
import { UNMAPPED_POSITION_SQL } from "./load-traffic-around";

/**
 * The walk's first step through a window, s; each next step is {@link STEP_GROWTH} times as long.
 * One second already holds 20 aircraft in a busy sky (a 30 s first step read ~260 each, a third
 * of detection's PostgreSQL time for the silences: npm run bench:detect).
 */
const FIRST_SLICE_S = 1;
const STEP_GROWTH = 4;
/**
 * Steps read from positions (1, 4, 16 and 64 s); what is left of a window after them is read
 * from the map in one step. A minute of positions costs about as much as an hour of the map's
 * visits (at 11 M positions: ~330 positions a minute, ~790 visits an hour).
 */
const POSITION_STEPS = 4;

interface Window extends BoxCellSpans {
  key: string;
  kind: "during" | "before";
  icao24: string;
  cap: number;
  fromMs: number;
  toMs: number;
  south: number;
  north: number;
  west: number;
  east: number;
  seen: Set<string>;
}

/** One step of a window: [from_ms, to_ms) and its box. */
type Slice = Omit<Window, "cap" | "fromMs" | "toMs" | "seen"> & { from_ms: number; to_ms: number };

const sliceOf = ({ cap: _cap, fromMs, toMs: _toMs, seen: _seen, ...w }: Window, toMs: number): Slice => ({ ...w, from_ms: fromMs, to_ms: toMs });

/**
 * Other aircraft received anywhere within each query's `aliveRadiusKm` of its path during the
 * silence (away from its ends), and in the `aliveLookbackMs` before it: traffic before and none
 * during means the feed or the receivers were down. Capped per silence at its `aliveCountCap`
 * (a busy sky needs no exact count) on distinct aircraft, so the figure is the same whatever order
 * the rows are stored in.
 *
 * Capped counts need not read every position: all windows are walked together, one round of
 * queries per step, each step four times as long as the one before, remembering the aircraft
 * seen, and a window leaves the walk once it reaches the cap. A busy sky stops after a step or
 * two. (One recursive query did this before; a Citus cluster runs no recursive query over a
 * distributed table.)
 *
 * The first steps read positions by time. What is left of a window after them (an empty sky, a
 * long silence) is read from the reception map in one step: reading positions by time there
 * cost a heap page per row for the few kept (a 4-hour window read 113,000 to keep 1,363: most of
 * detection's PostgreSQL time at 11 M positions). A visit of a cell wholly inside the box,
 * received within the window, is such a position; what the map cannot vouch for is read from
 * positions:
 * - a visit of a cell on the box's edge: that aircraft's own positions between its first and last
 *   time there within the window (its primary key);
 * - positions in the air without an altitude, which the map leaves out (their partial index).
 * The count is the same as reading every position, for every batch the map has taken in
 * (detection refreshes the map first).
 */
export async function countAliveAround(
  client: pg.ClientBase,
  asked: readonly SilenceQuery[],
  boxes: readonly { key: string; t0: string; t1: string; end_s: number; south: number; north: number; west: number; east: number }[],
  cellDeg: number,
): Promise<Map<string, { during: number; before: number }>> {
  const byKey = new Map(asked.map((q) => [q.key, q]));
  const windows: Window[] = boxes.flatMap((b) => {
    const q = byKey.get(b.key)!;
    const dLat = q.aliveRadiusKm / 111;
    const dLon = q.aliveRadiusKm / (111 * Math.max(0.2, Math.cos((((b.south + b.north) / 2) * Math.PI) / 180)));
    const bounds = { south: b.south - dLat, north: b.north + dLat, west: b.west - dLon, east: b.east + dLon };
    const box = { key: b.key, icao24: q.icao24, cap: q.aliveCountCap, ...bounds, ...boxCellSpans(bounds, cellDeg) };
    const t0Ms = Date.parse(b.t0);
    const t1Ms = Date.parse(b.t1);
    return [
      // Strictly inside (t0 + end, t1 - end), and inside [t0 - back, t0], as half-open ranges of
      // whole milliseconds (the positions' precision).
      { ...box, kind: "during", fromMs: Math.floor(t0Ms + b.end_s * 1000) + 1, toMs: Math.ceil(t1Ms - b.end_s * 1000), seen: new Set<string>() },
      { ...box, kind: "before", fromMs: t0Ms - q.aliveLookbackMs, toMs: t0Ms + 1, seen: new Set<string>() },
    ];
  });
  const index = new Map(windows.map((w) => [`${w.key}\u0000${w.kind}`, w]));
  const windowOf = (row: { key: string; kind: string }) => index.get(`${row.key}\u0000${row.kind}`)!;
  const see = (rows: readonly { key: string; kind: string; icao24: string }[]) => {
    for (const row of rows) windowOf(row).seen.add(row.icao24.trim());
  };
  const under = (w: Window) => w.seen.size < w.cap;
  let open = windows.filter((w) => w.fromMs < w.toMs);
  let stepMs = FIRST_SLICE_S * 1000;
  for (let step = 0; step < POSITION_STEPS && open.length > 0; step++, stepMs *= STEP_GROWTH) {
    const slices = open.map((w) => sliceOf(w, Math.min(w.fromMs + stepMs, w.toMs)));
    see(await positionsInSlices(client, slices));
    for (const w of open) w.fromMs = Math.min(w.fromMs + stepMs, w.toMs);
    open = open.filter((w) => w.fromMs < w.toMs && under(w));
  }
  if (open.length > 0) {
    const slices = open.map((w) => sliceOf(w, w.toMs));
    const visited = await visitsInSlices(client, slices, cellDeg);
    see(visited.filter((v) => v.inside));
    see(await verifyEdges(client, visited.filter((v) => !v.inside && under(windowOf(v)) && !windowOf(v).seen.has(v.icao24.trim())), windowOf));
    see(await unmappedInSlices(client, slices.filter((s) => under(windowOf(s)))));
  }
  const counts = new Map<string, { during: number; before: number }>();
  for (const w of windows) {
    const count = counts.get(w.key) ?? { during: 0, before: 0 };
    count[w.kind] = Math.min(w.seen.size, w.cap);
    counts.set(w.key, count);
  }
  return counts;
}

interface VisitedRow {
  key: string;
  kind: string;
  icao24: string;
  /** Received in a cell wholly inside the box within the slice. */
  inside: boolean;
  /** Else its first and last time within the slice in the box's edge cells, ms. */
  lo_ms: number;
  hi_ms: number;
}

/** Per slice, the other aircraft with a position in its box within it. */
async function positionsInSlices(client: pg.ClientBase, slices: readonly Slice[]) {
  const { rows } = await client.query<{ key: string; kind: string; icao24: string }>(
    `SELECT DISTINCT w.key, w.kind, p.icao24
       FROM jsonb_to_recordset($1::jsonb) AS w(key text, kind text, icao24 char(6), from_ms float8, to_ms float8,
                                               south float8, north float8, west float8, east float8)
       JOIN positions p ON p.time >= to_timestamp(w.from_ms / 1000.0) AND p.time < to_timestamp(w.to_ms / 1000.0)
        AND p.lat_deg BETWEEN w.south AND w.north AND p.lon_deg BETWEEN w.west AND w.east
        AND p.icao24 <> w.icao24`,
    [JSON.stringify(slices.map(boxSlice))],
  );
  return rows;
}

const boxSlice = ({ key, kind, icao24, from_ms, to_ms, south, north, west, east }: Slice) => ({ key, kind, icao24, from_ms, to_ms, south, north, west, east });

/**
 * Per slice, the other aircraft the map saw received in the cells the box touches within it, and
 * when. A visit's times are in order: `width_bucket` finds by binary search how many came before
 * the slice's start and end, so the times inside it are never unnested. (No subquery per visit
 * either: Citus pushes no correlated subquery down.)
 */
async function visitsInSlices(client: pg.ClientBase, slices: readonly Slice[], cellDeg: number): Promise<VisitedRow[]> {
  const columns = Math.round(360 / cellDeg);
  const rows = slices.map((s) => ({
    ...s,
    h0: new Date(Math.floor(s.from_ms / MAP_HOUR_MS) * MAP_HOUR_MS).toISOString(),
    h1: new Date(s.to_ms).toISOString(),
  }));
  // The visit's times up to `ms` - 1 (whole ms, as the slices' ends are), counted in its hour.
  const before = (ms: string) => `width_bucket(least(greatest(${ms} - 1 - date_part('epoch', v.hour) * 1000, -1), ${MAP_HOUR_MS})::int, v.received_ms)`;
  const { rows: visited } = await client.query<VisitedRow>(
    `WITH w AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS w(key text, kind text, icao24 char(6), from_ms float8, to_ms float8, h0 timestamptz, h1 timestamptz,
                                                                row0 int, row1 int, col0 int, col1 int, in_row0 int, in_row1 int, in_col0 int, in_col1 int, wraps boolean))
     SELECT w.key, w.kind, v.icao24,
            bool_or(v.inside) AS inside, min(v.lo_ms) FILTER (WHERE NOT v.inside) AS lo_ms, max(v.hi_ms) FILTER (WHERE NOT v.inside) AS hi_ms
       FROM w CROSS JOIN LATERAL (
              SELECT v.icao24,
                     (v.cell / ${columns}) BETWEEN w.in_row0 AND w.in_row1 AND (v.cell % ${columns}) BETWEEN w.in_col0 AND w.in_col1 AS inside,
                     -- The first time at or after the start, the last before the end.
                     date_part('epoch', v.hour) * 1000 + v.received_ms[${before("w.from_ms")} + 1] AS lo_ms,
                     date_part('epoch', v.hour) * 1000 + v.received_ms[${before("w.to_ms")}] AS hi_ms
                FROM reception_visits v
               WHERE v.hour >= w.h0 AND v.hour < w.h1 AND v.received > 0 AND v.icao24 <> w.icao24
                 AND (v.cell / ${columns}) BETWEEN w.row0 AND w.row1
                 AND ((v.cell % ${columns}) BETWEEN w.col0 AND w.col1 OR (w.wraps AND v.cell % ${columns} = 0))
                 AND ${before("w.to_ms")} > ${before("w.from_ms")}) v
      GROUP BY w.key, w.kind, v.icao24`,
    [JSON.stringify(rows)],
  );
  return visited;
}

/** Of the aircraft seen only in a box's edge cells, those with a position inside the box then. */
async function verifyEdges(client: pg.ClientBase, edges: readonly VisitedRow[], windowOf: (row: VisitedRow) => Window) {
  if (edges.length === 0) return [];
  const rows = edges.map((e) => {
    const w = windowOf(e);
    return { key: e.key, kind: e.kind, icao24: e.icao24, lo_ms: e.lo_ms, hi_ms: e.hi_ms, south: w.south, north: w.north, west: w.west, east: w.east };
  });
  const { rows: verified } = await client.query<{ key: string; kind: string; icao24: string }>(
    `SELECT DISTINCT e.key, e.kind, e.icao24
       FROM jsonb_to_recordset($1::jsonb) AS e(key text, kind text, icao24 char(6), lo_ms float8, hi_ms float8, south float8, north float8, west float8, east float8)
      CROSS JOIN LATERAL (SELECT 1 FROM positions p WHERE p.icao24 = e.icao24
                            AND p.time >= to_timestamp(e.lo_ms / 1000.0) AND p.time <= to_timestamp(e.hi_ms / 1000.0)
                            AND p.lat_deg BETWEEN e.south AND e.north AND p.lon_deg BETWEEN e.west AND e.east) p`,
    [JSON.stringify(rows)],
  );
  return verified;
}

/** Per slice, the other aircraft received in its box without an altitude in the air (no visit of the map holds them). */
async function unmappedInSlices(client: pg.ClientBase, slices: readonly Slice[]) {
  if (slices.length === 0) return [];
  const { rows } = await client.query<{ key: string; kind: string; icao24: string }>(
    `SELECT DISTINCT w.key, w.kind, p.icao24
       FROM jsonb_to_recordset($1::jsonb) AS w(key text, kind text, icao24 char(6), from_ms float8, to_ms float8,
                                               south float8, north float8, west float8, east float8)
      CROSS JOIN LATERAL (
             SELECT p.icao24 FROM positions p
              WHERE ${UNMAPPED_POSITION_SQL}
                AND p.time >= to_timestamp(w.from_ms / 1000.0) AND p.time < to_timestamp(w.to_ms / 1000.0)
                AND p.lat_deg BETWEEN w.south AND w.north AND p.lon_deg BETWEEN w.west AND w.east
                AND p.icao24 <> w.icao24) p`,
    [JSON.stringify(slices.map(boxSlice))],
  );
  return rows;
}
