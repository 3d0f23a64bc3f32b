import type { PositionSource } from "../../ingest/canonical-position";
import { DEFAULT_RECEPTION_CONFIG, type ReceptionConfig } from "./reception-config";

/**
 * Every threshold of the detection core, in one typed object. Each default says why it is what
 * it is. The config in force is stored with each flag (`Finding.config`) so a flag can be
 * reproduced; callers override parts with {@link withConfig}.
 */
export interface DetectionConfig {
  track: TrackConfig;
  spoofing: SpoofingConfig;
  split: SplitConfig;
  endpoints: EndpointConfig;
  summary: SummaryConfig;
  gaps: GapConfig;
  reception: ReceptionConfig;
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
  /** An outlier is at most this many consecutive samples: a glitch, not a displaced track (that is spoofing). */
  outlierMaxSamples: number;
  /** A sample is inconsistent with a neighbour when it would need more than the reported ground
   *  speed × this factor + `outlierSpeedMarginKt` (capped at `maxSpeedKt`) to be reached. The margin
   *  covers a speed change between reports and the 1-s time quantisation; 1.5× and 50 kt leave real
   *  turns and accelerations far inside. */
  outlierSpeedFactor: number;
  outlierSpeedMarginKt: number;
  /** Positions above `hoverMinAltitudeFt` whose reported ground speed AND path speed (length flown,
   *  not net displacement: a loop or a hold flies far and ends near its start) stay below
   *  `hoverMaxSpeedKt` for ≥ `hoverMinS` hang still where no aeroplane can: at FL180 and above
   *  (IFR-only airspace in most countries) true airspeeds exceed ~150 kt and even a 100-kt headwind
   *  leaves more than this ground speed. The real THY9BP spoofing sample "flies" 50–68 kt at FL380.
   *  Balloons are the accepted exception. */
  hoverMinAltitudeFt: number;
  hoverMinS: number;
  hoverMaxSpeedKt: number;
}

/** Position spoofing (see find-spoofed-stretches.ts, detectors/position-spoofing.ts). */
export interface SpoofingConfig {
  /** A position repeated unchanged for at least this long while the aircraft reports ≥ `frozenMinSpeedKt`
   *  is frozen: OpenSky holds a position for at most 15 s and readsb marks it stale at 20 s, so
   *  2 min is 6× longer than any feed holds one, and at 100 kt the aircraft has moved ≥ 6 km. */
  frozenMinS: number;
  frozenMinSpeedKt: number;
  /** A fix that only jitters by this much counts as the same position (a frozen fix re-encoded with
   *  noise, as spoofed and simulated sources do) — but only while the aircraft reports ≥
   *  `frozenMinSpeedKt`, at which it covers this distance in 2 s: a real track never stays inside it. */
  frozenToleranceKm: number;
  /** A jump counts only from this distance: coordinates that update late (one of lat/lon stale for
   *  a few samples) make steps of up to ~9 km in airbus_tree_opensky_states.csv; real spoofing jumps
   *  are tens to hundreds of km (THY9BP: 261 km and 564 km). */
  teleportMinKm: number;
  /** The track must come back to where the aircraft could be within this long, or the stretch is
   *  not called spoofing (nothing to measure it against: the flight is split at the jump instead). */
  maxStretchS: number;
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
  /** Across a silence, an implied speed below this means the aircraft went nowhere: it landed, or it
   *  circled, held or hovered (firefighters over a fire, a holding stack). On its own that is no
   *  landing: it splits only when the aircraft was also in a landing pattern (see `patternMaxHeightFt`). */
  minGapSpeedKt: number;
  /** A slow silence splits when both ends are at most this high (above the nearest airport, else sea
   *  level) and the aircraft was descending before or climbing after: the last position before a
   *  landing is on final or in the circuit (≤ ~1,500–2,500 ft above the field; CAL FIRE tankers
   *  reloading at Ramona are last seen at ~2,000 ft), while air attack circles at 4,000–10,000 ft and
   *  holds are higher still. */
  patternMaxHeightFt: number;
  /** …and above this it cannot be the same flight (jet cruise plus a strong tailwind stays under ~650 kt). */
  maxGapSpeedKt: number;
  /** Below this height, descending before a silence and climbing after it means a landing in between. */
  turnaroundMaxHeightFt: number;
  /** Vertical rate that counts as descending (negative) or climbing (positive), ft/min. */
  verticalRateFpm: number;
  /** A silence splits at a landing only if it lasted long enough to get down from the off height at
   *  `landingDescentFpm`, climb to the on height at `landingClimbFpm` and spend `minTurnaroundS` on
   *  the ground. 3,000 ft/min both ways is faster than normal approaches (700–1,500) and climbs
   *  (≤ 3,000), so the bound only rules out landings that could not have happened. */
  landingDescentFpm: number;
  landingClimbFpm: number;
  minTurnaroundS: number;
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
  /** A track that ends descending (starts climbing) below this height within `approachRadiusKm` of an
   *  airport was on its approach (departure) there, though unheard on the runway: the largest such
   *  airport (scheduled traffic uses the big one: Spokane International, not Felts Field next door). */
  approachMaxHeightFt: number;
  approachRadiusKm: number;
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
  /** Suspected only farther than this from any airport (GFW: ≥ 50 nm from shore): arrivals drop below coverage… */
  airportExclusionKm: number;
  /** …when lower than this above it: an aircraft crossing at FL250 is not arriving or departing there. */
  airportExclusionMaxHeightFt: number;
  /** "Dense positions before": at least `minPositionsBefore` positions in the `densityWindowS` before the off point
   *  (GFW: ≥ 14 positions in 12 h for ships; aircraft report far more often). */
  densityWindowS: number;
  minPositionsBefore: number;
  /** The reception map must predict at least this many positions along the silent path had the aircraft been
   *  transmitting (its own sampling × the reception measured in each cell): 20 is 3½ min of well-covered
   *  silence at 10-s sampling, longer than one receiver's momentary dropout… */
  minExpectedPositions: number;
  /** …and make hearing none of them at most this likely (per cell, the worse of the per-position chance and the
   *  share of other aircraft's crossings of that cell that were heard not at all). */
  maxChanceOfNone: number;
  /** At least this many OTHER aircraft received in the silent path's cells (or next to them) strictly during the
   *  silence. 0 by default: in sparse traffic nobody may be there, and the map alone then decides unless other
   *  aircraft went quiet too (the "sparse but well-covered airspace"); raise it to demand witnesses. */
  minWitnesses: number;
  /** Positions of others within this of either end of the silence count neither as witnesses nor against
   *  "quiet": after an outage receivers and aircraft resume at different moments (each at its own sampling). */
  witnessEndMarginS: number;
  /** At least this many other aircraft received anywhere within `aliveRadiusKm` of the path during the silence:
   *  with nobody received in a whole region, a feed outage cannot be told from a switch-off (an aggregator
   *  outage silences a whole region at once; single receivers' outages are the quiet-aircraft check's job). */
  minAliveAircraft: number;
  aliveRadiusKm: number;
  /** Counting those aircraft stops here: one shows the feed up, and a busy sky is reported as "at least"
   *  this many instead of reading every position of the region to count them all. */
  aliveCountCap: number;
  /** …unless nobody was received there in this long before the silence either: with no traffic at all, an
   *  outage cannot be seen, and the map alone decides (early morning over the Guajira). */
  aliveLookbackS: number;
  /** The silent path is taken as the great circle between where it was lost and found only when that implies at
   *  least this share of its ground speed before: slower, it flew elsewhere (out of an extract and back, a
   *  holding pattern) and its path is unknown. */
  minPathSpeedRatio: number;
  /** Other aircraft heard in those cells this long before and after the silence but not during it are "quiet too":
   *  more of them than witnesses means a receiver or feed outage, not a switch-off. */
  quietMarginS: number;
  /** An open gap's path is projected from the off point along its last heading for at most this long. */
  openProjectionS: number;
  /** An open gap lasts until the aircraft is next received, the data ends, or this long at most (past it nothing
   *  says the aircraft was still airborne: the split rule ends a flight there). */
  maxOpenS: number;
  /** Sources whose positions continuing during an ADS-B silence make it a partial gap (ADS-B Out off, transponder on). */
  partialSources: readonly PositionSource[];
  /** A partial gap is suspected when at least this many such positions continued during it. */
  minPartialPositions: number;
  /** Sampling step along the silent path when listing its cells, km (a fifth of a 0.5° cell). */
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
  track: {
    maxSpeedKt: 1200,
    maxSustainedSpeedKt: 700,
    sustainedAfterS: 300,
    jumpSlackKm: 2,
    outlierMaxSamples: 2,
    outlierSpeedFactor: 1.5,
    outlierSpeedMarginKt: 50,
    hoverMinAltitudeFt: 18000,
    hoverMinS: 120,
    hoverMaxSpeedKt: 100,
  },
  spoofing: { frozenMinS: 120, frozenMinSpeedKt: 100, frozenToleranceKm: 0.1, teleportMinKm: 20, maxStretchS: 3 * 3600 },
  split: {
    groundMaxSpeedKt: 80,
    groundMaxHeightFt: 1500,
    groundAirportRadiusKm: 10,
    groundCrawlKt: 30,
    minSilenceS: 300,
    maxGapInFlightS: 6 * 3600,
    minGapSpeedKt: 100,
    patternMaxHeightFt: 3000,
    maxGapSpeedKt: 700,
    turnaroundMaxHeightFt: 10000,
    verticalRateFpm: 300,
    landingDescentFpm: 3000,
    landingClimbFpm: 3000,
    minTurnaroundS: 60,
    groundAnchorMaxS: 600,
    minPoints: 3,
    minDurationS: 120,
  },
  endpoints: { lowHeightFt: 5000, approachMaxHeightFt: 12_000, approachRadiusKm: 60, airportRadiusKm: 30, projectionKm: 600, projectionStepKm: 10, headingBaseKm: 20 },
  summary: { firSampleS: 120, firSampleKm: 20 },
  gaps: {
    minGapS: 300,
    minAltitudeFt: 10000,
    descentRateFpm: -1000,
    airportExclusionKm: 40,
    airportExclusionMaxHeightFt: 15_000,
    densityWindowS: 600,
    minPositionsBefore: 10,
    minExpectedPositions: 20,
    maxChanceOfNone: 0.001,
    minWitnesses: 0,
    witnessEndMarginS: 120,
    minAliveAircraft: 1,
    aliveRadiusKm: 1000,
    aliveCountCap: 20,
    aliveLookbackS: 1800,
    minPathSpeedRatio: 0.6,
    quietMarginS: 600,
    openProjectionS: 1200,
    maxOpenS: 6 * 3600,
    partialSources: ["MLAT", "MODE_S"],
    minPartialPositions: 2,
    pathStepKm: 10,
  },
  reception: DEFAULT_RECEPTION_CONFIG,
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
    spoofing: { ...base.spoofing, ...overrides.spoofing },
    split: { ...base.split, ...overrides.split },
    endpoints: { ...base.endpoints, ...overrides.endpoints },
    summary: { ...base.summary, ...overrides.summary },
    gaps: { ...base.gaps, ...overrides.gaps },
    reception: { ...base.reception, ...overrides.reception },
    cubaVenezuela: { ...base.cubaVenezuela, ...overrides.cubaVenezuela },
    unscheduled: { ...base.unscheduled, ...overrides.unscheduled },
    zoneAvoidance: { ...base.zoneAvoidance, ...overrides.zoneAvoidance },
    score: { ...base.score, ...overrides.score },
  };
}
