import type { AirportRef } from "../model/airport-ref";

const cache = new WeakMap<readonly AirportRef[], Map<string, AirportRef>>();

/**
 * The airport with this ICAO code in the list (indexed once per list: a worldwide list holds
 * thousands, and every detected flight asks for its two ends), or null.
 * @example airportByIcao(REFERENCE_AIRPORTS, "MUHA")?.country // "CU"
 */
export function airportByIcao(airports: readonly AirportRef[], icao: string): AirportRef | null {
  let byIcao = cache.get(airports);
  if (!byIcao) {
    byIcao = new Map();
    // The first of a code wins, as a linear search would find it.
    for (const a of airports) if (!byIcao.has(a.icao)) byIcao.set(a.icao, a);
    cache.set(airports, byIcao);
  }
  return byIcao.get(icao) ?? null;
}
