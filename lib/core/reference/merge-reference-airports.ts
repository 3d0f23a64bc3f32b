import type { AirportRef } from "../model/airport-ref";
import type { ReferenceAirport } from "./select-airports";

/**
 * darkflight's curated airports (the Caribbean list, checked against the domain sources) merged
 * with a worldwide list: on a shared code the curated facts win, taking only the worldwide
 * entry's size class, which the curated list does not record. Sorted by code.
 * @example mergeReferenceAirports(REFERENCE_AIRPORTS, worldwide).find((a) => a.icao === "MUHA")?.elevationFt // 210, the curated value
 */
export function mergeReferenceAirports(curated: readonly AirportRef[], worldwide: readonly ReferenceAirport[]): ReferenceAirport[] {
  const byCode = new Map<string, ReferenceAirport>(worldwide.map((a) => [a.icao, a]));
  for (const a of curated) {
    byCode.set(a.icao, { ...a, elevationFt: a.elevationFt ?? null, kind: byCode.get(a.icao)?.kind ?? null });
  }
  return [...byCode.values()].sort((a, b) => (a.icao < b.icao ? -1 : a.icao > b.icao ? 1 : 0));
}
