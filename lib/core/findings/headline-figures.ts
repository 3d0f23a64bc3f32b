/**
 * Flights that count alike on the overview, as PostgreSQL groups them (get-findings-counts.ts):
 * the figures and charts cover every finding in the period, however many, while the map and
 * the list draw the newest few hundred.
 */
export interface FindingGroup {
  /** Start of the UTC day of the flights' first position (charts bin by week), epoch ms. */
  firstSeenMs: number;
  typecode: string | null;
  /** The flag kinds the flights carry (empty: no flag). */
  kinds: readonly string[];
  flights: number;
}

/** Gaps of the same duration and grading, counted. */
export interface GapGroup {
  durationS: number;
  suspected: boolean;
  gaps: number;
}

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
export function headlineFigures(flights: readonly FindingGroup[], gaps: readonly GapGroup[]): HeadlineFigures {
  const byType = new Map<string, number>();
  let flaggedFlights = 0;
  let cubaVenezuelaFlights = 0;
  let detours = 0;
  for (const group of flights) {
    if (group.kinds.length > 0) flaggedFlights += group.flights;
    if (group.kinds.includes("CUBA_VENEZUELA")) {
      cubaVenezuelaFlights += group.flights;
      const type = group.typecode?.toUpperCase() || "unknown";
      byType.set(type, (byType.get(type) ?? 0) + group.flights);
    }
    if (group.kinds.includes("ZONE_AVOIDANCE")) detours += group.flights;
  }
  let suspectedSwitchOffs = 0;
  let gapsWithoutEvidence = 0;
  for (const group of gaps) {
    if (group.suspected) suspectedSwitchOffs += group.gaps;
    else gapsWithoutEvidence += group.gaps;
  }
  return {
    flaggedFlights,
    cubaVenezuelaByType: [...byType].map(([typecode, n]) => ({ typecode, flights: n })).sort((a, b) => b.flights - a.flights || a.typecode.localeCompare(b.typecode)),
    cubaVenezuelaFlights,
    suspectedSwitchOffs,
    gapsWithoutEvidence,
    detours,
  };
}
