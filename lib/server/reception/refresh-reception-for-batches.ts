import "server-only";
import type pg from "pg";
import { DEFAULT_DETECTION_CONFIG } from "../../core/model/detection-config";
import { regradeReachS } from "../../core/model/reception-config";
import type { ReceptionScopeRow } from "./stream-scope-visits";
import { RECEPTION_SCOPE_PAD_S, rebuildReceptionFor } from "./rebuild-reception-scope";

/**
 * For a group of committed batches whose positions and detection requests are stored (called by
 * refreshPendingReception, in the detection run's transaction):
 * 1. rebuild the reception map for the aircraft and hours the batches touched (their
 *    detection_requests, which a re-import also fills with the replaced positions' windows),
 *    with a bridge and two sampling hours either side: a new position changes the silent
 *    crossing it ends and the sampling around it. One rebuild for the group: each aircraft's
 *    hours are the union of its batches' (overlapping ones merged), and a visit depends on the
 *    stored positions alone, so the map is the one that rebuilding each batch in turn leaves;
 * 2. queue for re-detection every aircraft whose stored silences the batches can re-grade: a gap
 *    whose map history window or own window overlaps the group's time span, and, when the group
 *    extends the end of the data (the batches the map took in before it), every flight that
 *    ended airborne shortly before the old end (its open gap may now exist or last longer). Taken
 *    one at a time, each batch would queue a subset of these (a narrower span, a later old end):
 *    re-detecting more gives the same flags.
 * So the same positions give the same flags whatever the order and the split of the imports.
 */
export async function refreshReceptionForBatches(client: pg.ClientBase, batchIds: readonly string[]): Promise<void> {
  if (batchIds.length === 0) return;
  const { reception, gaps } = DEFAULT_DETECTION_CONFIG;
  // Each aircraft's padded hours per batch, then runs of overlapping or touching ranges as one
  // (a running maximum of the ends before each range says whether it starts a new run).
  const scope = await client.query<ReceptionScopeRow>(
    `WITH b AS (
       SELECT icao24, date_trunc('hour', min(window_start) - make_interval(secs => $2), 'UTC') AS f,
              date_trunc('hour', max(window_end) + make_interval(secs => $2), 'UTC') AS t
         FROM detection_requests WHERE batch_id = ANY($1::bigint[]) GROUP BY icao24, batch_id
     ), m AS (
       SELECT icao24, f, t, max(t) OVER (PARTITION BY icao24 ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_t FROM b
     ), r AS (
       SELECT icao24, f, t, count(*) FILTER (WHERE before_t IS NULL OR before_t < f - interval '1 hour')
                              OVER (PARTITION BY icao24 ORDER BY f, t) AS run FROM m
     )
     SELECT icao24, min(f) AS from_hour, max(t) AS to_hour FROM r GROUP BY icao24, run ORDER BY icao24, from_hour`,
    [batchIds, RECEPTION_SCOPE_PAD_S],
  );
  await rebuildReceptionFor(client, scope.rows, reception);

  // The group's window and the old end of the data as values first: a Citus cluster refuses
  // joining them into the distributed scan below.
  const span = await client.query<{ ws: Date | null; we: Date | null; data_end: Date | null }>(
    `SELECT (SELECT min(window_start) FROM detection_requests WHERE batch_id = ANY($1::bigint[])) AS ws,
            (SELECT max(window_end) FROM detection_requests WHERE batch_id = ANY($1::bigint[])) AS we,
            (SELECT max(last_time) FROM import_batches
              WHERE id <> ALL($1::bigint[]) AND status = 'COMMITTED' AND map_refreshed_at IS NOT NULL) AS data_end`,
    [batchIds],
  );
  const { ws, we, data_end: dataEnd } = span.rows[0] ?? { ws: null, we: null, data_end: null };
  if (!ws || !we) return;
  await client.query(
    `INSERT INTO detection_requests (icao24, window_start, window_end, batch_id)
     SELECT a.icao24, $4::timestamptz, $5::timestamptz, $1 FROM (
       SELECT g.icao24 FROM gap_events g
        WHERE g.off_time <= $5::timestamptz + make_interval(secs => $2)
          AND coalesce(g.on_time, g.off_time + make_interval(secs => $3)) >= $4::timestamptz - make_interval(secs => $2)
       UNION
       SELECT f.icao24 FROM flights f
        WHERE $5::timestamptz > $6::timestamptz AND f.last_seen >= $6::timestamptz - make_interval(secs => $3)
     ) a`,
    [batchIds.at(-1), regradeReachS(reception), gaps.maxOpenS, ws, we, dataEnd],
  );
}
