import "server-only";
import type pg from "pg";
import { CopyDataStream } from "../db/copy-data-stream";
import { isTrackCut } from "../../core/flights/track-pieces";
import type { TrackPoint } from "../../core/model/track-point";
import { copyPositionRanges } from "./copy-position-ranges";
import { createPositionCopyParser, POSITION_COPY_COLUMNS } from "./parse-position-copy";
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

/**
 * Stream the positions of the ranges (or, with `ranges: null`, of every aircraft's whole history)
 * with one COPY on `client`, in order, and hand them out in batches of slices of about
 * `budgetPositions` positions: a range is cut only at a track cut (track-pieces.ts), so each
 * slice detects exactly as its whole history would. The stream waits while a batch is processed,
 * so memory holds one batch (plus one piece longer than the budget, which cannot be cut).
 */
export async function* streamDetectionSlices(
  client: pg.PoolClient,
  ranges: readonly DetectionRange[] | null,
  budgetPositions: number,
  cutSilenceMs: number,
): AsyncGenerator<DetectionSlice[]> {
  if (ranges !== null && ranges.length === 0) return;
  const stream =
    ranges === null
      ? client.query(new CopyDataStream(`COPY (SELECT p.icao24, ${POSITION_COPY_COLUMNS} FROM positions p ORDER BY p.icao24, p.time) TO STDOUT (FORMAT binary)`))
      : await copyPositionRanges(client, ranges);

  let batch: DetectionSlice[] = [];
  let batchPositions = 0;
  let range: DetectionRange | null = null;
  let rangeIndex = -1;
  let points: TrackPoint[] = [];
  let sliceFromMs: number | null = null;
  const ready: DetectionSlice[][] = [];

  const closeSlice = (toMs: number | null, endsRange: boolean) => {
    batch.push({ range: range!, replaces: { icao24: range!.icao24, fromMs: sliceFromMs, toMs }, points, endsRange });
    batchPositions += points.length;
    points = [];
  };
  const flush = () => {
    if (batch.length) ready.push(batch);
    batch = [];
    batchPositions = 0;
  };
  // Ranges without positions still replace what was stored there (and answer their requests).
  const openRange = (next: DetectionRange) => {
    range = next;
    sliceFromMs = next.fromMs;
  };
  const endRange = () => {
    if (range) closeSlice(range.toMs, true);
    range = null;
    if (batchPositions >= budgetPositions) flush();
  };
  const parser = createPositionCopyParser((key, point) => {
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
    const prev = points[points.length - 1];
    if (prev && batchPositions + points.length >= budgetPositions && isTrackCut(prev, point, cutSilenceMs)) {
      closeSlice(point.timeMs - 1, false);
      flush();
      sliceFromMs = point.timeMs;
    }
    points.push(point);
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
