import "server-only";
import type pg from "pg";
import { CopyDataStream } from "../db/copy-data-stream";
import { isTrackCut } from "../../core/flights/track-pieces";
import type { TrackPoint } from "../../core/model/track-point";
import { copyPositionRanges } from "./copy-position-ranges";
import { createPositionRowParser, POSITION_COPY_COLUMNS } from "./parse-position-copy";
import { PositionColumns } from "./position-columns";
import type { DetectedRange } from "./store-detected-flights";

/** One aircraft's time range to detect; null ends are open (its whole history). */
export interface DetectionRange extends DetectedRange {
  /** The queued detection requests this range answers (deleted when its last slice is stored). */
  requestIds: string[];
}

/** Part of a range: its positions and the time range its detection replaces. */
export interface DetectionSlice {
  range: DetectionRange;
  /** What this slice replaces: the range's own ends for its first and last slice. */
  replaces: DetectedRange;
  points: TrackPoint[];
  /** The range's last slice. */
  endsRange: boolean;
}

/** A slice's rows in the batch's columns, before they are made points. */
interface SliceRows {
  slice: Omit<DetectionSlice, "points">;
  from: number;
  to: number;
}

/** A batch of slices, its positions still in columns: `take` makes them points (once), when it is detected. */
export interface DetectionBatch {
  take(): DetectionSlice[];
}

/**
 * Stream the positions of the ranges (or, with `ranges: null`, of every aircraft's whole history)
 * with one COPY on `client`, in order, and hand them out in batches of slices of about
 * `budgetPositions` positions: a range is cut only at a track cut (track-pieces.ts), so each
 * slice detects exactly as its whole history would. The next batch streams in while one is
 * processed, then the stream waits: memory holds the batches taken and the next one in columns
 * (plus one piece longer than the budget, which cannot be cut).
 */
export async function* streamDetectionSlices(
  client: pg.PoolClient,
  ranges: readonly DetectionRange[] | null,
  budgetPositions: number,
  cutSilenceMs: number,
): AsyncGenerator<DetectionBatch> {
  if (ranges !== null && ranges.length === 0) return;
  const stream =
    ranges === null
      ? client.query(new CopyDataStream(`COPY (SELECT p.icao24, ${POSITION_COPY_COLUMNS} FROM positions p ORDER BY p.icao24, p.time) TO STDOUT (FORMAT binary)`))
      : await copyPositionRanges(client, ranges);

  // The batch being streamed: its slices' rows in columns, made points only when it is taken.
  let columns = new PositionColumns();
  let spare: PositionColumns | null = null;
  let batch: SliceRows[] = [];
  let range: DetectionRange | null = null;
  let rangeIndex = -1;
  let sliceStart = 0;
  let sliceFromMs: number | null = null;
  const ready: DetectionBatch[] = [];

  const closeSlice = (toMs: number | null, endsRange: boolean) => {
    batch.push({ slice: { range: range!, replaces: { icao24: range!.icao24, fromMs: sliceFromMs, toMs }, endsRange }, from: sliceStart, to: columns.length });
    sliceStart = columns.length;
  };
  const flush = () => {
    if (batch.length) {
      const rows = columns;
      const parts = batch;
      let taken = false;
      ready.push({
        take() {
          if (taken) throw new Error("detection: a batch is taken once");
          taken = true;
          const slices = parts.map(({ slice, from, to }) => ({ ...slice, points: rows.points(from, to) }));
          rows.clear();
          // Kept for the next batch unless a piece that could not be cut grew it far past the budget.
          if (rows.capacityRows <= 2 * budgetPositions) spare ??= rows;
          return slices;
        },
      });
      columns = spare ?? new PositionColumns();
      spare = null;
    } else columns.clear();
    batch = [];
    sliceStart = 0;
  };
  // Ranges without positions still replace what was stored there (and answer their requests).
  const openRange = (next: DetectionRange) => {
    range = next;
    sliceFromMs = next.fromMs;
  };
  const endRange = () => {
    if (range) closeSlice(range.toMs, true);
    range = null;
    if (columns.length >= budgetPositions) flush();
  };
  const parser = createPositionRowParser((key, point) => {
    if (ranges === null) {
      if (range === null || range.icao24 !== key) {
        endRange();
        openRange({ icao24: key.trim(), fromMs: null, toMs: null, requestIds: [] });
      }
    } else if (rangeIndex !== Number(key) - 1) {
      const index = Number(key) - 1;
      if (index < rangeIndex) throw new Error("detection: positions arrived out of order");
      endRange();
      for (let skipped = rangeIndex + 1; skipped < index; skipped++) {
        openRange(ranges[skipped]!);
        endRange();
      }
      rangeIndex = index;
      openRange(ranges[index]!);
    }
    const last = columns.length - 1;
    if (last >= sliceStart && columns.length >= budgetPositions && isTrackCut({ timeMs: columns.timeMsAt(last), onGround: columns.onGroundAt(last) }, point, cutSilenceMs)) {
      closeSlice(point.timeMs - 1, false);
      flush();
      sliceFromMs = point.timeMs;
    }
    columns.append(point);
  });

  for await (const chunk of stream) {
    parser.push(chunk as Buffer);
    while (ready.length) yield ready.shift()!;
  }
  parser.end();
  endRange();
  if (ranges !== null) {
    for (let skipped = rangeIndex + 1; skipped < ranges.length; skipped++) {
      openRange(ranges[skipped]!);
      endRange();
    }
  }
  flush();
  while (ready.length) yield ready.shift()!;
}
