import "server-only";
import { encodeMapTrack } from "../../core/flights/map-track";
import type { DetectedFlight } from "../../core/model/flight";

/**
 * A detected flight as it is stored: its positions reduced to their count and its map track, so a
 * batch waiting for its turn to be stored holds no points.
 */
export type StorableFlight = Omit<DetectedFlight, "points"> & { positionCount: number; mapTrack: Uint8Array };

export function storableFlight({ points, ...f }: DetectedFlight): StorableFlight {
  return { ...f, positionCount: points.length, mapTrack: mapTrackOf({ points, gaps: f.gaps }) };
}

/** The row of one stored flight but its map track, as json_to_recordset reads it (see store-detected-flights.ts). */
export function flightRow(f: StorableFlight, id: string) {
  return {
    icao24: f.icao24,
    id,
    first_seen: new Date(f.firstSeenMs).toISOString(),
    last_seen: new Date(f.lastSeenMs).toISOString(),
    callsign: f.callsign,
    origin_icao: f.origin.airportIcao,
    destination_icao: f.destination.airportIcao,
    origin_country: f.origin.country,
    destination_country: f.destination.country,
    endpoints_inferred: { origin: endpointJson(f.origin), destination: endpointJson(f.destination), scoreExplanation: f.scoreExplanation },
    position_count: f.positionCount,
    distance_km: Math.round(f.distanceKm * 10) / 10,
    max_altitude_ft: f.maxAltitudeFt === null ? null : Math.round(f.maxAltitudeFt),
    fir_sequence: f.firSequence,
    score: f.score,
  };
}

/** What maps draw (`flights.map_track`), thinned and encoded once here so pages never read positions for it. */
function mapTrackOf(f: Pick<DetectedFlight, "points" | "gaps">): Uint8Array {
  return encodeMapTrack(f.points, f.gaps.map((g) => ({ offTimeMs: g.off.timeMs })));
}

export function flagRows(f: StorableFlight, id: string) {
  return f.findings.map((finding) => ({
    icao24: f.icao24,
    flight_id: id,
    kind: finding.kind,
    window_start: new Date(finding.windowStartMs).toISOString(),
    window_end: new Date(finding.windowEndMs).toISOString(),
    evidence: finding.evidence,
    rule_version: finding.ruleVersion,
    config: finding.config,
  }));
}

export function gapRows(f: StorableFlight, id: string) {
  return f.gaps.map((g) => ({
    icao24: f.icao24,
    flight_id: id,
    off_time: new Date(g.off.timeMs).toISOString(),
    off_lat_deg: g.off.latDeg,
    off_lon_deg: g.off.lonDeg,
    off_altitude_ft: g.off.altitudeFt === null ? null : Math.round(g.off.altitudeFt),
    off_speed_kt: g.off.groundSpeedKt,
    on_time: g.on ? new Date(g.on.timeMs).toISOString() : null,
    on_lat_deg: g.on?.latDeg ?? null,
    on_lon_deg: g.on?.lonDeg ?? null,
    on_altitude_ft: g.on?.altitudeFt == null ? null : Math.round(g.on.altitudeFt),
    on_speed_kt: g.on?.groundSpeedKt ?? null,
    duration_s: Math.round(g.durationS),
    distance_km: g.distanceKm,
    implied_speed_kt: g.impliedSpeedKt,
    open: g.open,
    partial: g.partial,
    suspected: g.suspected,
    confidence: g.confidence,
    witness_count: g.witnessCount,
  }));
}

function endpointJson(endpoint: DetectedFlight["origin"]) {
  return { method: endpoint.method, explanation: endpoint.explanation, airportIcao: endpoint.airportIcao, country: endpoint.country };
}
