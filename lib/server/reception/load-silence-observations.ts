import "server-only";
import type pg from "pg";
import type { CellReception, SilenceObservations, SilenceQuery } from "../../core/reception/silence-observations";
import { gridCellBounds, gridCellRing } from "../../core/reception/grid-cell";
import { DEFAULT_RECEPTION_CONFIG, MAP_HOUR_MS, type ReceptionConfig } from "../../core/model/reception-config";
import { countAliveAround } from "./count-alive-around";
import { loadTrafficAround, type TrafficBox } from "./load-traffic-around";

/**
 * Answer the grading's questions about many silences at once (a few queries, whatever their number):
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
      n0: new Date(Math.floor(q.fromMs / MAP_HOUR_MS) * MAP_HOUR_MS - MAP_HOUR_MS).toISOString(),
      n1: new Date(Math.ceil(q.toMs / MAP_HOUR_MS) * MAP_HOUR_MS + MAP_HOUR_MS).toISOString(),
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

  const trafficRows = asked.map((q): TrafficBox => {
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
  const traffic = await loadTrafficAround(client, trafficRows, config.cellDeg);
  const witnesses = new Map<string, string[]>();
  const quiet = new Map<string, string[]>();
  for (const row of traffic) {
    const icao24 = row.icao24.trim();
    if (row.during) witnesses.set(row.key, [...(witnesses.get(row.key) ?? []), icao24]);
    else if (row.before && row.after) quiet.set(row.key, [...(quiet.get(row.key) ?? []), icao24]);
  }
  const alive = await countAliveAround(client, asked, trafficRows, config.cellDeg);
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
