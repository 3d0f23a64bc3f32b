import type { Finding } from "./model/finding";
import type { TrackPoint } from "./model/track-point";

/**
 * One stored flight as the pages, charts, maps and exports see it: plain numbers and strings
 * (epoch ms, no bigint, no Date), built by the data-access layer from the database rows.
 */
export interface FlightRecord {
  /** The flight's URL key, `${icao24}-${id}`: flights are keyed by (icao24, id). */
  key: string;
  icao24: string;
  id: string;
  callsign: string | null;
  firstSeenMs: number;
  lastSeenMs: number;
  origin: EndpointRecord;
  destination: EndpointRecord;
  distanceKm: number;
  maxAltitudeFt: number | null;
  positionCount: number;
  firSequence: string[];
  score: number;
  detectorVersion: string;
  aircraft: AircraftRecord | null;
  flags: FlagRecord[];
  gaps: GapRecord[];
}

export interface EndpointRecord {
  airportIcao: string | null;
  airportName: string | null;
  country: string | null;
  latDeg: number | null;
  lonDeg: number | null;
  /** True when read from where the track starts/ends at altitude, not from an airport. */
  inferred: boolean;
  explanation: string | null;
}

export interface AircraftRecord {
  registration: string | null;
  typecode: string | null;
  model: string | null;
  operator: string | null;
  /** Country of the ICAO 24-bit address block (ISO alpha-2). */
  blockCountry: string | null;
  tags: string[];
  identitySource: string | null;
}

/** A stored flag: what a detector found (its evidence typed by lib/core/model/evidence/*), with its row id. */
export type FlagRecord = Finding & { id: string };

export interface GapRecord {
  offTimeMs: number;
  offLatDeg: number;
  offLonDeg: number;
  offAltitudeFt: number | null;
  offSpeedKt: number | null;
  /** null for an open gap: the track ends airborne (until the aircraft's next flight or the end of the data). */
  onTimeMs: number | null;
  onLatDeg: number | null;
  onLonDeg: number | null;
  onAltitudeFt: number | null;
  onSpeedKt: number | null;
  durationS: number;
  distanceKm: number | null;
  impliedSpeedKt: number | null;
  open: boolean;
  partial: boolean;
  /** The coverage model suspected a switch-off; otherwise it is only a gap. */
  suspected: boolean;
  confidence: number;
  witnessCount: number;
}

/** Every stored position of a flight, sorted by time (exports keep all of them; displays thin them). */
export type TrackPositionRecord = Pick<
  TrackPoint,
  "timeMs" | "latDeg" | "lonDeg" | "altitudeFt" | "groundSpeedKt" | "trackDeg" | "verticalRateFpm" | "onGround" | "source" | "callsign"
> & { squawk: string | null };

export const REVIEW_STATUSES = ["NEW", "IN_REVIEW", "CONFIRMED", "DISMISSED"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewRecord {
  status: ReviewStatus;
  assigneeEmail: string | null;
  published: boolean;
  publishedAtMs: number | null;
}

export interface NoteRecord {
  id: string;
  authorEmail: string | null;
  body: string;
  createdAtMs: number;
}

/** One entry of a flight's audit trail, oldest first. */
export interface AuditRecord {
  atMs: number;
  actorEmail: string | null;
  action: string;
  details: Record<string, unknown> | null;
}

/** The URL key of a flight and back; null for anything that is not one. */
export function flightKey(icao24: string, id: string | number | bigint): string {
  return `${icao24.trim().toLowerCase()}-${id}`;
}

export function parseFlightKey(key: string): { icao24: string; id: string } | null {
  const m = /^([0-9a-f]{6})-([1-9][0-9]{0,17})$/.exec(key.toLowerCase());
  return m ? { icao24: m[1]!, id: m[2]! } : null;
}
