import type { Detector } from "./detector";
import { typeOfInterestDetector } from "./detectors/type-of-interest";
import { cubaVenezuelaDetector } from "./detectors/cuba-venezuela";
import { unscheduledDetector } from "./detectors/unscheduled";
import { transponderGapDetector } from "./detectors/transponder-gap";
import { zoneAvoidanceDetector } from "./detectors/zone-avoidance";
import { positionSpoofingDetector } from "./detectors/position-spoofing";

/**
 * Every detector, in the order they run. Order matters once: UNSCHEDULED reads the findings of
 * TYPE_OF_INTEREST and CUBA_VENEZUELA (it only evaluates flights of interest).
 */
export const DETECTORS: readonly Detector[] = [
  typeOfInterestDetector,
  cubaVenezuelaDetector,
  unscheduledDetector,
  transponderGapDetector,
  zoneAvoidanceDetector,
  positionSpoofingDetector,
] as readonly Detector<unknown>[];

/** Version of the cleaning, splitting, endpoint and gap logic the detectors depend on
 *  (2: outliers only, spoofed stretches instead of "the longest chain", circling is not a landing). */
export const CORE_VERSION = 2;

/** Stored with every flight: "core@2;type-of-interest@1,cuba-venezuela@1,…". */
export const DETECTOR_VERSION = `core@${CORE_VERSION};${DETECTORS.map((d) => `${d.kind.toLowerCase().replace(/_/g, "-")}@${d.version}`).join(",")}`;
