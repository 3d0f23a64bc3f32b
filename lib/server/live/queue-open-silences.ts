import "server-only";
import { dbPool } from "../db/pool";
import { clocksOfFixes, loadStreamClocks, recentWindows } from "./stream-clocks";

/**
 * An aircraft that went silent sends nothing, so no batch queues it for detection: its open gap
 * would never be graded while it lasts. Queue the current flight of every aircraft of interest
 * (a TYPE_OF_INTEREST flag) last heard between `maxOpenS` and `quietS` before its own clock (the
 * feed that last heard it: stream-clocks.ts), so the next run grades its open silence against the
 * traffic received since ("dark now").
 * @returns how many flights were queued
 */
export async function queueOpenSilences(quietS: number, maxOpenS: number): Promise<number> {
  const pool = dbPool();
  const clocks = await loadStreamClocks(pool);
  if (!clocks) return 0;
  // Every flight some clock could find quiet, then each against its own clock.
  const rows: { icao24: string; last_seen: Date }[] = [];
  for (const w of recentWindows(clocks, maxOpenS * 1000)) {
    const found = await pool.query<{ icao24: string; last_seen: Date }>(
      `SELECT f.icao24, f.last_seen FROM flights f
        WHERE f.last_seen > $1 AND f.last_seen < $2
          AND EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id AND g.kind = 'TYPE_OF_INTEREST')
          AND NOT EXISTS (SELECT 1 FROM detection_requests d WHERE d.icao24 = f.icao24)`,
      [new Date(w.fromMs), new Date(w.toMs - quietS * 1000)],
    );
    rows.push(...found.rows);
  }
  const own = await clocksOfFixes(pool, clocks, rows.map((r) => ({ icao24: r.icao24, time: r.last_seen })));
  const due = rows.filter((r, i) => {
    const silentMs = own[i]! - r.last_seen.getTime();
    return silentMs > quietS * 1000 && silentMs < maxOpenS * 1000;
  });
  if (due.length === 0) return 0;
  await pool.query(
    `INSERT INTO detection_requests (icao24, window_start, window_end) SELECT icao24, t, t FROM unnest($1::char(6)[], $2::timestamptz[]) AS d(icao24, t)`,
    [due.map((r) => r.icao24), due.map((r) => r.last_seen)],
  );
  return due.length;
}
