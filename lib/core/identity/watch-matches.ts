import type { AircraftRef } from "../model/aircraft-ref";
import type { Watchlist, WatchMatch } from "../model/watchlist";

/**
 * Why an aircraft is of interest: its type on the type watchlist, its address on the watchlist,
 * or one of its tags watched (case-insensitively). Empty when it is not. TYPE_OF_INTEREST and the
 * live "seen" alert both ask this one question.
 */
export function watchMatches(icao24: string, aircraft: Pick<AircraftRef, "typecode" | "tags"> | null, watchlist: Watchlist): WatchMatch[] {
  const matches: WatchMatch[] = [];
  const typecode = aircraft?.typecode?.trim().toUpperCase() || null;
  if (typecode && watchlist.typecodes.some((t) => t.toUpperCase() === typecode)) matches.push({ kind: "TYPECODE", value: typecode });
  const address = icao24.toLowerCase();
  if (watchlist.icao24s.some((x) => x.toLowerCase() === address)) matches.push({ kind: "ICAO24", value: address });
  const watchedTags = new Set(watchlist.tags.map((t) => t.toLowerCase()));
  for (const tag of aircraft?.tags ?? []) if (watchedTags.has(tag.toLowerCase())) matches.push({ kind: "TAG", value: tag });
  return matches;
}
