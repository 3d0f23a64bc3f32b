import type { ZoneRef } from "../model/zone-ref";
import { CARIBBEAN_FIRS } from "./caribbean-firs";

/**
 * ICAO type designators of the report's aircraft: Il-76 (all variants and the Il-78 tanker),
 * Il-96, and the Airbus A340 family (-200/-300/-500/-600).
 */
export const DEFAULT_TYPE_WATCHLIST: readonly string[] = ["IL76", "IL96", "A342", "A343", "A345", "A346"];

/** Zones watched by default: the Curaçao FIR, the report's "identification zone over Curaçao". */
export const DEFAULT_WATCHED_ZONE_CODES: readonly string[] = ["TNCF"];

/** The default zones: every Caribbean FIR, with the watched ones marked. */
export const DEFAULT_ZONES: readonly ZoneRef[] = CARIBBEAN_FIRS.map((z) => ({
  ...z,
  watched: DEFAULT_WATCHED_ZONE_CODES.includes(z.code),
}));
