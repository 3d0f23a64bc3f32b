import "server-only";
import type pg from "pg";
import type { CellReception, SilenceObservations, SilenceQuery } from "../../core/reception/silence-observations";
import { gridCellBounds, gridCellRing, gridCellSql } from "../../core/reception/grid-cell";
import { DEFAULT_RECEPTION_CONFIG, type ReceptionConfig } from "../../core/model/reception-config";

/**
 * Answer the grading's questions about many silences at once (three queries, whatever their number):
 * - the reception map over each silence's history window, for the cells inside its path at its
 *   altitude band, with the aircraft's own visits taken out (GFW builds its map only from vessels
 *   known to be transmitting: a silent aircraft must not vouch for or against itself);
 * - the other aircraft around it: received strictly during the silence in those cells or next to
 *   them (witnesses), or heard there just before and after but not during it (quiet too).
 */
export async function loadSilenceObservations(
  client: pg.ClientBase,
  queries: readonly SilenceQuery[],
  config: ReceptionConfig = DEFAULT_RECEPTION_CONFIG,
): Promise<Map<string, SilenceObservations>> {
  const answers = new Map<string, SilenceObservations>();
  const asked = queries.filter((q) => q.cells.length > 0);
  for (const q of queries) answers.set(q.key, { cells: [], witnesses: [], quiet: [], alive: 0, aliveBefore: 0 });
  if (asked.length === 0) return answers;

  const mapRows = asked.flatMap((q) =>
    q.cells.map((c) => ({
      key: q.key,
      icao24: q.icao24,
      cell: c.cell,
      band: c.band,
      h0: new Date(q.historyFromMs).toISOString(),
      h1: new Date(q.historyToMs).toISOString(),
      // The hours the silence spans and the hour either side (an outage lasts its own while): other aircraft's crossings then.
      n0: new Date(Math.floor(q.fromMs / HOUR_MS) * HOUR_MS - HOUR_MS).toISOString(),
      n1: new Date(Math.ceil(q.toMs / HOUR_MS) * HOUR_MS + HOUR_MS).toISOString(),
    })),
  );
  const sums = await client.query<{
    key: string; cell: number; received: number; expected: number; visits: number; visits_received: number; visits_then: number; visits_received_then: number; own: boolean;
  }>(
    `WITH q AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS q(key text, icao24 text, cell int, band int, h0 timestamptz, h1 timestamptz,
                                                                n0 timestamptz, n1 timestamptz))
     SELECT q.key, c.cell, sum(c.received)::float8 AS received, (sum(c.expected_milli) / 1000.0)::float8 AS expected,
            sum(c.visits)::int AS visits, sum(c.visits_received)::int AS visits_received,
            coalesce(sum(c.visits) FILTER (WHERE c.hour >= q.n0 AND c.hour < q.n1), 0)::int AS visits_then,
            coalesce(sum(c.visits_received) FILTER (WHERE c.hour >= q.n0 AND c.hour < q.n1), 0)::int AS visits_received_then, false AS own
       FROM q JOIN reception_cells c ON c.cell = q.cell AND c.band = q.band AND c.hour >= q.h0 AND c.hour < q.h1
      GROUP BY q.key, c.cell
     UNION ALL
     SELECT q.key, v.cell, sum(v.received)::float8, (sum(v.expected_milli) / 1000.0)::float8,
            count(*)::int, (count(*) FILTER (WHERE v.received > 0))::int,
            (count(*) FILTER (WHERE v.hour >= q.n0 AND v.hour < q.n1))::int,
            (count(*) FILTER (WHERE v.received > 0 AND v.hour >= q.n0 AND v.hour < q.n1))::int, true
       FROM q JOIN reception_visits v ON v.icao24 = q.icao24 AND v.cell = q.cell AND v.band = q.band
                                     AND v.hour >= q.h0 AND v.hour < q.h1
      GROUP BY q.key, v.cell`,
    [JSON.stringify(mapRows)],
  );
  const cellSums = new Map<string, Map<number, CellReception>>();
  for (const row of sums.rows) {
    let byCell = cellSums.get(row.key);
    if (!byCell) cellSums.set(row.key, (byCell = new Map()));
    const sign = row.own ? -1 : 1;
    const sum = byCell.get(row.cell) ?? { cell: row.cell, received: 0, expected: 0, visits: 0, visitsReceived: 0, visitsThen: 0, visitsReceivedThen: 0 };
    byCell.set(row.cell, {
      cell: row.cell,
      received: sum.received + sign * row.received,
      expected: sum.expected + sign * row.expected,
      visits: sum.visits + sign * row.visits,
      visitsReceived: sum.visitsReceived + sign * row.visits_received,
      visitsThen: sum.visitsThen + sign * row.visits_then,
      visitsReceivedThen: sum.visitsReceivedThen + sign * row.visits_received_then,
    });
  }

  const trafficRows = asked.map((q) => {
    const ring = [...new Set(q.cells.flatMap((c) => gridCellRing(c.cell, config.cellDeg)))].sort((a, b) => a - b);
    const bounds = ring.map((c) => gridCellBounds(c, config.cellDeg));
    return {
      key: q.key,
      icao24: q.icao24,
      ring,
      t0: new Date(q.fromMs).toISOString(),
      t1: new Date(q.toMs).toISOString(),
      margin_s: q.marginMs / 1000,
      end_s: q.endMarginMs / 1000,
      south: Math.min(...bounds.map((b) => b.south)),
      north: Math.max(...bounds.map((b) => b.north)),
      west: Math.min(...bounds.map((b) => b.west)),
      east: Math.max(...bounds.map((b) => b.east)),
    };
  });
  const traffic = await client.query<{ key: string; icao24: string; during: boolean; before: boolean; after: boolean }>(
    `WITH q AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS q(key text, icao24 text, ring int[], t0 timestamptz, t1 timestamptz,
                                                                margin_s float8, end_s float8, south float8, north float8, west float8, east float8))
     SELECT q.key, p.icao24,
            bool_or(p.time > q.t0 + make_interval(secs => q.end_s) AND p.time < q.t1 - make_interval(secs => q.end_s)) AS during,
            bool_or(p.time <= q.t0 + make_interval(secs => q.end_s)) AS before, bool_or(p.time >= q.t1 - make_interval(secs => q.end_s)) AS after
       FROM q CROSS JOIN LATERAL (
              SELECT p.icao24, p.time FROM positions p
               WHERE p.time >= q.t0 - make_interval(secs => q.margin_s) AND p.time <= q.t1 + make_interval(secs => q.margin_s)
                 AND p.lat_deg BETWEEN q.south AND q.north AND p.lon_deg BETWEEN q.west AND q.east AND p.icao24 <> q.icao24
                 AND ${gridCellSql("p.lat_deg", "p.lon_deg", config.cellDeg)} = ANY(q.ring)) p
      GROUP BY q.key, p.icao24`,
    [JSON.stringify(trafficRows)],
  );
  const witnesses = new Map<string, string[]>();
  const quiet = new Map<string, string[]>();
  for (const row of traffic.rows) {
    const icao24 = row.icao24.trim();
    if (row.during) witnesses.set(row.key, [...(witnesses.get(row.key) ?? []), icao24]);
    else if (row.before && row.after) quiet.set(row.key, [...(quiet.get(row.key) ?? []), icao24]);
  }
  const alive = await countAliveAround(client, asked, trafficRows);
  for (const q of asked) {
    answers.set(q.key, {
      cells: [...(cellSums.get(q.key)?.values() ?? [])].filter((c) => c.visits > 0),
      witnesses: witnesses.get(q.key) ?? [],
      quiet: quiet.get(q.key) ?? [],
      alive: alive.get(q.key)?.during ?? 0,
      aliveBefore: alive.get(q.key)?.before ?? 0,
    });
  }
  return answers;
}

const HOUR_MS = 3_600_000;

/** Aircraft seen at most per silence when checking that the feed was alive around it. */
const ALIVE_SAMPLE = 200;
/** The walk's step through a window, s (see countAliveAround). */
const SLICE_S = 30;

/**
 * Other aircraft received anywhere within each query's `aliveRadiusKm` of its path during the
 * silence (away from its ends), and in the `aliveLookbackMs` before it: traffic before and none
 * during means the feed or the receivers were down. Capped per silence (a busy sky needs no exact
 * count) on distinct aircraft, so the figure is the same whatever order the rows are stored in,
 * and walked slice by slice so a busy sky is not read to the end.
 */
async function countAliveAround(
  client: pg.ClientBase,
  asked: readonly SilenceQuery[],
  boxes: readonly { key: string; t0: string; t1: string; end_s: number; south: number; north: number; west: number; east: number }[],
): Promise<Map<string, { during: number; before: number }>> {
  const byKey = new Map(asked.map((q) => [q.key, q]));
  const rows = boxes.map((b) => {
    const q = byKey.get(b.key)!;
    const dLat = q.aliveRadiusKm / 111;
    const dLon = q.aliveRadiusKm / (111 * Math.max(0.2, Math.cos((((b.south + b.north) / 2) * Math.PI) / 180)));
    return { key: b.key, icao24: q.icao24, t0: b.t0, t1: b.t1, end_s: b.end_s, back_s: q.aliveLookbackMs / 1000, south: b.south - dLat, north: b.north + dLat, west: b.west - dLon, east: b.east + dLon };
  });
  // Capped counts need not read every position: each window (the silence away from its ends, the
  // lookback before it) is walked in slices of SLICE_S, remembering the aircraft seen, until the cap
  // is reached. A busy sky stops after a slice or two; the count is min(cap, distinct aircraft)
  // whatever the walk, as a LIMIT over DISTINCT gave.
  const windows = rows.flatMap((r) => {
    const t0Ms = Date.parse(r.t0);
    const t1Ms = Date.parse(r.t1);
    const box = { key: r.key, icao24: r.icao24, south: r.south, north: r.north, west: r.west, east: r.east };
    return [
      // Strictly inside (t0 + end, t1 - end), and inside [t0 - back, t0], as half-open ranges of
      // whole milliseconds (the positions' precision).
      { ...box, kind: "during", from_ms: Math.floor(t0Ms + r.end_s * 1000) + 1, to_ms: Math.ceil(t1Ms - r.end_s * 1000) },
      { ...box, kind: "before", from_ms: t0Ms - r.back_s * 1000, to_ms: t0Ms + 1 },
    ];
  });
  const { rows: walked } = await client.query<{ key: string; kind: string; n: number }>(
    `WITH RECURSIVE w AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS w(key text, kind text, icao24 text, from_ms float8, to_ms float8,
                                                       south float8, north float8, west float8, east float8)),
     walk AS (
       SELECT w.key, w.kind, w.from_ms AS at_ms, ARRAY[]::text[] AS seen FROM w
       UNION ALL
       SELECT walk.key, walk.kind, walk.at_ms + $2, walk.seen || ARRAY(
                SELECT DISTINCT p.icao24::text FROM positions p
                 WHERE p.time >= to_timestamp(walk.at_ms / 1000.0) AND p.time < to_timestamp(least(walk.at_ms + $2, w.to_ms) / 1000.0)
                   AND p.lat_deg BETWEEN w.south AND w.north AND p.lon_deg BETWEEN w.west AND w.east
                   AND p.icao24 <> w.icao24 AND p.icao24 <> ALL(walk.seen))
         FROM walk JOIN w ON w.key = walk.key AND w.kind = walk.kind
        WHERE walk.at_ms < w.to_ms AND cardinality(walk.seen) < ${ALIVE_SAMPLE})
     SELECT key, kind, least(max(cardinality(seen)), ${ALIVE_SAMPLE})::int AS n FROM walk GROUP BY key, kind`,
    [JSON.stringify(windows), SLICE_S * 1000],
  );
  const counts = rows.map((r) => ({
    key: r.key,
    during: walked.find((x) => x.key === r.key && x.kind === "during")?.n ?? 0,
    before: walked.find((x) => x.key === r.key && x.kind === "before")?.n ?? 0,
  }));
  return new Map(counts.map((r) => [r.key, { during: r.during, before: r.before }]));
}
