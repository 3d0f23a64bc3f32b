import "server-only";
import type pg from "pg";
import { createDetectionContext, type DetectionContext } from "../../core/detection/detection-context";
import { DETECTOR_VERSION, detectPlanned, planAircraft } from "../../core/detection/detect-aircraft";
import { trackCutSilenceMs } from "../../core/flights/track-pieces";
import { receptionLookupOf } from "../../core/reception/silence-observations";
import { guardClient, type GuardedClient } from "../db/guard-client";
import { dbPool } from "../db/pool";
import { loadSilenceObservations } from "../reception/load-silence-observations";
import { refreshPendingReception } from "../reception/refresh-pending-reception";
import { findDetectionRanges, type DetectionRequestRow } from "./find-detection-ranges";
import { loadAircraftRefs } from "./load-aircraft-refs";
import { loadDetectionReference } from "./load-detection-reference";
import { storeDetectedFlights } from "./store-detected-flights";
import { streamDetectionSlices, type DetectionSlice } from "./stream-detection-slices";

export interface DetectionRunSummary {
  aircraft: number;
  positions: number;
  flights: number;
  flags: number;
  gaps: number;
  detectMs: number;
  totalMs: number;
}

export interface DetectionRunOptions {
  /** Every aircraft's whole history, instead of the queued requests. */
  all?: boolean;
  /** Called after each committed batch with the totals so far. */
  onProgress?: (progress: Omit<DetectionRunSummary, "totalMs">) => void;
  /** Positions per batch (default {@link BATCH_POSITIONS}). */
  batchPositions?: number;
}

/**
 * Positions per batch: each batch is loaded, graded, detected and committed before the next. A
 * position costs ~1-2 kB of heap while it is cleaned, built and graded (and V8 collects lazily):
 * 60,000 keep `detect --all` near 280 MB peak on 1-3 M positions (npm run bench:detect).
 */
const BATCH_POSITIONS = 60_000;

/**
 * Detect flights and flags. `all`: every aircraft's whole history. Otherwise what imports queued
 * (detection_requests): each aircraft's requested window, widened to the silences it can re-grade
 * and out to the track cuts around it (find-detection-ranges.ts). Positions stream in with one
 * COPY and go in batches of about `batchPositions`, cut only at track cuts: per batch, ask the
 * reception map and the traffic around every silence (load-silence-observations.ts), detect in the
 * pure core, store what replaces the detected ranges and drop the requests they answer, and
 * commit. A crash leaves the rest queued; readers see each range either old or new, and no flight
 * spans two ranges. One run at a time (a session advisory lock).
 */
export async function runDetection(options: DetectionRunOptions = {}): Promise<DetectionRunSummary> {
  const startedMs = performance.now();
  const summary = { aircraft: 0, positions: 0, flights: 0, flags: 0, gaps: 0, detectMs: 0 };
  const client = await dbPool().connect();
  // Held for the whole run: a connection that drops meanwhile must not end the process.
  const guard = guardClient(client);
  let loader: pg.PoolClient | null = null;
  let loaderGuard: GuardedClient | null = null;
  let loaderBroken = false;
  try {
    // Session-level: held across the batches' transactions, released below (or with the connection).
    await client.query("SELECT pg_advisory_lock(hashtext('darkflight-detection'))");
    // The silences' questions are many small lateral scans: compiling them (JIT) costs more than
    // running them, and their groupings fit in memory. Reset before the connection goes back.
    await client.query("SET jit = off; SET work_mem = '64MB'");
    // Imports only store positions: the reception map takes their batches in here, under the lock
    // (one map writer), before the queue is read (a batch queues the silences it can re-grade).
    await client.query("BEGIN");
    try {
      await refreshPendingReception(client);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
    const { rows } = await client.query<{ icao24: string; id: string }>(
      `SELECT icao24, id::text FROM detection_requests d
        -- A batch that committed after the refresh above waits for the next run (its map first).
        WHERE d.batch_id IS NULL OR NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = d.batch_id AND b.map_refreshed_at IS NULL)
        ORDER BY icao24, id`,
    );
    const requests: DetectionRequestRow[] = rows.map((r) => ({ icao24: r.icao24.trim(), id: r.id }));
    if (!options.all && requests.length === 0) return { ...summary, totalMs: performance.now() - startedMs };
    const reference = await loadDetectionReference(client, []);
    // The end of the data: an open gap lasts at most until then (and at most `maxOpenS`).
    const end = await client.query<{ end_ms: number | null }>(`SELECT (extract(epoch FROM max(time)) * 1000)::float8 AS end_ms FROM positions`);
    const context = createDetectionContext({ ...reference, dataEndMs: end.rows[0]?.end_ms ?? 0 });
    const ranges = options.all ? null : await findDetectionRanges(client, requests, context.config);
    const requestsOf = new Map<string, string[]>();
    if (options.all) for (const r of requests) requestsOf.set(r.icao24, [...(requestsOf.get(r.icao24) ?? []), r.id]);

    loader = await dbPool().connect();
    loaderGuard = guardClient(loader);
    const slices = streamDetectionSlices(loader, ranges, options.batchPositions ?? BATCH_POSITIONS, trackCutSilenceMs(context.config));
    // The next batch streams in (in columns) while this one is graded, detected and stored.
    let next = slices.next();
    try {
      for (let current = await next; !current.done; current = await next) {
        next = slices.next();
        await detectBatch(client, current.value.take(), context, summary, (icao24) => {
          const ids = requestsOf.get(icao24) ?? [];
          requestsOf.delete(icao24);
          return ids;
        });
        options.onProgress?.({ ...summary });
      }
    } catch (error) {
      loaderBroken = true;
      next.catch(() => undefined);
      await slices.return(undefined).catch(() => undefined);
      throw error;
    }
    // `all`: requests of aircraft without any position are answered too.
    const leftover = [...requestsOf.values()].flat();
    if (leftover.length) await client.query(`DELETE FROM detection_requests WHERE id = ANY($1::bigint[])`, [leftover]);
    return { ...summary, totalMs: performance.now() - startedMs };
  } finally {
    if (loaderBroken) loaderGuard?.markBroken();
    loaderGuard?.release();
    await client.query("RESET jit; RESET work_mem; SELECT pg_advisory_unlock(hashtext('darkflight-detection'))").catch(() => guard.markBroken());
    guard.release();
  }
}

/** Grade, detect and store one batch of slices, in one transaction with its requests' removal. */
async function detectBatch(
  client: pg.PoolClient,
  batch: DetectionSlice[],
  base: DetectionContext,
  summary: Omit<DetectionRunSummary, "totalMs">,
  requestsOfAll: (icao24: string) => string[],
): Promise<void> {
  const aircraft = await loadAircraftRefs(client, [...new Set(batch.map((s) => s.range.icao24))]);
  // Flights are built once; their silences' questions are answered in a few queries for the batch.
  let detectStartedMs = performance.now();
  const planned = batch.map((s) => planAircraft({ icao24: s.range.icao24, points: s.points, aircraft: aircraft.get(s.range.icao24) ?? null }, base));
  summary.detectMs += performance.now() - detectStartedMs;
  const queries = planned.flatMap((p) => p.queries);
  const reception = receptionLookupOf(await loadSilenceObservations(client, queries, base.config.reception));
  detectStartedMs = performance.now();
  const flights = planned.flatMap((p) => detectPlanned(p, { ...base, reception }));
  summary.detectMs += performance.now() - detectStartedMs;
  const answered = batch.filter((s) => s.endsRange).flatMap((s) => [...s.range.requestIds, ...requestsOfAll(s.range.icao24)]);
  await client.query("BEGIN");
  try {
    const stored = await storeDetectedFlights(client, batch.map((s) => s.replaces), flights, DETECTOR_VERSION);
    if (answered.length) await client.query(`DELETE FROM detection_requests WHERE id = ANY($1::bigint[])`, [answered]);
    await client.query("COMMIT");
    summary.flights += stored.flights;
    summary.flags += stored.flags;
    summary.gaps += stored.gaps;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  summary.aircraft += batch.filter((s) => s.endsRange && s.points.length > 0).length;
  summary.positions += batch.reduce((n, s) => n + s.points.length, 0);
}
