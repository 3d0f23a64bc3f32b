import "server-only";
import type pg from "pg";
import type { DetectionContext } from "../../core/detection/detection-context";
import { DETECTOR_VERSION, detectPlanned, planAircraft, type PlannedAircraft } from "../../core/detection/detect-aircraft";
import { receptionLookupOf } from "../../core/reception/silence-observations";
import { loadSilenceObservations } from "../reception/load-silence-observations";
import { storableFlight, type StorableFlight } from "./detected-flight-rows";
import { loadAircraftRefs } from "./load-aircraft-refs";
import { storeDetectedFlights, type DetectedRange } from "./store-detected-flights";
import type { DetectionBatch, DetectionSlice } from "./stream-detection-slices";

/** What a run has done so far. */
export interface DetectionTotals {
  aircraft: number;
  positions: number;
  flights: number;
  flags: number;
  gaps: number;
  /** The pure core's time (building, grading, detecting), summed over batches, ms. */
  detectMs: number;
}

export interface BatchConnections {
  /** Holds the run's lock; stores each batch in its own transaction (and reads the aircraft between them). */
  writer: pg.PoolClient;
  /** Asks the reception map and the traffic about each batch's silences. */
  reader: pg.PoolClient;
}

/** A batch with its flights built and its silences' questions sent. */
interface PreparedBatch {
  slices: DetectionSlice[];
  planned: PlannedAircraft[];
  observations: Promise<Awaited<ReturnType<typeof loadSilenceObservations>>>;
}

/**
 * Detect the streamed batches, each committed in one transaction with its requests' removal, in
 * order. Three batches overlap: while batch N is stored (on the writer), N+1 is detected once its
 * silences are answered (on the reader), and N+2 is built and its questions sent. So this process
 * computes while PostgreSQL answers and stores (at 11 M positions its side weighs as much as this
 * one). `answeredOf(icao24)` names the other requests an aircraft's last slice answers.
 */
export async function detectBatches(
  connections: BatchConnections,
  batches: AsyncGenerator<DetectionBatch>,
  base: DetectionContext,
  totals: DetectionTotals,
  answeredOf: (icao24: string) => string[],
  onBatch?: () => void,
): Promise<void> {
  let next = batches.next();
  let upcoming: Promise<PreparedBatch> | null = null;
  let storing: Promise<void> | null = null;
  try {
    const first = await next;
    if (first.done) return;
    next = batches.next();
    upcoming = prepareBatch(connections, first.value, base, totals);
    while (upcoming) {
      const ready = await upcoming;
      upcoming = null;
      const following = await next;
      if (!following.done) {
        next = batches.next();
        // Its aircraft are read on the writer, between or inside the stores' transactions (a read).
        upcoming = prepareBatch(connections, following.value, base, totals);
        // Awaited on the next turn; if a batch fails first, settled below before the connections go back.
        upcoming.catch(() => undefined);
      }
      const flights = await detectPrepared(ready, base, totals);
      // One store at a time, in order: the one before commits before this one begins.
      await storing;
      storing = storeBatch(connections.writer, storedOf(ready.slices, answeredOf), flights, totals).then(() => onBatch?.());
      // Awaited on the next turn or below; a failure stops the run there.
      storing.catch(() => undefined);
    }
    await storing;
  } catch (error) {
    next.catch(() => undefined);
    await storing?.catch(() => undefined);
    await upcoming?.then((p) => p.observations).catch(() => undefined);
    await batches.return(undefined).catch(() => undefined);
    throw error;
  }
}

/** Read the batch's aircraft, build its flights and send their silences' questions (not awaited). */
async function prepareBatch(connections: BatchConnections, batch: DetectionBatch, base: DetectionContext, totals: DetectionTotals): Promise<PreparedBatch> {
  const slices = batch.take();
  const aircraft = await loadAircraftRefs(connections.writer, [...new Set(slices.map((s) => s.range.icao24))]);
  const startedMs = performance.now();
  const planned = slices.map((s) => planAircraft({ icao24: s.range.icao24, points: s.points, aircraft: aircraft.get(s.range.icao24) ?? null }, base));
  totals.detectMs += performance.now() - startedMs;
  const observations = loadSilenceObservations(connections.reader, planned.flatMap((p) => p.queries), base.config.reception);
  observations.catch(() => undefined);
  return { slices, planned, observations };
}

/** Grade and detect a prepared batch once its silences are answered; its flights as stored (no points held while they wait). */
async function detectPrepared({ planned, observations }: PreparedBatch, base: DetectionContext, totals: DetectionTotals): Promise<StorableFlight[]> {
  const reception = receptionLookupOf(await observations);
  const startedMs = performance.now();
  const flights = planned.flatMap((p) => detectPlanned(p, { ...base, reception }));
  totals.detectMs += performance.now() - startedMs;
  return flights.map(storableFlight);
}

/** What storing a batch needs of its slices (not their points, which can go). */
interface BatchSummary {
  replaces: DetectedRange[];
  /** The detection requests the batch answers. */
  answered: string[];
  aircraft: number;
  positions: number;
}

function storedOf(slices: readonly DetectionSlice[], answeredOf: (icao24: string) => string[]): BatchSummary {
  return {
    replaces: slices.map((s) => s.replaces),
    answered: slices.filter((s) => s.endsRange).flatMap((s) => [...s.range.requestIds, ...answeredOf(s.range.icao24)]),
    aircraft: slices.filter((s) => s.endsRange && s.points.length > 0).length,
    positions: slices.reduce((n, s) => n + s.points.length, 0),
  };
}

/** Store a batch's flights, in one transaction with its requests' removal. */
async function storeBatch(writer: pg.PoolClient, batch: BatchSummary, flights: readonly StorableFlight[], totals: DetectionTotals): Promise<void> {
  await writer.query("BEGIN");
  try {
    const stored = await storeDetectedFlights(writer, batch.replaces, flights, DETECTOR_VERSION);
    if (batch.answered.length) await writer.query(`DELETE FROM detection_requests WHERE id = ANY($1::bigint[])`, [batch.answered]);
    await writer.query("COMMIT");
    totals.flights += stored.flights;
    totals.flags += stored.flags;
    totals.gaps += stored.gaps;
  } catch (error) {
    await writer.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  totals.aircraft += batch.aircraft;
  totals.positions += batch.positions;
}
