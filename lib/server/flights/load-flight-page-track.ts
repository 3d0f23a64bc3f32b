import "server-only";
import type { FlightRecord } from "../../core/flight-record";
import type { MapTrackPoint } from "../../core/flights/map-track";
import { loadMapTracks } from "./load-map-tracks";
import { loadProfilePositions, type ProfilePositions } from "./load-profile-positions";

/** What the flight page draws, prepared without reading every position into the web server. */
export interface FlightPageTrack {
  /** Stored positions in the flight's span. */
  positionCount: number;
  /** The profile chart's positions, thinned in PostgreSQL. */
  profile: ProfilePositions["points"];
  /** The map's track as detection stored it (≤ 2,000 points). */
  map: MapTrackPoint[];
}

/** Positions the profile's SQL thinning keeps at most, before the chart's own thinning. */
const PROFILE_MAX_POINTS = 1200;

/** One flight's page track: the thinned profile and the stored map track, read at once. */
export async function loadFlightPageTrack(flight: Pick<FlightRecord, "icao24" | "id" | "firstSeenMs" | "lastSeenMs" | "gaps">): Promise<FlightPageTrack> {
  const [profile, [map]] = await Promise.all([
    loadProfilePositions(flight.icao24, flight.firstSeenMs, flight.lastSeenMs, flight.gaps, PROFILE_MAX_POINTS),
    loadMapTracks([flight]),
  ]);
  return { positionCount: profile.count, profile: profile.points, map: map ?? [] };
}
