import "server-only";
import { createDetectionContext } from "../../core/detection/detection-context";
import { DETECTOR_VERSION, detectAircraft, planSilenceQueries } from "../../core/detection/detect-aircraft";
import type { DetectedFlight } from "../../core/model/flight";
import { receptionLookupOf } from "../../core/reception/silence-observations";
import { dbPool } from "../db/pool";
import { loadSilenceObservations } from "../reception/load-silence-observations";
import { loadDetectionReference } from "./load-detection-reference";
import { loadTracks } from "./load-tracks";
import { storeDetectedFlights } from "./store-detected-flights";

export interface DetectionRunSummary {
  aircraft: number;
  positions: number;
  flights: number;
  flags: number;
  gaps: number;
  detectMs: number;
  totalMs: number;
}

/** Aircraft per chunk: each chunk's tracks are loaded, graded against the map, detected and stored before the next. */
const CHUNK_AIRCRAFT = 200;

/**
 * Detect flights and flags. `all`: every aircraft. Otherwise the aircraft that imports queued
 * (detection_requests): their own positions, and those whose stored silences an import could
 * re-grade (see refresh-reception-for-batch.ts). Aircraft go in chunks: load their tracks, ask the
 * reception map and the traffic around every silence in two queries, detect in the pure core,
 * store. One transaction: readers see the old results or the new ones, never a mix.
 */
export async function runDetection(options: { all?: boolean } = {}): Promise<DetectionRunSummary> {
  const startedMs = performance.now();
  const client = await dbPool().connect();
  try {
    await client.query("BEGIN");
    // One detection at a time (an import's follow-up and a manual `detect` must not interleave).
    await client.query("SELECT pg_advisory_xact_lock(hashtext('darkflight-detection'))");
    // Take the queue now, in this transaction: an import committing while we detect adds a new
    // request that the next run sees, instead of one we would delete unread at the end.
    const taken = await client.query<{ icao24: string }>(`DELETE FROM detection_requests RETURNING icao24`);
    const requests = options.all ? await client.query<{ icao24: string }>(`SELECT icao24 FROM aircraft`) : taken;
    const icao24s = [...new Set(requests.rows.map((r) => r.icao24.trim()))].sort();
    const summary = { aircraft: 0, positions: 0, flights: 0, flags: 0, gaps: 0, detectMs: 0 };
    if (icao24s.length === 0) {
      await client.query("COMMIT");
      return { ...summary, totalMs: performance.now() - startedMs };
    }
    const reference = await loadDetectionReference(client, icao24s);
    // The end of the data: an open gap lasts at most until then (and at most `maxOpenS`).
    const end = await client.query<{ end_ms: number | null }>(`SELECT (extract(epoch FROM max(time)) * 1000)::float8 AS end_ms FROM positions`);
    const context = createDetectionContext({
      airports: reference.airports,
      zones: reference.zones,
      schedules: reference.schedules,
      watchlist: reference.watchlist,
      dataEndMs: end.rows[0]?.end_ms ?? 0,
    });
    for (let i = 0; i < icao24s.length; i += CHUNK_AIRCRAFT) {
      const chunk = icao24s.slice(i, i + CHUNK_AIRCRAFT);
      const loaded = await loadTracks(client, chunk);
      const inputs = [...loaded.tracks].map(([icao24, points]) => ({ icao24, points, aircraft: reference.aircraft.get(icao24) ?? null }));
      const queries = inputs.flatMap((input) => planSilenceQueries(input, context));
      const reception = receptionLookupOf(await loadSilenceObservations(client, queries, context.config.reception));
      const detectStartedMs = performance.now();
      const flights: DetectedFlight[] = inputs.flatMap((input) => detectAircraft(input, { ...context, reception }));
      summary.detectMs += performance.now() - detectStartedMs;
      const stored = await storeDetectedFlights(client, chunk, flights, DETECTOR_VERSION);
      summary.aircraft += loaded.tracks.size;
      summary.positions += loaded.positions;
      summary.flights += stored.flights;
      summary.flags += stored.flags;
      summary.gaps += stored.gaps;
    }
    await client.query("COMMIT");
    return { ...summary, totalMs: performance.now() - startedMs };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
