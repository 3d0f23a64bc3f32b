import type { TrackPoint } from "../model/track-point";
import type { AircraftRef } from "../model/aircraft-ref";
import type { DetectedFlight, Flight } from "../model/flight";
import type { Finding } from "../model/finding";
import { recordingReceptionLookup, type SilenceQuery } from "../reception/silence-observations";
import type { DetectionContext } from "./detection-context";
import { DETECTORS } from "./registry";
import { splitFlights, spoofingWithin } from "../flights/split-flights";
import { buildFlight } from "./build-flight";
import { scoreFlight } from "./score-flight";

export { DETECTOR_VERSION } from "./registry";

export interface AircraftInput {
  icao24: string;
  /** Sorted by time, without duplicates (the TrackPoint contract). */
  points: TrackPoint[];
  aircraft: AircraftRef | null;
}

/**
 * Full detection for one aircraft: clean and split its positions into flights, build each
 * flight (endpoints, FIR sequence, graded gaps), run every detector in registry order and score
 * the result. Pure and deterministic: the same input and context give the same output.
 * @example detectAircraft({ icao24: "0b04e2", points, aircraft }, createDetectionContext({ dataEndMs })).map((f) => f.score)
 */
export function detectAircraft(input: AircraftInput, context: DetectionContext): DetectedFlight[] {
  const icao24 = input.icao24.toLowerCase();
  return buildFlights(input, context).map((flight) => {
    const findings: Finding[] = [];
    for (const detector of DETECTORS) {
      findings.push(...detector.detect(flight, { ...context, icao24, aircraft: input.aircraft, earlierFindings: [...findings] }));
    }
    const { score, explanation } = scoreFlight(findings, context.config.score);
    return { ...flight, findings, score, scoreExplanation: explanation };
  });
}

/**
 * What grading this aircraft's silences will ask the data (the reception map, the traffic around
 * each silence): the data layer loads the answers, then calls {@link detectAircraft} with them.
 * @example planSilenceQueries(input, context).map((q) => q.key)
 */
export function planSilenceQueries(input: AircraftInput, context: DetectionContext): SilenceQuery[] {
  const recorder = recordingReceptionLookup();
  buildFlights(input, { ...context, reception: recorder });
  return recorder.queries;
}

function buildFlights(input: AircraftInput, context: DetectionContext): Flight[] {
  const icao24 = input.icao24.toLowerCase();
  const { flights, spoofing } = splitFlights(input.points, context.airports, context.config);
  return flights.map((points) => {
    // A flight that ends airborne is silent until the aircraft is next received (its next flight,
    // or a position no flight kept), not until the end of the data: its open gap ends there.
    const nextSeenMs = firstTimeAfter(input.points, points[points.length - 1]!.timeMs);
    const flightContext = nextSeenMs === undefined ? context : { ...context, dataEndMs: Math.min(context.dataEndMs, nextSeenMs) };
    return buildFlight(icao24, points, flightContext, spoofingWithin(spoofing, points));
  });
}

/** The time of the first point after `timeMs` (points sorted by time), by binary search. */
function firstTimeAfter(points: readonly { timeMs: number }[], timeMs: number): number | undefined {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.timeMs <= timeMs) lo = mid + 1;
    else hi = mid;
  }
  return points[lo]?.timeMs;
}
