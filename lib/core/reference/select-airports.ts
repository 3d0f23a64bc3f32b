import type { AirportRef } from "../model/airport-ref";

/** OurAirports' airport types (`type` column of airports.csv). */
export const OURAIRPORTS_TYPES = ["large_airport", "medium_airport", "small_airport", "heliport", "seaplane_base", "balloonport", "closed"] as const;
export type OurAirportsType = (typeof OURAIRPORTS_TYPES)[number];

/** How big an airport is, from its OurAirports type; null when the source did not say. */
export type AirportKind = "large" | "medium" | "small";

/** An airport as darkflight stores it: the detectors' fields plus its size and where the facts came from. */
export interface ReferenceAirport extends AirportRef {
  kind: AirportKind | null;
}

/** One airport of an OurAirports-format source, already validated (see lib/ingest/parse-ourairports-csv.ts). */
export interface AirportCandidate {
  ident: string;
  type: OurAirportsType;
  /** A four-letter ICAO location indicator, or null when the source gives none. */
  icao: string | null;
  iata: string | null;
  name: string;
  country: string;
  latDeg: number;
  lonDeg: number;
  elevationFt: number | null;
  scheduledService: boolean;
}

export interface AirportSelectionOptions {
  /** Also keep small airports without a scheduled service (thousands of airstrips: see below). */
  allSmall?: boolean;
  /** Codes whose facts darkflight already curates: the candidate is skipped, the curated entry stays. */
  keep?: ReadonlySet<string>;
}

export interface AirportSelection {
  airports: ReferenceAirport[];
  skipped: {
    /** Heliports, seaplane bases, balloon ports, closed airports. */
    notAnAirport: number;
    smallUnscheduled: number;
    noIcaoCode: number;
    /** Kept as darkflight's curated entry. */
    curated: number;
    /** A second row for a code already taken by a larger or more authoritative row. */
    duplicate: number;
  };
}

const KIND_BY_TYPE: Partial<Record<OurAirportsType, AirportKind>> = { large_airport: "large", medium_airport: "medium", small_airport: "small" };
const KIND_RANK: Record<AirportKind, number> = { large: 3, medium: 2, small: 1 };

/**
 * Which OurAirports rows become darkflight airports. Large and medium airports, and small ones
 * with a scheduled service; never heliports, seaplane bases or closed fields. Detection treats
 * "within 30-40 km of an airport" as take-off, landing or approach: with every US airstrip in the
 * list, almost every silence over land would be "near an airport", so unscheduled small fields
 * come in only on request (`allSmall`). Rows without an ICAO code cannot be a flight's endpoint
 * and are skipped. When two rows claim one code, the larger airport wins, then the row whose
 * own ident is that code.
 * @example selectAirports([{ ident: "KGEG", type: "medium_airport", icao: "KGEG", ... }]).airports[0].kind // "medium"
 */
export function selectAirports(candidates: Iterable<AirportCandidate>, options: AirportSelectionOptions = {}): AirportSelection {
  const skipped = { notAnAirport: 0, smallUnscheduled: 0, noIcaoCode: 0, curated: 0, duplicate: 0 };
  const chosen = new Map<string, { airport: ReferenceAirport; ownIdent: boolean }>();
  for (const c of candidates) {
    const kind = KIND_BY_TYPE[c.type];
    if (!kind) {
      skipped.notAnAirport += 1;
      continue;
    }
    if (kind === "small" && !c.scheduledService && !options.allSmall) {
      skipped.smallUnscheduled += 1;
      continue;
    }
    if (c.icao === null) {
      skipped.noIcaoCode += 1;
      continue;
    }
    if (options.keep?.has(c.icao)) {
      skipped.curated += 1;
      continue;
    }
    const entry = {
      airport: { icao: c.icao, iata: c.iata, name: c.name, country: c.country, latDeg: c.latDeg, lonDeg: c.lonDeg, elevationFt: c.elevationFt, kind },
      ownIdent: c.ident === c.icao,
    };
    const previous = chosen.get(c.icao);
    if (previous) {
      skipped.duplicate += 1;
      if (!outranks(entry, previous)) continue;
    }
    chosen.set(c.icao, entry);
  }
  const airports = [...chosen.values()].map((e) => e.airport).sort((a, b) => (a.icao < b.icao ? -1 : a.icao > b.icao ? 1 : 0));
  return { airports, skipped };
}

function outranks(a: { airport: ReferenceAirport; ownIdent: boolean }, b: { airport: ReferenceAirport; ownIdent: boolean }): boolean {
  const rankA = KIND_RANK[a.airport.kind ?? "small"];
  const rankB = KIND_RANK[b.airport.kind ?? "small"];
  if (rankA !== rankB) return rankA > rankB;
  return a.ownIdent && !b.ownIdent;
}
