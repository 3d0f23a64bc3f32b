import type { FlightRecord } from "../flight-record";

export interface HeadlineFigures {
  flaggedFlights: number;
  /** Cuba–Venezuela flights (either direction) per aircraft type, most first; null type = "unknown". */
  cubaVenezuelaByType: { typecode: string; flights: number }[];
  cubaVenezuelaFlights: number;
  /** Gaps the coverage model suspected (other aircraft were received along the path). */
  suspectedSwitchOffs: number;
  /** Gaps without that evidence: reception was missing, so nothing is suspected. */
  gapsWithoutEvidence: number;
  /** Flights that flew around a watched zone (ZONE_AVOIDANCE). */
  detours: number;
}

/** The overview's headline figures, counted from the findings in scope. */
export function headlineFigures(flights: Pick<FlightRecord, "flags" | "gaps" | "aircraft">[]): HeadlineFigures {
  const byType = new Map<string, number>();
  let cubaVenezuelaFlights = 0;
  let suspectedSwitchOffs = 0;
  let gapsWithoutEvidence = 0;
  let detours = 0;
  for (const flight of flights) {
    const kinds = new Set(flight.flags.map((f) => f.kind));
    if (kinds.has("CUBA_VENEZUELA")) {
      cubaVenezuelaFlights += 1;
      const type = flight.aircraft?.typecode?.toUpperCase() || "unknown";
      byType.set(type, (byType.get(type) ?? 0) + 1);
    }
    if (kinds.has("ZONE_AVOIDANCE")) detours += 1;
    for (const gap of flight.gaps) {
      if (gap.suspected) suspectedSwitchOffs += 1;
      else gapsWithoutEvidence += 1;
    }
  }
  return {
    flaggedFlights: flights.filter((f) => f.flags.length > 0).length,
    cubaVenezuelaByType: [...byType].map(([typecode, n]) => ({ typecode, flights: n })).sort((a, b) => b.flights - a.flights || a.typecode.localeCompare(b.typecode)),
    cubaVenezuelaFlights,
    suspectedSwitchOffs,
    gapsWithoutEvidence,
    detours,
  };
}
