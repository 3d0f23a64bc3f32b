import "server-only";
import type { DailyCount } from "../../core/charts/positions-per-day-series";
import { isCitus } from "../db/is-citus";
import { dbPool } from "../db/pool";
import { cachedByVersion } from "../public/versioned-cache";

/** A backstop: the figures are never older than this, whatever the stamp missed. */
export const STATS_MAX_AGE_MS = 10_000;

export interface OverviewStats {
  positions: number;
  aircraft: number;
  flights: number;
  firstTime: string | null;
  lastTime: string | null;
  positionsPerDay: DailyCount[];
}

/**
 * What the data holds: stored positions, aircraft with positions, flights, the covered span and
 * positions per UTC day. Never a scan of the positions table: counts come from the stored
 * per-day aggregate, the span from the time index, aircraft from one index probe each. Kept
 * per data stamp for at most 10 s.
 */
export async function getOverviewStats(): Promise<OverviewStats> {
  return cachedByVersion("stats:overview", await getDataStamp(), computeOverviewStats, { maxAgeMs: STATS_MAX_AGE_MS });
}

/**
 * Changes when positions are imported or removed, or flights detected, merged or removed. On one
 * server: its transaction snapshot, which every committed write moves, whoever made it, and
 * which costs no table read. A Citus coordinator's snapshot misses the workers' writes: there,
 * the positions per day, the flights' id sequence and count (the count runs on the flights'
 * primary key alone, a small index next to the positions). STATS_MAX_AGE_MS backs up what it misses.
 */
export async function getDataStamp(): Promise<string> {
  const pool = dbPool();
  if (!(await isCitus(pool))) {
    const { rows } = await pool.query<{ stamp: string }>(`SELECT pg_current_snapshot()::text AS stamp`);
    return rows[0]!.stamp;
  }
  const { rows } = await pool.query<{ stamp: string }>(
    `SELECT (SELECT coalesce(sum(positions), 0) FROM position_day_counts)::text || '/' || (SELECT count(*) FROM position_day_counts)::text
            || '/' || (SELECT last_value FROM flights_id_seq)::text || '/' || (SELECT count(*) FROM flights)::text AS stamp`,
  );
  return rows[0]!.stamp;
}

async function computeOverviewStats(): Promise<OverviewStats> {
  const pool = dbPool();
  const [span, aircraft, flights, perDay] = await Promise.all([
    pool.query<{ first_time: Date | null; last_time: Date | null }>(
      `SELECT (SELECT min(time) FROM positions) AS first_time, (SELECT max(time) FROM positions) AS last_time`,
    ),
    pool.query<{ n: string }>(
      // One server probes the key per registered aircraft; a Citus cluster refuses that correlated
      // subquery beside a reference table, and counts the addresses on each shard instead (every
      // address with positions has its registry row: the importers write it).
      (await isCitus(pool))
        ? `SELECT count(DISTINCT icao24)::bigint AS n FROM positions`
        : `SELECT count(*)::bigint AS n FROM aircraft a WHERE EXISTS (SELECT 1 FROM positions p WHERE p.icao24 = a.icao24)`,
    ),
    pool.query<{ n: string }>(`SELECT count(*)::bigint AS n FROM flights`),
    pool.query<{ day: string; positions: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, positions::bigint AS positions FROM position_day_counts ORDER BY day`,
    ),
  ]);
  const positionsPerDay = perDay.rows.map((r) => ({ day: r.day, positions: Number(r.positions) }));
  return {
    positions: positionsPerDay.reduce((sum, d) => sum + d.positions, 0),
    aircraft: Number(aircraft.rows[0]?.n ?? 0),
    flights: Number(flights.rows[0]?.n ?? 0),
    firstTime: span.rows[0]?.first_time?.toISOString() ?? null,
    lastTime: span.rows[0]?.last_time?.toISOString() ?? null,
    positionsPerDay,
  };
}
