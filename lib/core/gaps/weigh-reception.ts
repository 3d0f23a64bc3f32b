import type { DetectionConfig } from "../model/detection-config";
import type { GapPathCell } from "../model/gap-event";
import type { SilenceObservations, SilenceQuery } from "../reception/silence-observations";
import { gridCellBounds } from "../reception/grid-cell";

export interface WeighedReception {
  /** Positions the map predicts along the path at the aircraft's own sampling. */
  expectedPositions: number;
  /** The chance of receiving none of them (1 where the map knows nothing). */
  chanceOfNone: number;
  /** Path cells whose reception the map could measure. */
  knownCells: number;
  witnesses: string[];
  quiet: string[];
  alive: number;
  aliveBefore: number;
  /** Other aircraft's crossings of these cells in the hours of the silence, heard and unheard. */
  crossingsHeardThen: number;
  crossingsUnheardThen: number;
  pathCells: GapPathCell[];
}

/**
 * Expected versus received along a silent path. Per cell: the reception rate the map measured
 * (positions received / positions predicted by each aircraft's own sampling, other aircraft only),
 * the positions this aircraft would have sent there (time in the cell / its own interval), and
 * the chance of hearing none of them: the worse of the per-position chance and the share of
 * other aircraft's crossings of that cell that were heard not at all (reception comes and goes
 * in spells — a receiver down for an hour — so positions are not independent draws).
 * An unknown cell (never crossed) predicts nothing: unknown is never "covered".
 * @example weighReception(query, observations, 5, config).expectedPositions // ≈ 140
 */
export function weighReception(query: SilenceQuery, observations: SilenceObservations | undefined, ownIntervalS: number | null, config: DetectionConfig): WeighedReception {
  // Unknown sampling: assume the sparsest that still counts as continuous reception (predicts the fewest positions).
  const intervalS = ownIntervalS ?? config.reception.denseMaxS;
  const rows = new Map((observations?.cells ?? []).map((row) => [row.cell, row]));
  let expectedPositions = 0;
  let chanceOfNone = 1;
  let knownCells = 0;
  let crossingsHeardThen = 0;
  let crossingsUnheardThen = 0;
  const pathCells: GapPathCell[] = query.cells.map(({ cell, seconds }) => {
    const row = rows.get(cell);
    const { centre } = gridCellBounds(cell, config.reception.cellDeg);
    // Positions received without any sampling to predict them by (only sparse aircraft there) measure nothing.
    const rate = row && row.expected > 0 ? Math.min(1, row.received / row.expected) : null;
    if (row) {
      crossingsHeardThen += row.visitsReceivedThen;
      crossingsUnheardThen += row.visitsThen - row.visitsReceivedThen;
    }
    if (rate !== null && row) {
      knownCells++;
      const positions = seconds / intervalS;
      expectedPositions += rate * positions;
      const perPosition = Math.pow(1 - rate, positions);
      const unheardCrossings = row.visits > 0 ? 1 - row.visitsReceived / row.visits : 1;
      chanceOfNone *= Math.max(perPosition, unheardCrossings);
    }
    return { cell, latDeg: centre.latDeg, lonDeg: centre.lonDeg, seconds: Math.round(seconds), receptionRate: rate === null ? null : Math.round(rate * 1000) / 1000 };
  });
  return {
    expectedPositions,
    chanceOfNone: Number(chanceOfNone.toPrecision(3)),
    knownCells,
    witnesses: [...(observations?.witnesses ?? [])].sort(),
    quiet: [...(observations?.quiet ?? [])].sort(),
    alive: observations?.alive ?? 0,
    aliveBefore: observations?.aliveBefore ?? 0,
    crossingsHeardThen,
    crossingsUnheardThen,
    pathCells,
  };
}
