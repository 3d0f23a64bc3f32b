import type { TrackPoint } from "../track-point";

/** Stable flag kinds, used by the database, the API, the CLI and the UI. */
export const FLAG_KINDS = ["TYPE_OF_INTEREST", "CUBA_VENEZUELA", "UNSCHEDULED", "TRANSPONDER_GAP", "ZONE_AVOIDANCE"] as const;
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

/** An airborne silence inside a flight. */
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
  witnessCount: number;
  /** Why it is (not) suspected, in plain words, one reason per entry. */
  reasons: string[];
  /** Witness test details: cells sampled along the gap's path (projected for an open gap)… */
  cellsOnPath?: number;
  /** …and how many of them had reception from other aircraft during the gap. */
  cellsWithReception?: number;
  /** Up to 20 witnesses' addresses. */
  witnesses?: string[];
  /** Positions in the density window before the off point (ADS-B only for a partial gap). */
  positionsBefore?: number;
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
}

export interface DetectedFlight extends Flight {
  findings: Finding[];
  score: number; // 0..1
  scoreExplanation: string[];
}
