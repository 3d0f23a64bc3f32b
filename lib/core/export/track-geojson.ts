import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Position } from "geojson";
import { geoInterpolate } from "d3-geo";
import type { FlightRecord, GapRecord, TrackPositionRecord } from "../flight-record";
import { flagLabel } from "../format/flag-label";
import { describeFlag } from "../format/describe-flag";
import { isoUtc } from "../format/format-utc";

const M_PER_FT = 0.3048;
/** Steps of the great circle drawn across a gap (33 positions): smooth at any zoom for a few hundred km. */
export const GAP_PATH_STEPS = 32;

export interface TrackProperties {
  role: "track";
  observed: true;
  key: string;
  icao24: string;
  callsign: string | null;
  registration: string | null;
  typecode: string | null;
  origin: string | null;
  destination: string | null;
  firstSeen: string;
  lastSeen: string;
  positionCount: number;
  flags: { kind: string; label: string; sentence: string; ruleVersion: string }[];
}

export interface GapPathProperties {
  role: "gap";
  /** "gap" or "suspected switch-off", the wording of {@link flagLabel}. */
  kind: string;
  observed: false;
  durationMin: number;
  offTime: string;
  /** null for an open gap (nothing received after it). */
  onTime: string | null;
  partial: boolean;
  open: boolean;
  confidence: number;
  witnessCount: number;
}

export interface GapPointProperties {
  role: "gap-off" | "gap-on";
  kind: string;
  /** The point itself was received; only the path between off and on is not. */
  observed: true;
  time: string;
  altitudeFt: number | null;
  groundSpeedKt: number | null;
  durationMin: number;
  partial: boolean;
  open: boolean;
}

export type TrackFeature =
  | Feature<MultiLineString, TrackProperties>
  | Feature<LineString, GapPathProperties>
  | Feature<Point, GapPointProperties>;

/** A FeatureCollection whose features keep their per-role property types. */
export interface TrackFeatureCollection extends FeatureCollection {
  features: TrackFeature[];
}

/**
 * A flight as an RFC 7946 FeatureCollection (WGS 84, [lon, lat] order):
 * - the observed track, a MultiLineString split at every gap, so no line is drawn where nothing
 *   was received. Positions are [lon, lat, altitude_m] when the altitude is known and [lon, lat]
 *   when it is not (on the ground, or not reported): a missing altitude is never written as 0.
 *   A stretch of a single position between two gaps is written as that position twice, since a
 *   line needs two positions.
 * - per closed gap, its great circle between the last position before and the first after
 *   (`observed: false`, 2D: nothing is known about the altitude in between), drawn dashed by
 *   every map of the app; plus Point features at both ends. An open gap has only its off point.
 *   A partial gap (ADS-B stopped, MLAT / Mode S continued) splits nothing and gets no great
 *   circle — its MLAT positions are in the track — only its two end points.
 * Not cut at the antimeridian (RFC 7946 §3.1.9): the data are Caribbean.
 */
export function trackGeoJson(flight: FlightRecord, positions: readonly TrackPositionRecord[]): TrackFeatureCollection {
  const gaps = [...flight.gaps].sort((a, b) => a.offTimeMs - b.offTimeMs);
  const features: TrackFeature[] = [trackFeature(flight, positions, gaps)];
  gaps.forEach((g, i) => features.push(...gapFeatures(g, i + 1)));
  return { type: "FeatureCollection", features };
}

function trackFeature(flight: FlightRecord, positions: readonly TrackPositionRecord[], gaps: readonly GapRecord[]): Feature<MultiLineString, TrackProperties> {
  const splitting = gaps.filter((g) => !g.partial && g.onTimeMs !== null);
  const segments: Position[][] = [];
  let current: Position[] = [];
  positions.forEach((p, i) => {
    const prev = positions[i - 1];
    if (prev && splitting.some((g) => prev.timeMs <= g.offTimeMs && p.timeMs >= g.onTimeMs!)) {
      segments.push(current);
      current = [];
    }
    current.push(position(p.lonDeg, p.latDeg, p.altitudeFt));
  });
  segments.push(current);

  return {
    type: "Feature",
    id: "track",
    geometry: {
      type: "MultiLineString",
      coordinates: segments.filter((s) => s.length > 0).map((s) => (s.length === 1 ? [s[0]!, s[0]!] : s)),
    },
    properties: {
      role: "track",
      observed: true,
      key: flight.key,
      icao24: flight.icao24,
      callsign: flight.callsign,
      registration: flight.aircraft?.registration ?? null,
      typecode: flight.aircraft?.typecode ?? null,
      origin: flight.origin.airportIcao,
      destination: flight.destination.airportIcao,
      firstSeen: isoUtc(flight.firstSeenMs),
      lastSeen: isoUtc(flight.lastSeenMs),
      positionCount: positions.length,
      flags: flight.flags.map((f) => {
        const d = describeFlag(f);
        return { kind: f.kind, label: d.label, sentence: d.sentence, ruleVersion: f.ruleVersion };
      }),
    },
  };
}

function gapFeatures(g: GapRecord, n: number): TrackFeature[] {
  const kind = flagLabel({ kind: "TRANSPONDER_GAP", suspected: g.suspected });
  const durationMin = Math.round(g.durationS / 6) / 10;
  const ends = { kind, durationMin, partial: g.partial, open: g.open };
  const out: TrackFeature[] = [
    {
      type: "Feature",
      id: `gap-${n}-off`,
      geometry: { type: "Point", coordinates: position(g.offLonDeg, g.offLatDeg, g.offAltitudeFt) },
      properties: { role: "gap-off", observed: true, time: isoUtc(g.offTimeMs), altitudeFt: g.offAltitudeFt, groundSpeedKt: g.offSpeedKt, ...ends },
    },
  ];
  if (g.onTimeMs === null || g.onLatDeg === null || g.onLonDeg === null) return out;

  if (!g.partial) {
    out.unshift({
      type: "Feature",
      id: `gap-${n}`,
      geometry: { type: "LineString", coordinates: greatCircle([g.offLonDeg, g.offLatDeg], [g.onLonDeg, g.onLatDeg]) },
      properties: {
        role: "gap",
        kind,
        observed: false,
        durationMin,
        offTime: isoUtc(g.offTimeMs),
        onTime: isoUtc(g.onTimeMs),
        partial: g.partial,
        open: g.open,
        confidence: g.confidence,
        witnessCount: g.witnessCount,
      },
    });
  }
  out.push({
    type: "Feature",
    id: `gap-${n}-on`,
    geometry: { type: "Point", coordinates: position(g.onLonDeg, g.onLatDeg, g.onAltitudeFt) },
    properties: { role: "gap-on", observed: true, time: isoUtc(g.onTimeMs), altitudeFt: g.onAltitudeFt, groundSpeedKt: g.onSpeedKt, ...ends },
  });
  return out;
}

function greatCircle(from: [number, number], to: [number, number]): Position[] {
  const at = geoInterpolate(from, to);
  const line: Position[] = [from];
  for (let i = 1; i < GAP_PATH_STEPS; i++) line.push(at(i / GAP_PATH_STEPS));
  line.push(to); // the exact received end points, not their interpolated round-off
  return line;
}

function position(lonDeg: number, latDeg: number, altitudeFt: number | null): Position {
  return altitudeFt === null ? [lonDeg, latDeg] : [lonDeg, latDeg, Math.round(altitudeFt * M_PER_FT * 10) / 10];
}
