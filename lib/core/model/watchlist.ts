/** What makes an aircraft "of interest" by identity. */
export interface Watchlist {
  /** ICAO type designators, upper case ("IL76"). */
  typecodes: readonly string[];
  /** 24-bit addresses, lower-case hex. */
  icao24s: readonly string[];
  /** Aircraft tags (plane-alert-db categories, analysts' own), compared case-insensitively. */
  tags: readonly string[];
}

/** One watchlist entry that matched (kinds as in the watchlist_entries table). */
export interface WatchMatch {
  kind: "TYPECODE" | "ICAO24" | "TAG";
  value: string;
}
