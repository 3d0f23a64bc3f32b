import type { AirportRef } from "../model/airport-ref";
import type { ScheduleRef } from "../model/schedule-ref";
import type { ZoneRef } from "../model/zone-ref";
import type { ReceptionLookup } from "../reception/silence-observations";
import { DEFAULT_DETECTION_CONFIG, type DetectionConfig } from "../model/detection-config";
import { REFERENCE_AIRPORTS } from "../reference/airports";
import { DEFAULT_TYPE_WATCHLIST, DEFAULT_ZONES } from "../reference/default-watchlist";
import type { Watchlist } from "../model/watchlist";

export type { Watchlist } from "../model/watchlist";


/**
 * Everything detection needs besides one aircraft's positions. Reference data comes in here (the
 * database layer passes its own, possibly edited, airports and zones); detectors never import it.
 */
export interface DetectionContext {
  airports: readonly AirportRef[];
  /** FIRs (for FIR sequences) and watched zones (for ZONE_AVOIDANCE). */
  zones: readonly ZoneRef[];
  schedules: readonly ScheduleRef[];
  /** The reception map and the traffic around each silence, loaded beforehand; null: no gap can be
   *  suspected (except partial ones). */
  reception: ReceptionLookup | null;
  watchlist: Watchlist;
  config: DetectionConfig;
  /** End of the data window, epoch ms: decides whether a flight ending airborne leaves an open gap. */
  dataEndMs: number;
}

/**
 * A context with the reference defaults (REFERENCE_AIRPORTS, the Caribbean FIRs with TNCF watched,
 * the type watchlist, default thresholds) for whatever the caller does not pass.
 * @example createDetectionContext({ dataEndMs, reception: receptionLookupOf(answers) })
 */
export function createDetectionContext(partial: Partial<DetectionContext> & { dataEndMs: number }): DetectionContext {
  return {
    airports: partial.airports ?? REFERENCE_AIRPORTS,
    zones: partial.zones ?? DEFAULT_ZONES,
    schedules: partial.schedules ?? [],
    reception: partial.reception ?? null,
    watchlist: partial.watchlist ?? { typecodes: DEFAULT_TYPE_WATCHLIST, icao24s: [], tags: [] },
    config: partial.config ?? DEFAULT_DETECTION_CONFIG,
    dataEndMs: partial.dataEndMs,
  };
}
