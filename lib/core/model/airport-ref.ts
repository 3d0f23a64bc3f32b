import type { CountryCode } from "./country-code";

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
