import "server-only";
import type pg from "pg";
import { GROUND_CUT_S, trackCutSilenceMs } from "../../core/flights/track-pieces";
import type { DetectionConfig } from "../../core/model/detection-config";
import { regradeReachS } from "../../core/model/reception-config";
import type { DetectionRange } from "./stream-detection-slices";

/** A queued request; its window is read from the table by the search below. */
export interface DetectionRequestRow {
  icao24: string;
  id: string;
}

/**
 * The time ranges an incremental detection must redo, per aircraft, from the queued requests:
 * - the request's window, widened to every stored silence of the aircraft whose grading the
 *   window can change (its map history window or the traffic around it reach the window: the same
 *   reach as refresh-reception-for-batches.ts), to its flight before the window (an open gap at the
 *   end of the data may now last longer), and `maxOpenS` before it;
 * - then out to the track cuts around it (track-pieces.ts): the first position of the piece it
 *   starts in, the last position of the piece it ends in. Detecting that range alone gives exactly
 *   the flights of the whole history there.
 * One range per aircraft (its requests' spans joined), sorted by aircraft.
 */
export async function findDetectionRanges(client: pg.ClientBase, requests: readonly DetectionRequestRow[], config: DetectionConfig): Promise<DetectionRange[]> {
  if (requests.length === 0) return [];
  const reachS = regradeReachS(config.reception);
  const byId = new Map(requests.map((r) => [r.id, r]));
  const { rows } = await client.query<{ ids: string[]; from_ms: number; to_ms: number }>(
    // Driven by the stored requests themselves (a table distributed by icao24, like everything
    // joined here): a Citus cluster then runs the whole search on the shards, each aircraft's
    // cut search beside its positions.
    `WITH r AS (SELECT icao24, id, window_start AS ws, window_end AS we FROM detection_requests WHERE id = ANY($1::bigint[])),
          x AS (SELECT r.id, r.icao24, least(r.ws - make_interval(secs => $3), g.first_off, pf.first_seen) AS t0, greatest(r.we, g.last_on) AS t1
                  FROM r
                  LEFT JOIN LATERAL (
                    SELECT min(g.off_time) AS first_off, max(coalesce(g.on_time, g.off_time + make_interval(secs => $3))) AS last_on
                      FROM gap_events g
                     WHERE g.icao24 = r.icao24 AND g.off_time <= r.we + make_interval(secs => $2)
                       AND coalesce(g.on_time, g.off_time + make_interval(secs => $3)) >= r.ws - make_interval(secs => $2)) g ON true
                  LEFT JOIN LATERAL (SELECT max(f.first_seen) AS first_seen FROM flights f WHERE f.icao24 = r.icao24 AND f.first_seen < r.ws) pf ON true),
          -- One span per aircraft before the cuts are searched: a month imported at once queues
          -- one request per file and aircraft, and each search may walk the aircraft's history.
          -- Detecting the span between requests too gives the same flights (it only costs time).
          a AS (SELECT icao24, min(t0) AS t0, max(t1) AS t1, array_agg(id::text) AS ids FROM x GROUP BY icao24)
     SELECT x.ids AS ids, (extract(epoch FROM coalesce(s.time, x.t0)) * 1000)::float8 AS from_ms,
            (extract(epoch FROM coalesce(e.time, x.t1)) * 1000)::float8 AS to_ms
       FROM a x
       LEFT JOIN LATERAL (
         SELECT q.time FROM (SELECT p.time, p.on_ground, lead(p.time) OVER w AS other_time, lead(p.on_ground) OVER w AS other_ground
                               FROM positions p WHERE p.icao24 = x.icao24 AND p.time <= x.t0 WINDOW w AS (ORDER BY p.time DESC)) q
          WHERE q.other_time IS NULL OR q.time - q.other_time > make_interval(secs => $4)
             OR (q.on_ground AND q.other_ground AND q.time - q.other_time >= make_interval(secs => $5))
          ORDER BY q.time DESC LIMIT 1) s ON true
       LEFT JOIN LATERAL (
         SELECT q.time FROM (SELECT p.time, p.on_ground, lead(p.time) OVER w AS other_time, lead(p.on_ground) OVER w AS other_ground
                               FROM positions p WHERE p.icao24 = x.icao24 AND p.time >= x.t1 WINDOW w AS (ORDER BY p.time)) q
          WHERE q.other_time IS NULL OR q.other_time - q.time > make_interval(secs => $4)
             OR (q.on_ground AND q.other_ground AND q.other_time - q.time >= make_interval(secs => $5))
          ORDER BY q.time LIMIT 1) e ON true`,
    [requests.map((r) => r.id), reachS, config.gaps.maxOpenS, trackCutSilenceMs(config) / 1000, GROUND_CUT_S],
  );
  return rows
    .map((row) => {
      const own = row.ids.map((id) => byId.get(id)!);
      return { icao24: own[0]!.icao24, fromMs: row.from_ms, toMs: row.to_ms, requestIds: own.map((r) => r.id) };
    })
    .sort((a, b) => a.icao24.localeCompare(b.icao24));
}
