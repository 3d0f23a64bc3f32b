import "server-only";
import type pg from "pg";
import { createDetectionContext } from "../../core/detection/detection-context";
import { trackCutSilenceMs } from "../../core/flights/track-pieces";
import { guardClient, type GuardedClient } from "../db/guard-client";
import { dbPool } from "../db/pool";
import { refreshPendingReception } from "../reception/refresh-pending-reception";
import { findDetectionRanges, type DetectionRequestRow } from "./find-detection-ranges";
import { loadDetectionReference } from "./load-detection-reference";
import { streamDetectionSlices } from "./stream-detection-slices";
import { detectBatches, type DetectionTotals } from "./detect-batches";

export interface DetectionRunSummary extends DetectionTotals {
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
 * Positions per batch: each batch is loaded, graded, detected and committed in order, the next
 * one detected while this one is stored and the one after built (detect-batches.ts), so two
 * batches are points at once (a stored one holds none). 40,000 keep detection's bench child at
 * 265–278 MB peak on 11 M positions (60,000 overlapped reached 307 MB).
 */
const BATCH_POSITIONS = 40_000;

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
  let reader: pg.PoolClient | null = null;
  let readerGuard: GuardedClient | null = null;
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
    reader = await dbPool().connect();
    readerGuard = guardClient(reader);
    await reader.query("SET jit = off; SET work_mem = '64MB'");
    const slices = streamDetectionSlices(loader, ranges, options.batchPositions ?? BATCH_POSITIONS, trackCutSilenceMs(context.config));
    const answeredOf = (icao24: string) => {
      const ids = requestsOf.get(icao24) ?? [];
      requestsOf.delete(icao24);
      return ids;
    };
    try {
      await detectBatches({ writer: client, reader }, slices, context, summary, answeredOf, () => options.onProgress?.({ ...summary }));
    } catch (error) {
      // The COPY and the silences' questions may have stopped midway: neither connection is reused.
      loaderBroken = true;
      throw error;
    }
    // `all`: requests of aircraft without any position are answered too.
    const leftover = [...requestsOf.values()].flat();
    if (leftover.length) await client.query(`DELETE FROM detection_requests WHERE id = ANY($1::bigint[])`, [leftover]);
    return { ...summary, totalMs: performance.now() - startedMs };
  } finally {
    if (loaderBroken) {
      loaderGuard?.markBroken();
      readerGuard?.markBroken();
    }
    loaderGuard?.release();
    if (reader && !readerGuard?.broken) await reader.query("RESET jit; RESET work_mem").catch(() => readerGuard?.markBroken());
    readerGuard?.release();
    await client.query("RESET jit; RESET work_mem; SELECT pg_advisory_unlock(hashtext('darkflight-detection'))").catch(() => guard.markBroken());
    guard.release();
  }
}
