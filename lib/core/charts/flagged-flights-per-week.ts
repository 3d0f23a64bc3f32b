import { isoDateUtc, isoWeekStartMs, weekStartsBetweenMs } from "./iso-week";

/** One bar of the stacked chart: the week start plus one count per entry of `types`. */
export type FlaggedWeekRow = { weekStart: string } & { [type: string]: string | number };

export interface FlaggedFlightsPerWeek {
  /** Stack order: most frequent first, then "other" when some types were folded into it. */
  types: string[];
  weeks: FlaggedWeekRow[];
}

export interface FlaggedFlightsPerWeekOptions {
  /** How many aircraft types get their own colour; the rest are summed in "other". Default 6. */
  maxTypes?: number;
  /** Keep only the most recent weeks (default 156, three years). */
  maxWeeks?: number;
}

export const OTHER_TYPE = "other";
export const UNKNOWN_TYPE = "unknown";

/**
 * Flagged flights per ISO week (Monday 00:00 UTC), stacked by aircraft type, zero-filled
 * between the first and the last week so weeks without flags still show as gaps in the bars.
 * @example flaggedFlightsPerWeek([{ firstSeenMs: Date.UTC(2024, 7, 6), typecode: "IL76" }])
 *   // → { types: ["IL76"], weeks: [{ weekStart: "2024-08-05", IL76: 1 }] }
 */
export function flaggedFlightsPerWeek(
  flights: readonly { firstSeenMs: number; typecode: string | null; /** Flights alike (default 1). */ flights?: number }[],
  opts: FlaggedFlightsPerWeekOptions = {},
): FlaggedFlightsPerWeek {
  const maxTypes = Math.max(0, Math.floor(opts.maxTypes ?? 6));
  const valid = flights.filter((f) => Number.isFinite(f.firstSeenMs));
  if (valid.length === 0) return { types: [], weeks: [] };

  // A loop, not Math.min(...times): spreading a very long array overflows the call stack.
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const f of valid) {
    firstMs = Math.min(firstMs, f.firstSeenMs);
    lastMs = Math.max(lastMs, f.firstSeenMs);
  }
  const weekStartsMs = weekStartsBetweenMs(firstMs, lastMs, opts.maxWeeks ?? 156);
  const firstWeekMs = weekStartsMs[0]!;
  // Rank types over the displayed weeks only, so "other" matches what is drawn.
  const shown = valid
    .filter((f) => f.firstSeenMs >= firstWeekMs)
    .map((f) => ({ weekMs: isoWeekStartMs(f.firstSeenMs), type: typeLabel(f.typecode), n: f.flights ?? 1 }));

  const totals = new Map<string, number>();
  for (const { type, n } of shown) totals.set(type, (totals.get(type) ?? 0) + n);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
  const kept = new Set(ranked.slice(0, maxTypes));
  const types = ranked.length > kept.size ? [...kept, OTHER_TYPE] : [...kept];

  const counts = new Map<number, Map<string, number>>();
  for (const { weekMs, type, n } of shown) {
    const key = kept.has(type) ? type : OTHER_TYPE;
    const week = counts.get(weekMs) ?? new Map<string, number>();
    week.set(key, (week.get(key) ?? 0) + n);
    counts.set(weekMs, week);
  }

  const weeks = weekStartsMs.map((weekMs) => {
    const row: FlaggedWeekRow = { weekStart: isoDateUtc(weekMs) };
    for (const type of types) row[type] = counts.get(weekMs)?.get(type) ?? 0;
    return row;
  });
  return { types, weeks };
}

/** Typecodes as stored are ICAO designators; normalise case and name the missing ones. */
function typeLabel(typecode: string | null): string {
  const t = typecode?.trim().toUpperCase();
  return t ? t : UNKNOWN_TYPE;
}
