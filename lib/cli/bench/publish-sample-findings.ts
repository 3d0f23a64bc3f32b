import type pg from "pg";

/**
 * Publish every tenth flagged flight, straight in SQL (a benchmark's world, not an analyst's
 * work), and raise the publication version as the data layer does, so the public pages' cache
 * sees it.
 */
export async function publishSampleFindings(pool: pg.Pool): Promise<void> {
  await pool.query(
    `INSERT INTO reviews (icao24, flight_id, status, published, published_at)
     SELECT f.icao24, f.id, 'CONFIRMED', true, now() FROM flights f
      WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id) AND f.id % 10 = 0
     ON CONFLICT DO NOTHING`,
  );
  await pool.query(`UPDATE publication_version SET version = version + 1, changed_at = now() WHERE id = 1`);
}
