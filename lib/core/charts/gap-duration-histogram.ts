/**
 * One duration bin. `gap` counts gaps the coverage model did not suspect (no coverage evidence
 * either way); `suspectedSwitchOff` counts those it did. The two are disjoint: a gap is one or
 * the other, and their sum is every gap in the bin.
 */
export interface GapDurationBin {
  bin: string;
  /** Inclusive lower bound, minutes. */
  minMin: number;
  /** Exclusive upper bound, minutes; null for the last, open-ended bin. */
  maxMin: number | null;
  gap: number;
  suspectedSwitchOff: number;
}

/** Bin edges in minutes: short gaps are common (reception holes), long ones are the interesting tail. */
export const GAP_BIN_EDGES_MIN = [0, 10, 20, 30, 60, 120] as const;

/**
 * Histogram of gap durations in minutes, split into plain gaps and suspected switch-offs.
 * Returns [] when there are no gaps (the chart shows its empty state); otherwise every bin,
 * empty ones included, so the x axis is stable. Invalid durations (negative, NaN) are skipped.
 * @example gapDurationHistogram([{ durationS: 900, suspected: true }])[1]
 *   // → { bin: "10–20", minMin: 10, maxMin: 20, gap: 0, suspectedSwitchOff: 1 }
 */
export function gapDurationHistogram(gaps: readonly { durationS: number; suspected: boolean; /** Gaps alike (default 1). */ gaps?: number }[]): GapDurationBin[] {
  const valid = gaps.filter((g) => Number.isFinite(g.durationS) && g.durationS >= 0);
  if (valid.length === 0) return [];
  const bins = GAP_BIN_EDGES_MIN.map((minMin, i): GapDurationBin => {
    const maxMin = GAP_BIN_EDGES_MIN[i + 1] ?? null;
    return { bin: binLabel(minMin, maxMin), minMin, maxMin, gap: 0, suspectedSwitchOff: 0 };
  });
  for (const g of valid) {
    const durationMin = g.durationS / 60;
    const bin = bins.find((b) => durationMin >= b.minMin && (b.maxMin === null || durationMin < b.maxMin))!;
    if (g.suspected) bin.suspectedSwitchOff += g.gaps ?? 1;
    else bin.gap += g.gaps ?? 1;
  }
  return bins;
}

function binLabel(minMin: number, maxMin: number | null): string {
  if (maxMin === null) return `≥${minMin}`;
  if (minMin === 0) return `<${maxMin}`;
  return `${minMin}–${maxMin}`;
}
