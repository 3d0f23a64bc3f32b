import "server-only";
import { dbPool } from "../db/pool";

/**
 * An aircraft that went silent sends nothing, so no batch queues it for detection: its open gap
 * would never be graded while it lasts. Queue the current flight of every aircraft of interest
 * (a TYPE_OF_INTEREST flag) last heard between `maxOpenS` and `quietS` before the stream clock,
 * so the next run grades its open silence against the traffic received since ("dark now").
 * @returns how many aircraft were queued
 */
export async function queueOpenSilences(streamClockMs: number, quietS: number, maxOpenS: number): Promise<number> {
  const { rowCount } = await dbPool().query(
    `INSERT INTO detection_requests (icao24, window_start, window_end)
     SELECT f.icao24, f.last_seen, f.last_seen FROM flights f
      WHERE f.last_seen > $1 AND f.last_seen < $2
        AND EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id AND g.kind = 'TYPE_OF_INTEREST')
        AND NOT EXISTS (SELECT 1 FROM detection_requests d WHERE d.icao24 = f.icao24)`,
    [new Date(streamClockMs - maxOpenS * 1000), new Date(streamClockMs - quietS * 1000)],
  );
  return rowCount ?? 0;
}
