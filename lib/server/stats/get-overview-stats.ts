import "server-only";
import type { DailyCount } from "../../core/charts/positions-per-day-series";
import { dbPool } from "../db/pool";

export interface OverviewStats {
  positions: number;
  aircraft: number;
  flights: number;
  firstTime: string | null;
  lastTime: string | null;
  positionsPerDay: DailyCount[];
}

/**
 * What the first page shows: stored positions, distinct aircraft seen in positions, flights,
 * the covered span and positions per UTC day. Plain numbers and ISO strings (no bigint).
 */
export async function getOverviewStats(): Promise<OverviewStats> {
  const pool = dbPool();
  const [totals, flights, perDay] = await Promise.all([
    pool.query<{ positions: string; aircraft: string; first_time: Date | null; last_time: Date | null }>(
      `SELECT count(*)::bigint AS positions, count(DISTINCT icao24)::bigint AS aircraft,
              min(time) AS first_time, max(time) AS last_time
         FROM positions`,
    ),
    pool.query<{ n: string }>(`SELECT count(*)::bigint AS n FROM flights`),
    pool.query<{ day: string; positions: string }>(
      `SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::bigint AS positions
         FROM positions GROUP BY 1 ORDER BY 1`,
    ),
  ]);
  const row = totals.rows[0];
  return {
    positions: Number(row?.positions ?? 0),
    aircraft: Number(row?.aircraft ?? 0),
    flights: Number(flights.rows[0]?.n ?? 0),
    firstTime: row?.first_time?.toISOString() ?? null,
    lastTime: row?.last_time?.toISOString() ?? null,
    positionsPerDay: perDay.rows.map((r) => ({ day: r.day, positions: Number(r.positions) })),
  };
}
