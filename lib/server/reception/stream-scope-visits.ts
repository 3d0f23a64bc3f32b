import "server-only";
import type pg from "pg";
import { MAP_HOUR_MS, type ReceptionConfig } from "../../core/model/reception-config";
import type { TrackPoint } from "../../core/model/track-point";
import { aircraftVisits } from "../../core/reception/aircraft-visits";
import { copyPositionRanges } from "../detection/copy-position-ranges";
import { createPositionCopyParser } from "../detection/parse-position-copy";

/** One aircraft's hours to rebuild, both inclusive. */
export interface ReceptionScopeRow {
  icao24: string;
  from_hour: Date;
  to_hour: Date;
}

/** Visits as columns, ready for unnest(). */
export interface ScopeVisits {
  icao24: string[];
  hour: string[];
  cell: number[];
  band: number[];
  received: number[];
  /** Each visit's receivedMs as an array literal ("{0,10000}"): unnest() takes no ragged int[][]. */
  receivedMs: string[];
  expectedMilli: number[];
}

/** Positions of one aircraft held at most (plus the padding below) before its earlier hours are done. */
const MAX_HELD_POSITIONS = 50_000;
/** Visits handed to the sink at a time: whatever the histories' length, memory holds no more. */
const SINK_VISITS = 20_000;

/**
 * The visits of these aircraft in their hours (aircraft-visits.ts), from their positions
 * streamed with one binary COPY in aircraft and time order: each aircraft's positions from a
 * bridge and an hour before its first hour to two hours and a bridge after its last. Memory holds
 * one aircraft's positions, and of a long history only the last ~50,000: its earlier hours are
 * finished as soon as every position they depend on has arrived (the same padding), which gives
 * the same visits as one pass. The visits go to `sink` a few thousand at a time, the stream
 * waiting meanwhile: `reader` streams, so the sink may write on another connection (the
 * caller's transaction). (Window functions in PostgreSQL did this at ~7 µs a position, sorting
 * and joining a chunk's positions several times; here it is one pass.)
 */
export async function streamScopeVisits(
  reader: pg.ClientBase,
  scope: readonly ReceptionScopeRow[],
  config: ReceptionConfig,
  sink: (visits: ScopeVisits) => Promise<void>,
  maxHeldPositions = MAX_HELD_POSITIONS,
): Promise<void> {
  const empty = (): ScopeVisits => ({ icao24: [], hour: [], cell: [], band: [], received: [], receivedMs: [], expectedMilli: [] });
  let out = empty();
  if (scope.length === 0) return;
  const bridgeMs = config.bridgeMaxS * 1000;
  const ranges = scope.map((s) => ({
    icao24: s.icao24.trim(),
    fromHourMs: s.from_hour.getTime(),
    toHourMs: s.to_hour.getTime(),
    fromMs: s.from_hour.getTime() - bridgeMs - MAP_HOUR_MS,
    // Up to two hours and a bridge after the last hour, that instant excluded (times are whole ms).
    toMs: s.to_hour.getTime() + 2 * MAP_HOUR_MS + bridgeMs - 1,
  }));
  let current = -1;
  let points: TrackPoint[] = [];
  let fromHourMs = 0;
  const emit = (toHourMs: number) => {
    const range = ranges[current]!;
    for (const v of aircraftVisits(points, fromHourMs, toHourMs, config)) {
      out.icao24.push(range.icao24);
      out.hour.push(new Date(v.hourMs).toISOString());
      out.cell.push(v.cell);
      out.band.push(v.band);
      out.received.push(v.received);
      out.receivedMs.push(`{${v.receivedMs.join(",")}}`);
      out.expectedMilli.push(v.expectedMilli);
    }
  };
  const flush = () => {
    if (current >= 0) emit(ranges[current]!.toHourMs);
    points = [];
  };
  // The hours whose every position has arrived (up to two hours and a bridge after them) are done;
  // the positions the later hours still need (from a bridge and an hour before them) stay.
  const finishEarlierHours = () => {
    const doneToHourMs = Math.floor((points.at(-1)!.timeMs - 2 * MAP_HOUR_MS - bridgeMs) / MAP_HOUR_MS) * MAP_HOUR_MS - MAP_HOUR_MS;
    if (doneToHourMs < fromHourMs) return;
    emit(Math.min(doneToHourMs, ranges[current]!.toHourMs));
    fromHourMs = doneToHourMs + MAP_HOUR_MS;
    const keepFromMs = fromHourMs - bridgeMs - MAP_HOUR_MS;
    points = points.slice(points.findIndex((p) => p.timeMs >= keepFromMs));
  };
  const parser = createPositionCopyParser((key, point) => {
    const index = Number(key) - 1;
    if (index !== current) {
      flush();
      current = index;
      fromHourMs = ranges[index]!.fromHourMs;
    }
    points.push(point);
    if (points.length >= maxHeldPositions) finishEarlierHours();
  });
  const stream = await copyPositionRanges(reader, ranges);
  for await (const chunk of stream) {
    parser.push(chunk as Buffer);
    if (out.icao24.length >= SINK_VISITS) {
      await sink(out);
      out = empty();
    }
  }
  parser.end();
  flush();
  if (out.icao24.length > 0) await sink(out);
}
