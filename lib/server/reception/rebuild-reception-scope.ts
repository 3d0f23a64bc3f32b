import "server-only";
import type pg from "pg";
import { DEFAULT_RECEPTION_CONFIG, type ReceptionConfig } from "../../core/model/reception-config";
import { altitudeBandSql, gridCellSql } from "../../core/reception/grid-cell";

/**
 * How far around a change of positions the visits change: a new position alters the silent
 * crossing it ends (up to a bridge away), the projection of a track's ends, and the sampling of
 * the hour beside it. Every scope is padded by this much.
 */
export const RECEPTION_SCOPE_PAD_S = DEFAULT_RECEPTION_CONFIG.bridgeMaxS + 2 * 3600;

/**
 * Rebuild the reception map for the aircraft and hours in the temporary table `reception_scope`
 * (icao24, from_hour, to_hour — both hours inclusive), inside the caller's transaction. Every
 * visit (aircraft × hour × cell × band) in scope is recomputed from the stored positions alone,
 * and `reception_cells` is kept equal to the sums of the visits by subtracting the old rows and
 * adding the new ones: the map never depends on the order or the split of the imports.
 *
 * A visit counts the aircraft's positions received there, and the positions its own sampling
 * predicts: its time there (between positions at most `denseMaxS` apart, and across silences up
 * to `bridgeMaxS` at a plausible speed, cut into `bridgeStepS` pieces) divided by its mean
 * sampling interval over that hour and the hours beside it. Silent crossings thus show as
 * expected-but-not-received: reception holes are measured, not guessed.
 * PostgreSQL does the work (window functions over the primary key's order): nothing is held in memory here.
 * Hours are UTC hours whatever a session's zone (date_trunc(…, 'UTC')): the sessions a Citus
 * coordinator opens on its workers take the workers' zone, not the coordinator's.
 */
export async function rebuildReceptionScope(client: pg.ClientBase, config: ReceptionConfig = DEFAULT_RECEPTION_CONFIG): Promise<void> {
  const cell = (lat: string, lon: string) => gridCellSql(lat, lon, config.cellDeg);
  const band = (alt: string, ground: string) => altitudeBandSql(alt, ground, config.bandFloorsFt);
  const bridge = `interval '${config.bridgeMaxS} seconds'`;
  await client.query(`ANALYZE reception_scope`);
  // Visits of hour h depend on positions from h − bridge − 1 h (pairs that reach into h, and the
  // sampling of their first hour) to h + 1 h + bridge + 1 h (the next position, the sampling after).
  // The scope's positions first, into a private table with fresh statistics: the plan of what
  // follows must not hang on `positions`' statistics, stale right after an import's COPY (the
  // rows are not committed yet, and autovacuum may just have counted a partition empty). LATERAL
  // keeps the scope outside, so each aircraft reads its range through the primary key.
  await client.query(`
    CREATE TEMP TABLE reception_pts ON COMMIT DROP AS
    SELECT p.icao24, p.time, p.lat_deg AS lat, p.lon_deg AS lon,
           coalesce(p.altitude_baro_ft, p.altitude_geo_ft) AS alt, p.on_ground AS ground,
           p.ground_speed_kt AS gs, p.track_deg AS trk, s.from_hour, s.to_hour
      FROM reception_scope s
     CROSS JOIN LATERAL (
       SELECT * FROM positions p WHERE p.icao24 = s.icao24
          AND p.time >= s.from_hour - ${bridge} - interval '1 hour'
          AND p.time < s.to_hour + interval '2 hours' + ${bridge}) p`);
  await client.query(`ANALYZE reception_pts`);
  await client.query(`
    CREATE TEMP TABLE reception_new ON COMMIT DROP AS
    WITH pts AS (SELECT * FROM reception_pts), seg AS (
      SELECT icao24, from_hour, to_hour, time AS t0, lat AS lat0, lon AS lon0, alt AS alt0, ground AS g0, gs AS gs0, trk AS trk0,
             extract(epoch FROM time - lag(time) OVER w)::float8 AS dt_before,
             lead(time) OVER w AS t1, lead(lat) OVER w AS lat1, lead(lon) OVER w AS lon1,
             lead(alt) OVER w AS alt1, lead(ground) OVER w AS g1,
             extract(epoch FROM lead(time) OVER w - time)::float8 AS dt
        FROM pts WINDOW w AS (PARTITION BY icao24 ORDER BY time)
    ), open_ends AS (
      -- The few positions that start or end a track in the air, selected before anything is projected.
      SELECT s.*, 1 AS dir FROM seg s
       WHERE NOT s.g0 AND s.alt0 IS NOT NULL AND s.trk0 IS NOT NULL AND s.gs0 >= ${config.bridgeMinSpeedKt}
         AND (s.dt IS NULL OR s.dt > ${config.bridgeMaxS})
      UNION ALL
      SELECT s.*, -1 FROM seg s
       WHERE NOT s.g0 AND s.alt0 IS NOT NULL AND s.trk0 IS NOT NULL AND s.gs0 >= ${config.bridgeMinSpeedKt}
         AND (s.dt_before IS NULL OR s.dt_before > ${config.bridgeMaxS})
    ), dense AS (
      SELECT icao24, date_trunc('hour', t0, 'UTC') AS hour, count(*) AS pairs, sum(dt) AS seconds
        FROM seg WHERE dt > 0 AND dt <= ${config.denseMaxS} GROUP BY 1, 2
    ), sampling AS (
      -- Mean interval over the hour and the hours beside it: an hour with few pairs borrows its neighbours'.
      SELECT h.icao24, h.hour, sum(d.seconds) / sum(d.pairs) AS interval_s
        FROM (SELECT DISTINCT icao24, date_trunc('hour', t0, 'UTC') AS hour FROM seg) h
        JOIN dense d ON d.icao24 = h.icao24 AND d.hour BETWEEN h.hour - interval '1 hour' AND h.hour + interval '1 hour'
       GROUP BY 1, 2
    ), expected AS (
      SELECT s.icao24, s.from_hour, s.to_hour, date_trunc('hour', s.t0, 'UTC') AS hour, ${cell("s.lat0", "s.lon0")} AS cell,
             ${band("s.alt0", "s.g0")} AS band, s.dt / r.interval_s AS positions
        FROM seg s JOIN sampling r ON r.icao24 = s.icao24 AND r.hour = date_trunc('hour', s.t0, 'UTC')
       WHERE s.dt > 0 AND s.dt <= ${config.denseMaxS}
      UNION ALL
      SELECT s.icao24, s.from_hour, s.to_hour, date_trunc('hour', s.t0 + (k + 0.5) * (s.t1 - s.t0) / n.pieces, 'UTC') AS hour,
             ${cell("s.lat0 + (k + 0.5) / n.pieces * (s.lat1 - s.lat0)", "s.lon0 + (k + 0.5) / n.pieces * (s.lon1 - s.lon0)")} AS cell,
             ${band("least(s.alt0, s.alt1)", "false")} AS band, (s.dt / n.pieces) / r.interval_s AS positions
        FROM seg s
        JOIN sampling r ON r.icao24 = s.icao24 AND r.hour = date_trunc('hour', s.t0, 'UTC')
        CROSS JOIN LATERAL (SELECT ceil(s.dt / ${config.bridgeStepS})::int AS pieces) n
        CROSS JOIN LATERAL generate_series(0, n.pieces - 1) k
       WHERE s.dt > ${config.denseMaxS} AND s.dt <= ${config.bridgeMaxS} AND NOT s.g0 AND NOT s.g1
         AND s.alt0 IS NOT NULL AND s.alt1 IS NOT NULL
         AND abs(s.lon1 - s.lon0) < 180
         AND 6371.0088 * 2 * asin(sqrt(power(sin(radians(s.lat1 - s.lat0) / 2), 2)
               + cos(radians(s.lat0)) * cos(radians(s.lat1)) * power(sin(radians(s.lon1 - s.lon0) / 2), 2)))
             / 1.852 / (s.dt / 3600) BETWEEN ${config.bridgeMinSpeedKt} AND ${config.bridgeMaxSpeedKt}
      UNION ALL
      -- A track that starts or ends in the air: flown on unheard, projected along its track at its speed.
      SELECT s.icao24, s.from_hour, s.to_hour, date_trunc('hour', s.t0 + s.dir * (k + 0.5) * make_interval(secs => ${config.bridgeStepS}), 'UTC') AS hour,
             ${cell("o.lat", "o.lon")} AS cell, ${band("s.alt0", "false")} AS band, ${config.bridgeStepS} / r.interval_s AS positions
        FROM open_ends s
        JOIN sampling r ON r.icao24 = s.icao24 AND r.hour = date_trunc('hour', s.t0, 'UTC')
        CROSS JOIN LATERAL generate_series(0, ${Math.ceil(config.openEndProjectionS / config.bridgeStepS) - 1}) k
        CROSS JOIN LATERAL (SELECT radians(s.lat0) AS phi, radians(s.trk0 + CASE WHEN s.dir = 1 THEN 0 ELSE 180 END) AS theta,
                                   s.gs0 * 1.852 * ((k + 0.5) * ${config.bridgeStepS} / 3600.0) / 6371.0088 AS delta) g
        CROSS JOIN LATERAL (SELECT asin(sin(g.phi) * cos(g.delta) + cos(g.phi) * sin(g.delta) * cos(g.theta)) AS phi2) h
        CROSS JOIN LATERAL (SELECT degrees(h.phi2) AS lat,
                                   s.lon0 + degrees(atan2(sin(g.theta) * sin(g.delta) * cos(g.phi), cos(g.delta) - sin(g.phi) * sin(h.phi2))) AS lon) o
    ), received AS (
      SELECT icao24, from_hour, to_hour, date_trunc('hour', time, 'UTC') AS hour, ${cell("lat", "lon")} AS cell,
             ${band("alt", "ground")} AS band, count(*)::int AS n
        FROM pts GROUP BY 1, 2, 3, 4, 5, 6
    ), visits AS (
      SELECT coalesce(r.icao24, e.icao24) AS icao24, coalesce(r.hour, e.hour) AS hour, coalesce(r.cell, e.cell) AS cell,
             coalesce(r.band, e.band) AS band, coalesce(r.n, 0) AS received,
             coalesce(round(e.positions * 1000), 0)::bigint AS expected_milli,
             coalesce(r.from_hour, e.from_hour) AS from_hour, coalesce(r.to_hour, e.to_hour) AS to_hour
        FROM received r
        FULL JOIN (SELECT icao24, from_hour, to_hour, hour, cell, band, sum(positions) AS positions
                     FROM expected WHERE band IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6) e
          ON e.icao24 = r.icao24 AND e.hour = r.hour AND e.cell = r.cell AND e.band = r.band
       WHERE r.band IS NOT NULL OR e.band IS NOT NULL
    )
    SELECT icao24, hour, cell, band, received, expected_milli FROM visits
     WHERE hour BETWEEN from_hour AND to_hour AND (received > 0 OR expected_milli > 0)`);

  // Subtract what the scope's old visits added to the map, then add the new ones. Keys are
  // written in one order so that two imports touching the same cells wait, never deadlock.
  await client.query(`
    WITH old AS (
      DELETE FROM reception_visits v USING reception_scope s
       WHERE v.icao24 = s.icao24 AND v.hour BETWEEN s.from_hour AND s.to_hour
      RETURNING v.cell, v.band, v.hour, v.received, v.expected_milli
    ), delta AS (
      SELECT cell, band, hour, sum(received) AS received, sum(expected_milli) AS expected_milli,
             count(*) AS visits, count(*) FILTER (WHERE received > 0) AS visits_received, -1 AS sign FROM old GROUP BY 1, 2, 3
      UNION ALL
      SELECT cell, band, hour, sum(received), sum(expected_milli), count(*), count(*) FILTER (WHERE received > 0), 1
        FROM reception_new GROUP BY 1, 2, 3
    )
    INSERT INTO reception_cells AS c (cell, band, hour, received, expected_milli, visits, visits_received)
    SELECT cell, band, hour, sum(sign * received), sum(sign * expected_milli), sum(sign * visits), sum(sign * visits_received)
      FROM delta GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (cell, band, hour) DO UPDATE SET
      received = c.received + EXCLUDED.received, expected_milli = c.expected_milli + EXCLUDED.expected_milli,
      visits = c.visits + EXCLUDED.visits, visits_received = c.visits_received + EXCLUDED.visits_received`);
  await client.query(`INSERT INTO reception_visits (icao24, hour, cell, band, received, expected_milli) SELECT * FROM reception_new`);
  // The scope's hours as values: Citus refuses a subquery on a temporary table in a write to a reference table.
  const span = await client.query<{ from_hour: Date | null; to_hour: Date | null }>(
    `SELECT min(from_hour) AS from_hour, max(to_hour) AS to_hour FROM reception_scope`,
  );
  await client.query(`DELETE FROM reception_cells WHERE visits <= 0 AND hour BETWEEN $1 AND $2`, [
    span.rows[0]?.from_hour ?? null,
    span.rows[0]?.to_hour ?? null,
  ]);
  await client.query(`DROP TABLE reception_new, reception_pts`);
}
