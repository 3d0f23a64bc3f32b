const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/**
 * Start of the ISO week (Monday 00:00 UTC) that contains `timeMs`.
 * Epoch day 0 (1970-01-01) was a Thursday, hence the +3 to count days from Monday.
 * @example isoWeekStartMs(Date.UTC(2024, 7, 8, 15)) // → Date.UTC(2024, 7, 5) (Monday 5 Aug 2024)
 */
export function isoWeekStartMs(timeMs: number): number {
  const day = Math.floor(timeMs / DAY_MS);
  const daysSinceMonday = (((day + 3) % 7) + 7) % 7;
  return (day - daysSinceMonday) * DAY_MS;
}

/** "YYYY-MM-DD" (UTC) of a week start, the key the weekly charts use on their x axis. */
export function isoDateUtc(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}

/**
 * Every week start from the week of `firstMs` to the week of `lastMs`, zero-filled in between,
 * keeping only the most recent `maxWeeks` so stray timestamps cannot produce thousands of bars.
 */
export function weekStartsBetweenMs(firstMs: number, lastMs: number, maxWeeks: number): number[] {
  const lastWeekMs = isoWeekStartMs(lastMs);
  const startMs = Math.max(isoWeekStartMs(firstMs), lastWeekMs - (Math.max(1, Math.floor(maxWeeks)) - 1) * WEEK_MS);
  const weeks: number[] = [];
  for (let t = startMs; t <= lastWeekMs; t += WEEK_MS) weeks.push(t);
  return weeks;
}
