import type { PositionSource } from "../../ingest/canonical-position";

/**
 * Every threshold of the detection core, in one typed object. Each default says why it is what
 * it is. The config in force is stored with each flag (`Finding.config`) so a flag can be
 * reproduced; callers override parts with {@link withConfig}.
 */
export interface DetectionConfig {
  track: TrackConfig;
  split: SplitConfig;
  endpoints: EndpointConfig;
  summary: SummaryConfig;
  gaps: GapConfig;
  cubaVenezuela: CubaVenezuelaConfig;
  unscheduled: UnscheduledConfig;
  zoneAvoidance: ZoneAvoidanceConfig;
  score: ScoreConfig;
}

/** Cleaning one aircraft's positions before anything else (see clean-track.ts). */
export interface TrackConfig {
  /** Faster than any aircraft in the data (Concorde cruised at ~1,180 kt): a point that would need
   *  more than this to be reached from its neighbours is a spoofed or corrupt position. */
  maxSpeedKt: number;
  /** Across a silence of at least `sustainedAfterS`, no aircraft averages more than this (jet cruise
   *  plus a strong jet-stream tailwind stays under ~650 kt); a jump that needs more is spoofing. */
  maxSustainedSpeedKt: number;
  sustainedAfterS: number;
  /** Slack added to the reachable distance: positions are quantised to whole seconds in many
   *  exports and carry a few hundred metres of noise, so two points 1 s apart may look 1 km apart. */
  jumpSlackKm: number;
  /** A silence longer than this starts a new run of positions that the spoof filter may keep or drop as a whole. */
  runBreakS: number;
  /** How many earlier runs a run may be chained to (bounds the work on very noisy tracks). */
  runLookback: number;
  /** A run of positions above `hoverMinAltitudeFt` lasting ≥ `hoverMinS` whose net speed is below
   *  `hoverMaxSpeedKt` is a spoofed/frozen position (the real THY9BP spoofing sample sits still at FL380
   *  for 34 min): airliners cannot hover. */
  hoverMinAltitudeFt: number;
  hoverMinS: number;
  hoverMaxSpeedKt: number;
}

/** Splitting one aircraft's positions into flights (see split-flights.ts). */
export interface SplitConfig {
  /** Airborne points below this ground speed… */
  groundMaxSpeedKt: number;
  /** …and below this height above the nearest airport (or sea level) count as on the ground when
   *  the data has no on-ground flag: no airliner flies that slow that low except on the runway. */
  groundMaxHeightFt: number;
  /** The slow-and-low rule applies only this close to a known airport, or below `groundCrawlKt`
   *  anywhere (so a helicopter at 70 kt over a city is not "landed"). */
  groundAirportRadiusKm: number;
  groundCrawlKt: number;
  /** Silences shorter than this never split a flight (readsb starts a new leg at 5 min). */
  minSilenceS: number;
  /** A silence longer than this always splits: past it, "one flight with a gap" is no longer credible. */
  maxGapInFlightS: number;
  /** Across a silence, an implied speed below this means the aircraft stopped somewhere (landed). */
  minGapSpeedKt: number;
  /** …and above this it cannot be the same flight (jet cruise plus a strong tailwind stays under ~650 kt). */
  maxGapSpeedKt: number;
  /** Below this height, descending before a silence and climbing after it means a landing in between. */
  turnaroundMaxHeightFt: number;
  /** Vertical rate that counts as descending (negative) or climbing (positive), ft/min. */
  verticalRateFpm: number;
  /** A ground point this close in time before take-off (after touch-down) anchors the flight to the runway. */
  groundAnchorMaxS: number;
  /** Segments with fewer points are dropped as degenerate. */
  minPoints: number;
  /**
   * Segments shorter than this are dropped: a landing roll whose on-ground state flickers (dense
   * receivers, two merged sources) would otherwise become dozens of seconds-long "flights".
   */
  minDurationS: number;
}

/** Origin and destination (see infer-endpoint.ts). */
export interface EndpointConfig {
  /** The first/last point is "low" at or below this height above the airport: on the runway, climbing out or on approach. */
  lowHeightFt: number;
  /** An airport within this distance of a low first/last point is the origin/destination (traffic's infer_airport uses a similar radius). */
  airportRadiusKm: number;
  /** How far to project back (origin) or forward (destination) along the heading to find land. */
  projectionKm: number;
  projectionStepKm: number;
  /** Heading is measured from the endpoint to the first point at least this far along the track. */
  headingBaseKm: number;
}

/** Flight summaries (see build-flight.ts). */
export interface SummaryConfig {
  /** FIR lookups every this many seconds… */
  firSampleS: number;
  /** …or this many km, whichever comes first: FIRs are hundreds of km wide, so nothing is missed but a corner. */
  firSampleKm: number;
}

/** Gap events (see find-gaps.ts, grade-gap.ts): Global Fishing Watch's method adapted to ADS-B. */
export interface GapConfig {
  /** Airborne silences at least this long are gap events (readsb's new-leg threshold; ADS-B reports every 0.5 s). */
  minGapS: number;
  /** Suspected only at or above this altitude: below it terrain and low-level coverage explain most silences. */
  minAltitudeFt: number;
  /** Descending at this rate (ft/min, negative) or faster at the off point means an approach: not suspected. */
  descentRateFpm: number;
  /** Suspected only farther than this from any airport (GFW: ≥ 50 nm from shore): arrivals drop below coverage. */
  airportExclusionKm: number;
  /** "Dense positions before": at least `minPositionsBefore` positions in the `densityWindowS` before the off point
   *  (GFW: ≥ 14 positions in 12 h for ships; aircraft report far more often). */
  densityWindowS: number;
  minPositionsBefore: number;
  /** Suspected only when at least this many OTHER aircraft were received in the cells along the gap's path during the gap. */
  minWitnesses: number;
  /** An open gap's path is projected from the off point along its last heading for at most this long… */
  openProjectionS: number;
  /** …and suspected only if at least this share of the projected cells had reception: otherwise the
   *  aircraft simply flew out of the area the data covers. */
  openMinCoveredFraction: number;
  /** Sources whose positions continuing during an ADS-B silence make it a partial gap (ADS-B Out off, transponder on). */
  partialSources: readonly PositionSource[];
  /** A partial gap is suspected when at least this many such positions continued during it. */
  minPartialPositions: number;
  /** Great-circle sampling step for the witness test, km (half a 1° cell). */
  pathStepKm: number;
}

/** CUBA_VENEZUELA (see detectors/cuba-venezuela.ts): a flight between a country of each list, either way. */
export interface CubaVenezuelaConfig {
  countriesA: readonly string[];
  countriesB: readonly string[];
}

/** UNSCHEDULED (see detectors/unscheduled.ts). */
export interface UnscheduledConfig {
  /** A schedule entry matches when the departure is within this many minutes of the scheduled one. */
  departureToleranceMin: number;
  /** Evaluate only flights that are already of interest (TYPE_OF_INTEREST or CUBA_VENEZUELA): otherwise
   *  every general-aviation and cargo flight would be "unscheduled" noise. */
  onlyFlightsOfInterest: boolean;
  /** How many near-miss schedule entries to explain in the evidence. */
  maxCandidates: number;
}

/** ZONE_AVOIDANCE (see detectors/zone-avoidance.ts). */
export interface ZoneAvoidanceConfig {
  /** Great-circle sampling step, km. */
  stepKm: number;
  /** The great circle must run at least this far inside the zone: clipping a corner is not a route through it. */
  minCrossingKm: number;
  /** The track must cover at least this share of the route (along the great circle), and all of the zone crossing. */
  minRouteCoverage: number;
}

/** Flight score (see score-flight.ts). */
export interface ScoreConfig {
  typeOfInterest: number;
  cubaVenezuela: number;
  unscheduled: number;
  /** Multiplied by the highest confidence among suspected gaps. */
  suspectedGap: number;
  zoneAvoidance: number;
  /** Flights with the report's full pattern (type + Cuba–Venezuela + one more) score at least this. */
  patternFloor: number;
}

export const DEFAULT_DETECTION_CONFIG: DetectionConfig = {
  track: { maxSpeedKt: 1200, maxSustainedSpeedKt: 700, sustainedAfterS: 300, jumpSlackKm: 2, runBreakS: 60, runLookback: 20, hoverMinAltitudeFt: 10000, hoverMinS: 120, hoverMaxSpeedKt: 50 },
  split: {
    groundMaxSpeedKt: 80,
    groundMaxHeightFt: 1500,
    groundAirportRadiusKm: 10,
    groundCrawlKt: 30,
    minSilenceS: 300,
    maxGapInFlightS: 6 * 3600,
    minGapSpeedKt: 100,
    maxGapSpeedKt: 700,
    turnaroundMaxHeightFt: 10000,
    verticalRateFpm: 300,
    groundAnchorMaxS: 600,
    minPoints: 3,
    minDurationS: 120,
  },
  endpoints: { lowHeightFt: 5000, airportRadiusKm: 30, projectionKm: 600, projectionStepKm: 10, headingBaseKm: 20 },
  summary: { firSampleS: 120, firSampleKm: 20 },
  gaps: {
    minGapS: 300,
    minAltitudeFt: 10000,
    descentRateFpm: -1000,
    airportExclusionKm: 40,
    densityWindowS: 600,
    minPositionsBefore: 10,
    minWitnesses: 2,
    openProjectionS: 1200,
    openMinCoveredFraction: 0.5,
    partialSources: ["MLAT", "MODE_S"],
    minPartialPositions: 2,
    pathStepKm: 50,
  },
  cubaVenezuela: { countriesA: ["CU"], countriesB: ["VE"] },
  unscheduled: { departureToleranceMin: 90, onlyFlightsOfInterest: true, maxCandidates: 3 },
  zoneAvoidance: { stepKm: 10, minCrossingKm: 50, minRouteCoverage: 0.6 },
  score: { typeOfInterest: 0.2, cubaVenezuela: 0.2, unscheduled: 0.1, suspectedGap: 0.15, zoneAvoidance: 0.15, patternFloor: 0.75 },
};

/** Partial overrides, one level deep per section. */
export type DetectionConfigOverrides = { [K in keyof DetectionConfig]?: Partial<DetectionConfig[K]> };

/**
 * The defaults with some thresholds replaced.
 * @example withConfig({ gaps: { minWitnesses: 3 } }).gaps.minWitnesses // 3
 */
export function withConfig(overrides: DetectionConfigOverrides = {}, base: DetectionConfig = DEFAULT_DETECTION_CONFIG): DetectionConfig {
  return {
    track: { ...base.track, ...overrides.track },
    split: { ...base.split, ...overrides.split },
    endpoints: { ...base.endpoints, ...overrides.endpoints },
    summary: { ...base.summary, ...overrides.summary },
    gaps: { ...base.gaps, ...overrides.gaps },
    cubaVenezuela: { ...base.cubaVenezuela, ...overrides.cubaVenezuela },
    unscheduled: { ...base.unscheduled, ...overrides.unscheduled },
    zoneAvoidance: { ...base.zoneAvoidance, ...overrides.zoneAvoidance },
    score: { ...base.score, ...overrides.score },
  };
}
