import "server-only";
import type pg from "pg";
import { DEFAULT_DETECTION_CONFIG } from "../../core/model/detection-config";
import { RECEPTION_SCOPE_PAD_S, rebuildReceptionScope } from "./rebuild-reception-scope";

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
  await client.query(
    `CREATE TEMP TABLE reception_scope ON COMMIT DROP AS
     SELECT icao24, date_trunc('hour', min(window_start) - make_interval(secs => $2)) AS from_hour,
            date_trunc('hour', max(window_end) + make_interval(secs => $2)) AS to_hour
       FROM detection_requests WHERE batch_id = $1 GROUP BY icao24`,
    [batchId, padS],
  );
  await rebuildReceptionScope(client, reception);
  await client.query(`DROP TABLE reception_scope`);

  const reachS = (reception.historyDays / 2) * 86_400 + 3600;
  await client.query(
    `WITH w AS (SELECT min(window_start) AS ws, max(window_end) AS we FROM detection_requests WHERE batch_id = $1),
          old AS (SELECT max(last_time) AS data_end FROM import_batches
                   WHERE id <> $1 AND status = 'COMMITTED' AND map_refreshed_at IS NOT NULL)
     INSERT INTO detection_requests (icao24, window_start, window_end, batch_id)
     SELECT a.icao24, w.ws, w.we, $1 FROM w, (
       SELECT g.icao24 FROM gap_events g, w
        WHERE g.off_time <= w.we + make_interval(secs => $2)
          AND coalesce(g.on_time, g.off_time + make_interval(secs => $3)) >= w.ws - make_interval(secs => $2)
       UNION
       SELECT f.icao24 FROM flights f, w, old
        WHERE w.we > old.data_end AND f.last_seen >= old.data_end - make_interval(secs => $3)
     ) a
      WHERE w.ws IS NOT NULL`,
    [batchId, reachS, gaps.maxOpenS],
  );
}
