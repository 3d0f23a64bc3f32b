import type { TrackPoint } from "../model/track-point";
import type { AircraftRef } from "../model/aircraft-ref";
import type { DetectedFlight, Flight } from "../model/flight";
import type { Finding } from "../model/finding";
import { recordingReceptionLookup, type SilenceQuery } from "../reception/silence-observations";
import type { DetectionContext } from "./detection-context";
import { DETECTORS } from "./registry";
import { splitFlights, spoofingWithin } from "../flights/split-flights";
import { splitTrackPieces } from "../flights/track-pieces";
import { buildFlight, flightGaps } from "./build-flight";
import type { SpoofedStretch } from "../model/spoofed-stretch";
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
  return buildFlights(input, context).map(({ flight }) => runDetectors(flight, input.aircraft, context));
}

/**
 * What grading this aircraft's silences will ask the data (the reception map, the traffic around
 * each silence): the data layer loads the answers, then calls {@link detectAircraft} with them.
 * @example planSilenceQueries(input, context).map((q) => q.key)
 */
export function planSilenceQueries(input: AircraftInput, context: DetectionContext): SilenceQuery[] {
  return planAircraft(input, context).queries;
}

/** One aircraft's flights built once, their silences' questions asked but not answered yet. */
export interface PlannedAircraft {
  aircraft: AircraftRef | null;
  flights: { flight: Flight; context: DetectionContext; spoofing: SpoofedStretch[] }[];
  queries: SilenceQuery[];
}

/**
 * The first half of {@link detectAircraft}, for callers that fetch the reception answers in
 * between: clean, split and summarise the flights, and collect the questions their silences ask.
 * {@link detectPlanned} then grades the silences and runs the detectors, without building the
 * flights again: together they give exactly what detectAircraft gives.
 * @example detectPlanned(plan, { ...context, reception: receptionLookupOf(await load(plan.queries)) })
 */
export function planAircraft(input: AircraftInput, context: DetectionContext): PlannedAircraft {
  const recorder = recordingReceptionLookup();
  const flights = buildFlights(input, { ...context, reception: recorder });
  return { aircraft: input.aircraft, flights, queries: recorder.queries };
}

/** The second half of {@link planAircraft}: grade with `context.reception`, detect and score. */
export function detectPlanned(planned: PlannedAircraft, context: DetectionContext): DetectedFlight[] {
  return planned.flights.map(({ flight, context: flightContext, spoofing }) => {
    const graded = { ...flight, gaps: flightGaps(flight.icao24, flight.points, { ...flightContext, reception: context.reception }, spoofing) };
    return runDetectors(graded, planned.aircraft, context);
  });
}

function runDetectors(flight: Flight, aircraft: AircraftRef | null, context: DetectionContext): DetectedFlight {
  const findings: Finding[] = [];
  for (const detector of DETECTORS) {
    findings.push(...detector.detect(flight, { ...context, icao24: flight.icao24, aircraft, earlierFindings: [...findings] }));
  }
  const { score, explanation } = scoreFlight(findings, context.config.score);
  return { ...flight, findings, score, scoreExplanation: explanation };
}

function buildFlights(input: AircraftInput, context: DetectionContext): PlannedAircraft["flights"] {
  // Each piece on its own (see track-pieces.ts): a history detected in slices cut there gives
  // exactly these flights.
  return splitTrackPieces(input.points, context.config).flatMap((piece) => buildPieceFlights(input, piece, context));
}

function buildPieceFlights(input: AircraftInput, piece: readonly TrackPoint[], context: DetectionContext): PlannedAircraft["flights"] {
  const icao24 = input.icao24.toLowerCase();
  const { flights, spoofing } = splitFlights(piece, context.airports, context.config);
  return flights.map((points) => {
    // A flight that ends airborne is silent until the aircraft is next received (its next flight,
    // or a position no flight kept), not until the end of the data: its open gap ends there.
    const nextSeenMs = firstTimeAfter(input.points, points[points.length - 1]!.timeMs);
    const flightContext = nextSeenMs === undefined ? context : { ...context, dataEndMs: Math.min(context.dataEndMs, nextSeenMs) };
    const own = spoofingWithin(spoofing, points);
    return { flight: buildFlight(icao24, points, flightContext, own), context: flightContext, spoofing: own };
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
