import type { Finding } from "./finding";
import type { FlightEndpoint } from "./flight-endpoint";
import type { GapEvent } from "./gap-event";
import type { SpoofedStretch } from "./spoofed-stretch";
import type { TrackPoint } from "./track-point";

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
  spoofing?: SpoofedStretch[];
}

export interface DetectedFlight extends Flight {
  findings: Finding[];
  score: number; // 0..1
  scoreExplanation: string[];
}
