import type { TrackPoint } from "../model/track-point";
import type { Flight } from "../model/flight";
import type { GapEvent } from "../model/gap-event";
import type { DetectionContext } from "./detection-context";
import { zoneIndex } from "../geo/zone-index";
import { findGaps } from "../gaps/find-gaps";
import { gradeGap } from "../gaps/grade-gap";
import { inferEndpoint } from "../flights/infer-endpoint";
import { trackDistanceKm } from "../flights/track-distance-km";
import { mostCommonCallsign } from "../flights/most-common-callsign";
import { firSequence } from "../flights/fir-sequence";
import type { SpoofedStretch } from "../model/spoofed-stretch";

/**
 * Summarise one flight's positions (one segment from {@link splitFlights}): endpoints, distance,
 * max altitude, FIR sequence, callsign, and graded gap events; `spoofing` are the flight's
 * spoofed stretches (its silences there are spoofing, not gaps).
 */
export function buildFlight(icao24: string, points: TrackPoint[], context: DetectionContext, spoofing: readonly SpoofedStretch[] = []): Flight {
  const { airports, config } = context;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let maxAltitudeFt: number | null = null;
  for (const p of points) if (p.altitudeFt !== null && (maxAltitudeFt === null || p.altitudeFt > maxAltitudeFt)) maxAltitudeFt = p.altitudeFt;
  const gaps = flightGaps(icao24, points, context, spoofing);
  return {
    icao24,
    points,
    firstSeenMs: first.timeMs,
    lastSeenMs: last.timeMs,
    callsign: mostCommonCallsign(points),
    origin: inferEndpoint(points, "origin", airports, config.endpoints),
    destination: inferEndpoint(points, "destination", airports, config.endpoints),
    distanceKm: trackDistanceKm(points),
    maxAltitudeFt,
    firSequence: firSequence(points, firIndex(context), config.summary.firSampleS, config.summary.firSampleKm),
    gaps,
    ...(spoofing.length > 0 ? { spoofing: [...spoofing] } : {}),
  };
}

/**
 * One flight's silences, graded with the context's reception answers. A silence that is a spoofed
 * stretch (its positions removed by cleanTrack) is reported as POSITION_SPOOFING, never also as a
 * gap ("likely a coverage hole").
 */
export function flightGaps(icao24: string, points: TrackPoint[], context: DetectionContext, spoofing: readonly SpoofedStretch[] = []): GapEvent[] {
  const { airports, config } = context;
  const spoofed = (c: { off: TrackPoint; on: TrackPoint | null; durationS: number }) =>
    spoofing.some((s) => c.off.timeMs < s.after.timeMs && (c.on?.timeMs ?? c.off.timeMs + c.durationS * 1000) > s.before.timeMs);
  return findGaps(points, { airports, config, dataEndMs: context.dataEndMs }).filter((c) => !spoofed(c)).map((c) =>
    gradeGap(c, { icao24, points, reception: context.reception, airports, config }),
  );
}

/** FIR zones of the context, indexed once per zones array. */
const firLists = new WeakMap<readonly unknown[], ReturnType<typeof zoneIndex>>();
export function firIndex(context: Pick<DetectionContext, "zones">) {
  let idx = firLists.get(context.zones);
  if (!idx) {
    idx = zoneIndex(context.zones.filter((z) => z.kind === "FIR"));
    firLists.set(context.zones, idx);
  }
  return idx;
}
