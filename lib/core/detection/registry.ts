import type { Detector } from "./detector";
import { typeOfInterestDetector } from "./detectors/type-of-interest";
import { cubaVenezuelaDetector } from "./detectors/cuba-venezuela";
import { unscheduledDetector } from "./detectors/unscheduled";
import { transponderGapDetector } from "./detectors/transponder-gap";
import { zoneAvoidanceDetector } from "./detectors/zone-avoidance";

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
] as readonly Detector<unknown>[];

/** Version of the splitting, endpoint and gap logic the detectors depend on. */
export const CORE_VERSION = 1;

/** Stored with every flight: "core@1;type-of-interest@1,cuba-venezuela@1,…". */
export const DETECTOR_VERSION = `core@${CORE_VERSION};${DETECTORS.map((d) => `${d.kind.toLowerCase().replace(/_/g, "-")}@${d.version}`).join(",")}`;
