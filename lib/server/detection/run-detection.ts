import "server-only";
import { createDetectionContext } from "../../core/detection/detection-context";
import { DETECTOR_VERSION, detectAircraft } from "../../core/detection/detect-aircraft";
import type { AircraftRef, DetectedFlight } from "../../core/detection/types";
import { dbPool } from "../db/pool";
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

/**
 * Detect flights and flags. `all`: every aircraft. Otherwise only the aircraft that imports
 * queued (detection_requests): each is re-detected whole, the rest of the world is untouched.
 * One transaction: readers see the old results or the new ones, never a mix.
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
    const icao24s = [...new Set(requests.rows.map((r) => r.icao24.trim()))];
    const empty = { aircraft: 0, positions: 0, flights: 0, flags: 0, gaps: 0, detectMs: 0 };
    if (icao24s.length === 0) {
      await client.query("COMMIT");
      return { ...empty, totalMs: performance.now() - startedMs };
    }
    const reference = await loadDetectionReference(client, icao24s);
    const loaded = await loadTracks(client, options.all ? null : icao24s);
    const context = createDetectionContext({
      airports: reference.airports,
      zones: reference.zones,
      schedules: reference.schedules,
      watchlist: reference.watchlist,
      coverage: loaded.coverage,
      dataEndMs: loaded.dataEndMs,
    });
    const detectStartedMs = performance.now();
    const flights: DetectedFlight[] = [];
    for (const [icao24, points] of loaded.tracks) {
      const aircraft: AircraftRef | null = reference.aircraft.get(icao24) ?? null;
      const dataEndMs = loaded.dataEndMsByAircraft.get(icao24) ?? loaded.dataEndMs;
      flights.push(...detectAircraft({ icao24, points, aircraft }, { ...context, dataEndMs }));
    }
    const detectMs = performance.now() - detectStartedMs;
    const stored = await storeDetectedFlights(client, icao24s, flights, DETECTOR_VERSION);
    await client.query("COMMIT");
    return { aircraft: loaded.tracks.size, positions: loaded.positions, ...stored, detectMs, totalMs: performance.now() - startedMs };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
