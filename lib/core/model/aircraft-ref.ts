export interface AircraftRef {
  icao24: string;
  registration: string | null;
  typecode: string | null;
  operator: string | null;
  /** Watchlist tags (plane-alert-db categories, analysts' own). */
  tags: string[];
  identitySource: string | null;
}
