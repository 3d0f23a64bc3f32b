import type { AircraftRef } from "../model/aircraft-ref";
import type { FlagKind, Finding } from "../model/finding";
import type { Flight } from "../model/flight";
import type { DetectionContext } from "./detection-context";

/** What a detector sees besides the flight: the detection context, the aircraft, and what the
 *  detectors before it in the registry found on this flight. */
export interface DetectorContext extends DetectionContext {
  icao24: string;
  aircraft: AircraftRef | null;
  earlierFindings: readonly Finding[];
}

/** One rule. Pure: same flight and context, same findings. */
export interface Detector<C = unknown> {
  kind: FlagKind;
  /** Bumped whenever the rule's logic changes, so stored flags can be traced to the code that raised them. */
  version: number;
  defaultConfig: C;
  detect(flight: Flight, context: DetectorContext): Finding[];
}

/** "ZONE_AVOIDANCE" + 1 → "zone-avoidance@1" */
export function ruleVersion(kind: FlagKind, version: number): string {
  return `${kind.toLowerCase().replace(/_/g, "-")}@${version}`;
}
