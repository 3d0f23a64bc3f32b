import type { CountryCode } from "./country-code";

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
