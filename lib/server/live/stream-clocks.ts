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
  /** Each running feed's clock (the newest position of its last batch, epoch ms), by feed (its URL). */
  feedClocksMs: Map<string, number>;
}

/** null while no position is stored. */
export async function loadStreamClocks(db: pg.ClientBase | pg.Pool): Promise<StreamClocks | null> {
  const end = await db.query<{ ms: number | null }>(`SELECT (extract(epoch FROM max(time)) * 1000)::float8 AS ms FROM positions`);
  const dataEndMs = end.rows[0]?.ms ?? null;
  if (dataEndMs === null) return null;
  // One row per feed that ever ran: a handful.
  const feeds = await db.query<{ feed: string; clock_ms: number; committed_ms: number }>(
    `SELECT feed, (extract(epoch FROM stream_time) * 1000)::float8 AS clock_ms, (extract(epoch FROM committed_at) * 1000)::float8 AS committed_ms
       FROM live_feed_clocks`,
  );
  const runningSinceMs = Math.max(...feeds.rows.map((f) => f.committed_ms)) - STOPPED_FEED_MS;
  const running = feeds.rows.filter((f) => f.committed_ms >= runningSinceMs);
  return { dataEndMs, feedClocksMs: new Map(running.map((f) => [f.feed, f.clock_ms])) };
}

/**
 * Where the flights heard within `spanMs` before their clock can end: a stretch before each clock
 * (the end of the data and every running feed's), overlapping ones joined, oldest first. Asked
 * stretch by stretch, a recording of 2024 replayed beside a real-time feed does not make every
 * flight in between a candidate.
 * @example recentWindows({ dataEndMs: t, feedClocksMs: new Map([["sbs1://a:30003", t - 60_000]]) }, 3_600_000) // [{ fromMs: t - 3_660_000, toMs: t }]
 */
export function recentWindows(clocks: StreamClocks, spanMs: number): { fromMs: number; toMs: number }[] {
  const ends = [...new Set([clocks.dataEndMs, ...clocks.feedClocksMs.values()])].sort((a, b) => a - b);
  const windows: { fromMs: number; toMs: number }[] = [];
  for (const endMs of ends) {
    const last = windows.at(-1);
    if (last && endMs - spanMs <= last.toMs) last.toMs = endMs;
    else windows.push({ fromMs: endMs - spanMs, toMs: endMs });
  }
  return windows;
}

/**
 * The clock of each fix's aircraft, for fixes that are an aircraft's (or a flight's) last position:
 * a fix a running live feed stored is measured against that feed's newest position (a recording
 * replayed faster than real time beside a real-time feed runs ahead of it, and would make the
 * real-time feed's aircraft look silent); any other against the end of the data (imported files
 * are graded by it, as before feeds had clocks). Same order as `fixes`.
 * @example clocksOfFixes(client, clocks, [{ icao24: "0b04e2", time: flight.lastSeen }]) // [its feed's newest, ms]
 */
export async function clocksOfFixes(
  db: pg.ClientBase | pg.Pool,
  clocks: StreamClocks,
  fixes: readonly { icao24: string; time: Date }[],
): Promise<number[]> {
  const out = fixes.map(() => clocks.dataEndMs);
  if (fixes.length === 0 || clocks.feedClocksMs.size === 0) return out;
  // A join on the positions' key, not a correlated subquery: Citus takes it beside a reference table.
  const { rows } = await db.query<{ n: string; feed: string }>(
    `SELECT k.n::text AS n, b.file_name AS feed
       FROM unnest($1::char(6)[], $2::timestamptz[]) WITH ORDINALITY AS k(icao24, time, n)
       JOIN positions p ON p.icao24 = k.icao24 AND p.time = k.time
       JOIN import_batches b ON b.id = p.batch_id
      WHERE b.dataset = $3`,
    [fixes.map((f) => f.icao24), fixes.map((f) => f.time), LIVE_DATASET],
  );
  for (const r of rows) out[Number(r.n) - 1] = clocks.feedClocksMs.get(r.feed) ?? clocks.dataEndMs;
  return out;
}
