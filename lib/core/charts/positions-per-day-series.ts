/** One bar of the "positions per day" chart. `day` is an ISO date (UTC). */
export interface DailyCount {
  day: string;
  positions: number;
}

const DAY_MS = 86_400_000;

/**
 * Turn sparse per-day counts into a continuous daily series (missing days as 0) so the
 * chart's time axis is honest about days without data.
 * @example positionsPerDaySeries([{day:"2024-07-30",positions:5},{day:"2024-08-01",positions:2}])
 *   // → 30 Jul: 5, 31 Jul: 0, 1 Aug: 2
 */
export function positionsPerDaySeries(counts: readonly DailyCount[], maxDays = 366): DailyCount[] {
  if (counts.length === 0) return [];
  const byDay = new Map<string, number>();
  for (const { day, positions } of counts) byDay.set(day, (byDay.get(day) ?? 0) + positions);
  const days = [...byDay.keys()].sort();
  const firstMs = Date.parse(`${days[0]}T00:00:00Z`);
  const lastMs = Date.parse(`${days[days.length - 1]}T00:00:00Z`);
  // A series spanning years would draw thousands of bars: keep the most recent maxDays.
  const startMs = Math.max(firstMs, lastMs - (maxDays - 1) * DAY_MS);
  const series: DailyCount[] = [];
  for (let t = startMs; t <= lastMs; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    series.push({ day, positions: byDay.get(day) ?? 0 });
  }
  return series;
}
