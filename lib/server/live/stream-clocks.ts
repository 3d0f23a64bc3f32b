import "server-only";
import type pg from "pg";
import { DEFAULT_DETECTION_CONFIG } from "../../core/model/detection-config";
import { LIVE_DATASET } from "../ingest/live-dataset";

/**
 * A live feed that committed nothing for this long while another one committed has stopped: the
 * aircraft it heard last go back to the end of the data, as they would without feed clocks (a
 * replay that ended would otherwise hold its silent aircraft "dark now" at its last clock forever).
 */
const STOPPED_FEED_MS = DEFAULT_DETECTION_CONFIG.gaps.maxOpenS * 1000;

/** The clocks silences are measured against, read once (see {@link clocksOfFixes}). */
export interface StreamClocks {
  /** The newest position stored from any source, epoch ms: the end of the data. */
  dataEndMs: number;
  /** The earliest clock an aircraft can have (the oldest running feed's, or the end of the data), epoch ms. */
  earliestMs: number;
  /** Feeds that committed at or after this (this machine's time, epoch ms) are running; null: no feed ever ran. */
  runningSinceMs: number | null;
}

/** null while no position is stored. */
export async function loadStreamClocks(db: pg.ClientBase | pg.Pool): Promise<StreamClocks | null> {
  const end = await db.query<{ ms: number | null }>(`SELECT (extract(epoch FROM max(time)) * 1000)::float8 AS ms FROM positions`);
  const dataEndMs = end.rows[0]?.ms ?? null;
  if (dataEndMs === null) return null;
  // One row per feed that ever ran: a handful.
  const feeds = await db.query<{ clock_ms: number; committed_ms: number }>(
    `SELECT (extract(epoch FROM stream_time) * 1000)::float8 AS clock_ms, (extract(epoch FROM committed_at) * 1000)::float8 AS committed_ms
       FROM live_feed_clocks`,
  );
  if (feeds.rows.length === 0) return { dataEndMs, earliestMs: dataEndMs, runningSinceMs: null };
  const runningSinceMs = Math.max(...feeds.rows.map((f) => f.committed_ms)) - STOPPED_FEED_MS;
  const running = feeds.rows.filter((f) => f.committed_ms >= runningSinceMs).map((f) => f.clock_ms);
  return { dataEndMs, earliestMs: Math.min(dataEndMs, ...running), runningSinceMs };
}

/**
 * The clock of each fix's aircraft, for fixes that are an aircraft's (or a flight's) last position:
 * a fix a running live feed stored is measured against that feed's newest position (a recording
 * replayed faster than real time beside a real-time feed runs ahead of it, and would make the
 * real-time feed's aircraft look silent); any other against the end of the data (imported files
 * are graded by it, as before feeds had clocks). Same order as `fixes`.
 * @example clocksOfFixes(client, clocks, [{ icao24: "0b04e2", time: flight.lastSeen }]) // [feed's newest, ms]
 */
export async function clocksOfFixes(
  db: pg.ClientBase | pg.Pool,
  clocks: StreamClocks,
  fixes: readonly { icao24: string; time: Date }[],
): Promise<number[]> {
  const out = fixes.map(() => clocks.dataEndMs);
  if (fixes.length === 0 || clocks.runningSinceMs === null) return out;
  // A join on the positions' key, not a correlated subquery: Citus takes it beside reference tables.
  const { rows } = await db.query<{ n: string; clock_ms: number }>(
    `SELECT k.n::text AS n, (extract(epoch FROM c.stream_time) * 1000)::float8 AS clock_ms
       FROM unnest($1::char(6)[], $2::timestamptz[]) WITH ORDINALITY AS k(icao24, time, n)
       JOIN positions p ON p.icao24 = k.icao24 AND p.time = k.time
       JOIN import_batches b ON b.id = p.batch_id
       JOIN live_feed_clocks c ON c.feed = b.file_name
      WHERE b.dataset = $4 AND c.committed_at >= $3`,
    [fixes.map((f) => f.icao24), fixes.map((f) => f.time), new Date(clocks.runningSinceMs), LIVE_DATASET],
  );
  for (const r of rows) out[Number(r.n) - 1] = r.clock_ms;
  return out;
}
