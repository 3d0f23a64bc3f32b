import type { TrackPoint } from "../track-point";

/** Stable flag kinds, used by the database, the API, the CLI and the UI. */
export const FLAG_KINDS = ["TYPE_OF_INTEREST", "CUBA_VENEZUELA", "UNSCHEDULED", "TRANSPONDER_GAP", "ZONE_AVOIDANCE", "POSITION_SPOOFING"] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** ISO 3166-1 alpha-2, upper case: "CU", "VE", "CW" ... */
export type CountryCode = string;

export interface AirportRef {
  icao: string;
  iata: string | null;
  name: string;
  country: CountryCode;
  latDeg: number;
  lonDeg: number;
  /** Field elevation, ft above mean sea level; absent/null when unknown (treated as sea level). */
  elevationFt?: number | null;
  /** OurAirports' size class; absent/null for curated entries without one. */
  kind?: "large" | "medium" | "small" | null;
}

/** A polygon zone (FIR or analyst-drawn), GeoJSON geometry in lon/lat degrees. */
export interface ZoneRef {
  code: string;
  name: string;
  kind: "FIR" | "WATCHED";
  watched: boolean;
  geometry: { type: "Polygon"; coordinates: number[][][] } | { type: "MultiPolygon"; coordinates: number[][][][] };
}

export interface AircraftRef {
  icao24: string;
  registration: string | null;
  typecode: string | null;
  operator: string | null;
  /** Watchlist tags (plane-alert-db categories, analysts' own). */
  tags: string[];
  identitySource: string | null;
}

export interface ScheduleRef {
  callsign: string;
  originIcao: string;
  destinationIcao: string;
  /** ISO weekday digits, 1 = Monday … 7 = Sunday, sorted: "1357". */
  weekdays: string;
  departureUtc: string; // "HH:MM"
  arrivalUtc: string;
  validFrom: string; // "YYYY-MM-DD", inclusive
  validTo: string;
  operator: string | null;
}

/** How an endpoint (origin or destination) of a flight was established. */
export interface FlightEndpoint {
  airportIcao: string | null;
  country: CountryCode | null;
  /** "airport": nearest airport to the first/last low point; "track-start"/"track-end": the
   *  track begins/ends at altitude, country from where it is and where it was heading. */
  method: "airport" | "inferred" | "unknown";
  /** Plain words for the evidence, e.g. "track starts at FL350 over Cuba, heading 140°". */
  explanation: string;
  /** The first (origin) or last (destination) position the endpoint was read from. */
  point?: { timeMs: number; latDeg: number; lonDeg: number; altitudeFt: number | null };
  /** Initial (origin) or final (destination) heading of the track, degrees true; null when unknown. */
  headingDeg?: number | null;
  /** km from the point to the airport ("airport"), or to the first land along the heading (inferred over water). */
  distanceKm?: number | null;
}

/** An airborne silence inside a flight, graded (see lib/core/gaps/grade-gap.ts). */
export interface GapEvent {
  off: GapPoint;
  /** null when the gap is still open at the end of the data. */
  on: GapPoint | null;
  durationS: number;
  distanceKm: number | null;
  impliedSpeedKt: number | null;
  open: boolean;
  /** ADS-B positions stopped while MLAT / Mode S positions continued. */
  partial: boolean;
  suspected: boolean;
  confidence: number; // 0..1
  /** Other aircraft received along the silent path during it (partial gaps: the aircraft's own MLAT / Mode S positions). */
  witnessCount: number;
  /** Why it is (not) suspected: one code per criterion, passed or failed (words are made from them by describe-flag.ts). */
  reasons: GapReason[];
  /** Up to 20 witnesses' addresses. */
  witnesses: string[];
  /** Other aircraft heard next to the path just before and after the silence but not during it. */
  quietCount: number;
  /** Other aircraft received anywhere in the wider region around the path during the silence. */
  aliveCount: number;
  /** Other aircraft's crossings of the path's cells in the hours around the silence: heard, and not heard at all. */
  crossingsHeardThen: number;
  crossingsUnheardThen: number;
  /** Positions the reception map predicted along the silent path had the aircraft been transmitting. */
  expectedPositions: number;
  /** The map's chance that none of them would have been received. */
  chanceOfNone: number;
  /** The aircraft's own sampling interval before the silence, s (null when unknown). */
  ownIntervalS: number | null;
  /** The cells inside the silent path, with the reception the map measured there at its altitude band. */
  pathCells: GapPathCell[];
  /** Positions in the density window before the off point (ADS-B only for a partial gap). */
  positionsBefore: number;
}

/** One criterion of the grading: a stable code and whether the silence met it. */
export interface GapReason {
  code: GapReasonCode;
  passed: boolean;
}

export const GAP_REASON_CODES = [
  "ALTITUDE",
  "NOT_DESCENDING",
  "AWAY_FROM_AIRPORTS",
  "DENSE_BEFORE",
  "STRAIGHT_PATH",
  "MAP_EXPECTS_RECEPTION",
  "MAP_KNOWS_PATH",
  "OTHERS_RECEIVED",
  "OTHERS_NOT_QUIET",
  "CROSSINGS_HEARD_THEN",
  "FEED_ALIVE",
  "OTHER_SOURCES_CONTINUED",
] as const;
export type GapReasonCode = (typeof GAP_REASON_CODES)[number];

/** A cell inside a silent path: where, how long the aircraft would have spent there, and the map's reception. */
export interface GapPathCell {
  cell: number;
  latDeg: number;
  lonDeg: number;
  seconds: number;
  /** Positions received / predicted there by the map over its history window; null: never crossed (unknown). */
  receptionRate: number | null;
}

export interface GapPoint {
  timeMs: number;
  latDeg: number;
  lonDeg: number;
  altitudeFt: number | null;
  groundSpeedKt: number | null;
}

/** What a detector reports: a time window and evidence a sceptical reader can check. */
export interface Finding {
  kind: FlagKind;
  windowStartMs: number;
  windowEndMs: number;
  evidence: Record<string, unknown>;
  /** e.g. "zone-avoidance@1" */
  ruleVersion: string;
  /** The thresholds in force, stored with the flag so it can be reproduced. */
  config: Record<string, unknown>;
}

/** A flight: one aircraft's positions between landings or long silences. */
export interface Flight {
  icao24: string;
  points: TrackPoint[];
  firstSeenMs: number;
  lastSeenMs: number;
  callsign: string | null;
  origin: FlightEndpoint;
  destination: FlightEndpoint;
  distanceKm: number;
  maxAltitudeFt: number | null;
  /** FIR codes in the order flown, consecutive repeats removed. */
  firSequence: string[];
  gaps: GapEvent[];
  /** Stretches of frozen or teleported positions, removed from `points` (POSITION_SPOOFING). */
  spoofing?: import("../flights/spoofed-stretch").SpoofedStretch[];
}

export interface DetectedFlight extends Flight {
  findings: Finding[];
  score: number; // 0..1
  scoreExplanation: string[];
}
