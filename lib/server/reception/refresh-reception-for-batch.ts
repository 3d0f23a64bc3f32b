import "server-only";
import type pg from "pg";
import { DEFAULT_DETECTION_CONFIG } from "../../core/model/detection-config";
import type { ReceptionScopeRow } from "./stream-scope-visits";
import { RECEPTION_SCOPE_PAD_S, rebuildReceptionFor } from "./rebuild-reception-scope";

/**
 * For one committed batch whose positions and detection requests are stored (called by
 * refreshPendingReception, in the detection run's transaction):
 * 1. rebuild the reception map for the aircraft and hours the batch touched (its
 *    detection_requests, which a re-import also fills with the replaced positions' windows),
 *    with a bridge and two sampling hours either side: a new position changes the silent
 *    crossing it ends and the sampling around it;
 * 2. queue for re-detection every aircraft whose stored silences the batch can re-grade: a gap
 *    whose map history window or own window overlaps the batch's time span, and, when the batch
 *    extends the end of the data (the batches the map took in before it), every flight that
 *    ended airborne shortly before the old end (its open gap may now exist or last longer).
 * So the same positions give the same flags whatever the order and the split of the imports.
 */
export async function refreshReceptionForBatch(client: pg.ClientBase, batchId: string): Promise<void> {
  const { reception, gaps } = DEFAULT_DETECTION_CONFIG;
  const padS = RECEPTION_SCOPE_PAD_S;
  const scope = await client.query<ReceptionScopeRow>(
    `SELECT icao24, date_trunc('hour', min(window_start) - make_interval(secs => $2), 'UTC') AS from_hour,
            date_trunc('hour', max(window_end) + make_interval(secs => $2), 'UTC') AS to_hour
       FROM detection_requests WHERE batch_id = $1 GROUP BY icao24 ORDER BY icao24`,
    [batchId, padS],
  );
  await rebuildReceptionFor(client, scope.rows, reception);

  const reachS = (reception.historyDays / 2) * 86_400 + 3600;
  // The batch's window and the old end of the data as values first: a Citus cluster refuses
  // joining them into the distributed scan below.
  const span = await client.query<{ ws: Date | null; we: Date | null; data_end: Date | null }>(
    `SELECT (SELECT min(window_start) FROM detection_requests WHERE batch_id = $1) AS ws,
            (SELECT max(window_end) FROM detection_requests WHERE batch_id = $1) AS we,
            (SELECT max(last_time) FROM import_batches
              WHERE id <> $1 AND status = 'COMMITTED' AND map_refreshed_at IS NOT NULL) AS data_end`,
    [batchId],
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
    [batchId, reachS, gaps.maxOpenS, ws, we, dataEnd],
  );
}
