import "server-only";
import { cubaVenezuelaScheduledSeries } from "../../core/charts/cuba-venezuela-scheduled-series";
import { flaggedFlightsPerWeek } from "../../core/charts/flagged-flights-per-week";
import { gapDurationHistogram } from "../../core/charts/gap-duration-histogram";
import type { FlightRecord } from "../../core/flight-record";
import { headlineFigures } from "../../core/findings/headline-figures";
import { flagTag } from "../../core/format/flag-label";
import type { OverviewMapData } from "../../core/map/map-data";
import { projectOverviewMap } from "../../core/map/project-overview-map";
import { REFERENCE_AIRPORTS } from "../../core/reference/airports";
import { getReceptionOverview } from "../reception/get-reception-overview";
import { loadMapZones } from "../reference/load-map-zones";
import { cachedForPublication } from "./cached-for-publication";
import { getFindingsCounts } from "./get-findings-counts";
import { getFindingsOverview, type FindingsPeriod } from "./get-findings-overview";

/** Reception-map band shown to analysts: FL250 and above (where switch-offs are graded). */
const CRUISE_BAND = 2;

/** Airports always marked on the map: the two ends of the story and the island in between. */
const STORY_AIRPORTS = ["MUHA", "SVMI", "TNCC"];

/** Everything the overview draws, shaped: plain data, small enough to keep per publication version. */
export interface OverviewModel {
  scope: "published" | "all-flagged";
  spanFrom: string | null;
  spanTo: string | null;
  /** The findings drawn on the map and listed (the newest FINDINGS_LIMIT at most). */
  findingsCount: number;
  /** Every finding in the period: the figures and charts count them all. */
  totalCount: number;
  figures: ReturnType<typeof headlineFigures>;
  perWeek: ReturnType<typeof flaggedFlightsPerWeek>;
  cubaVenezuela: ReturnType<typeof cubaVenezuelaScheduledSeries>;
  gapBins: ReturnType<typeof gapDurationHistogram>;
  map: OverviewMapData;
  /** The ten newest, by publication (or first seen). */
  latest: { flight: FlightRecord; publishedAtMs: number | null }[];
}

/**
 * The overview's findings, figures, charts and map. Readers' view (`published`) is computed
 * once per publication version and period and served from the cache until something is
 * published or unpublished; analysts' view of every flagged flight (with the reception map) is
 * computed per request (the page checks the role).
 */
export function getOverviewModel(period: FindingsPeriod, scope: "published" | "all-flagged"): Promise<OverviewModel> {
  if (scope === "all-flagged") return buildOverviewModel(period, scope);
  return cachedForPublication(`overview:${period.from ?? ""}:${period.to ?? ""}`, () => buildOverviewModel(period, scope));
}

async function buildOverviewModel(period: FindingsPeriod, scope: "published" | "all-flagged"): Promise<OverviewModel> {
  const [overview, counts, zones, reception] = await Promise.all([
    getFindingsOverview(period, scope),
    getFindingsCounts(period, scope),
    loadMapZones("all"),
    scope === "all-flagged" ? getReceptionOverview(period, CRUISE_BAND) : Promise.resolve([]),
  ]);
  const flights = overview.findings.map((f) => f.flight);
  const airportCodes = new Set([...STORY_AIRPORTS, ...flights.flatMap((f) => [f.origin.airportIcao, f.destination.airportIcao]).filter((c): c is string => c !== null)]);
  const map = projectOverviewMap({
    zones,
    receptionCells: reception,
    airports: REFERENCE_AIRPORTS.filter((a) => airportCodes.has(a.icao)),
    tracks: overview.findings.map((f) => ({
      key: f.flight.key,
      label: [f.flight.callsign ?? f.flight.icao24, f.flight.aircraft?.typecode, f.flight.aircraft?.registration].filter(Boolean).join(" · "),
      flagLabels: f.flight.flags.map((g) => flagTag(g.kind, g.evidence.suspected)),
      points: f.points,
      gaps: f.flight.gaps.map((g) => ({
        off: { latDeg: g.offLatDeg, lonDeg: g.offLonDeg },
        on: g.onLatDeg === null || g.onLonDeg === null ? null : { latDeg: g.onLatDeg, lonDeg: g.onLonDeg },
        suspected: g.suspected,
      })),
    })),
  });
  return {
    scope,
    spanFrom: overview.spanFrom,
    spanTo: overview.spanTo,
    findingsCount: overview.findings.length,
    totalCount: counts.flights.reduce((n, g) => n + g.flights, 0),
    figures: headlineFigures(counts.flights, counts.gaps),
    perWeek: flaggedFlightsPerWeek(counts.flights),
    cubaVenezuela: cubaVenezuelaScheduledSeries(
      counts.flights
        .filter((g) => g.kinds.includes("CUBA_VENEZUELA"))
        .map((g) => ({ firstSeenMs: g.firstSeenMs, unscheduled: g.kinds.includes("UNSCHEDULED"), flights: g.flights })),
    ),
    gapBins: gapDurationHistogram(counts.gaps),
    map,
    latest: [...overview.findings]
      .sort((a, b) => (b.publishedAtMs ?? b.flight.firstSeenMs) - (a.publishedAtMs ?? a.flight.firstSeenMs))
      .slice(0, 10)
      .map(({ flight, publishedAtMs }) => ({ flight, publishedAtMs })),
  };
}
