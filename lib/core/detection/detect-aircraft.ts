import type { TrackPoint } from "../track-point";
import type { AircraftRef, DetectedFlight, Finding } from "./types";
import type { DetectionContext } from "./detection-context";
import { DETECTORS } from "./registry";
import { splitFlights } from "../flights/split-flights";
import { buildFlight } from "../flights/build-flight";
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
  const { flights } = splitFlights(input.points, context.airports, context.config);
  return flights.map((points, i) => {
    // A flight that ends airborne is silent until the aircraft's next flight starts, not until
    // the end of the data: its open gap ends there at the latest.
    const nextStartMs = flights[i + 1]?.[0]?.timeMs;
    const flightContext = nextStartMs === undefined ? context : { ...context, dataEndMs: Math.min(context.dataEndMs, nextStartMs) };
    const flight = buildFlight(icao24, points, flightContext);
    const findings: Finding[] = [];
    for (const detector of DETECTORS) {
      findings.push(...detector.detect(flight, { ...context, icao24, aircraft: input.aircraft, earlierFindings: [...findings] }));
    }
    const { score, explanation } = scoreFlight(findings, context.config.score);
    return { ...flight, findings, score, scoreExplanation: explanation };
  });
}
