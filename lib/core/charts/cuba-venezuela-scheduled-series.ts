import { isoDateUtc, isoWeekStartMs, weekStartsBetweenMs } from "./iso-week";

/** One week of Cuba–Venezuela flights, split by whether they match a published schedule. */
export interface ScheduledWeek {
  /** Monday of the ISO week, "YYYY-MM-DD" (UTC). */
  weekStart: string;
  scheduled: number;
  unscheduled: number;
}

/**
 * Cuba–Venezuela flights per ISO week (Monday 00:00 UTC), scheduled vs unscheduled,
 * zero-filled between the first and the last week; only the most recent `maxWeeks` are kept.
 * @example cubaVenezuelaScheduledSeries([{ firstSeenMs: Date.UTC(2024, 7, 6), unscheduled: true }])
 *   // → [{ weekStart: "2024-08-05", scheduled: 0, unscheduled: 1 }]
 */
export function cubaVenezuelaScheduledSeries(
  flights: readonly { firstSeenMs: number; unscheduled: boolean; /** Flights alike (default 1). */ flights?: number }[],
  maxWeeks = 156,
): ScheduledWeek[] {
  const valid = flights.filter((f) => Number.isFinite(f.firstSeenMs));
  if (valid.length === 0) return [];
  // A loop, not Math.min(...times): spreading a very long array overflows the call stack.
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const f of valid) {
    firstMs = Math.min(firstMs, f.firstSeenMs);
    lastMs = Math.max(lastMs, f.firstSeenMs);
  }
  const weekStartsMs = weekStartsBetweenMs(firstMs, lastMs, maxWeeks);

  const byWeek = new Map<number, ScheduledWeek>();
  for (const weekMs of weekStartsMs) byWeek.set(weekMs, { weekStart: isoDateUtc(weekMs), scheduled: 0, unscheduled: 0 });
  for (const f of valid) {
    const week = byWeek.get(isoWeekStartMs(f.firstSeenMs));
    if (!week) continue; // older than the kept window
    if (f.unscheduled) week.unscheduled += f.flights ?? 1;
    else week.scheduled += f.flights ?? 1;
  }
  return [...byWeek.values()];
}
