import type { TrackPoint } from "@/lib/core/model/track-point";
import type { AirportRef } from "@/lib/core/model/airport-ref";
import type { LatLon } from "@/lib/core/geo/lat-lon";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import { greatCircleDistanceKm } from "@/lib/core/geo/great-circle-distance-km";
import { interpolateGreatCircle } from "@/lib/core/geo/interpolate-great-circle";
import { initialBearingDeg } from "@/lib/core/geo/initial-bearing-deg";

/** A reference airport by ICAO code (throws when missing, so a typo fails loudly). */
export function airport(icao: string): AirportRef {
  const a = REFERENCE_AIRPORTS.find((x) => x.icao === icao);
  if (!a) throw new Error(`no reference airport ${icao}`);
  return a;
}

export const T0 = Date.UTC(2024, 7, 6, 14, 0); // Tuesday 6 August 2024, 14:00 UTC

/** One position with sensible defaults (airborne at FL350, 450 kt, ADS-B). */
export function point(p: Partial<TrackPoint> & { timeMs: number; latDeg: number; lonDeg: number }): TrackPoint {
  return { altitudeFt: 35000, groundSpeedKt: 450, trackDeg: null, verticalRateFpm: 0, onGround: false, source: "ADSB", callsign: null, ...p };
}

export interface FlyOptions {
  from: LatLon;
  to: LatLon;
  startMs?: number;
  speedKt?: number;
  cruiseFt?: number;
  sampleS?: number;
  /** Climb from and descend to the ground (first/last ~8 % of the way), with on-ground ends. */
  groundEnds?: boolean;
  /** Fractions of the way [from, to) during which nothing is received. */
  silences?: [number, number][];
  callsign?: string | null;
  source?: TrackPoint["source"];
  /** Cut the track: keep only positions between these fractions of the way. */
  keep?: [number, number];
}

/**
 * Fly the great circle from A to B at constant speed, one position every `sampleS` seconds.
 * @example fly({ from: airport("MUHA"), to: airport("SVMI"), groundEnds: true })
 */
export function fly(o: FlyOptions): TrackPoint[] {
  const speedKt = o.speedKt ?? 450;
  const sampleS = o.sampleS ?? 10;
  const cruiseFt = o.cruiseFt ?? 35000;
  const startMs = o.startMs ?? T0;
  const km = greatCircleDistanceKm(o.from, o.to);
  const durationS = (km / (speedKt * 1.852)) * 3600;
  const n = Math.max(2, Math.floor(durationS / sampleS));
  const heading = initialBearingDeg(o.from, o.to);
  const out: TrackPoint[] = [];
  for (let i = 0; i <= n; i++) {
    const f = i / n;
    if (o.silences?.some(([a, b]) => f >= a && f < b)) continue;
    if (o.keep && (f < o.keep[0] || f > o.keep[1])) continue;
    const pos = interpolateGreatCircle(o.from, o.to, f);
    const ramp = o.groundEnds ? Math.min(1, f / 0.08, (1 - f) / 0.08) : 1;
    const onGround = !!o.groundEnds && (i === 0 || i === n);
    const prevRamp = o.groundEnds ? Math.min(1, Math.max(0, (f - 1 / n) / 0.08), (1 - f + 1 / n) / 0.08) : 1;
    out.push(
      point({
        timeMs: startMs + Math.round(i * sampleS * 1000),
        latDeg: pos.latDeg,
        lonDeg: pos.lonDeg,
        altitudeFt: onGround ? null : Math.round(cruiseFt * ramp),
        groundSpeedKt: onGround ? 5 : o.groundEnds ? Math.max(140, speedKt * Math.min(1, ramp * 2)) : speedKt,
        trackDeg: heading,
        verticalRateFpm: o.groundEnds && ramp < 1 ? Math.round(((ramp - prevRamp) * cruiseFt * 60) / sampleS) : 0,
        onGround,
        callsign: o.callsign === undefined ? "TEST1" : o.callsign,
        source: o.source ?? "ADSB",
      }),
    );
  }
  return out;
}

/** Positions of other aircraft flying through an area during a time window (witnesses). */
export function witnessTrack(from: LatLon, to: LatLon, startMs: number, minutes: number): TrackPoint[] {
  return fly({ from, to, startMs, sampleS: 30, speedKt: 450 }).filter((p) => p.timeMs <= startMs + minutes * 60_000);
}

/**
 * Fly through waypoints leg after leg at cruise, optionally with a runway position 1 min before
 * the first and 1 min after the last (so endpoints resolve to airports).
 */
export function flyRoute(waypoints: LatLon[], o: Omit<FlyOptions, "from" | "to" | "groundEnds" | "keep"> & { groundEnds?: boolean } = {}): TrackPoint[] {
  let t = o.startMs ?? T0;
  const out: TrackPoint[] = [];
  const ground = (p: LatLon, timeMs: number) =>
    point({ timeMs, latDeg: p.latDeg, lonDeg: p.lonDeg, onGround: true, altitudeFt: null, groundSpeedKt: 5, callsign: o.callsign === undefined ? "TEST1" : o.callsign, source: o.source ?? "ADSB" });
  if (o.groundEnds) {
    out.push(ground(waypoints[0]!, t));
    t += 60_000;
  }
  for (let i = 1; i < waypoints.length; i++) {
    const leg = fly({ ...o, groundEnds: false, from: waypoints[i - 1]!, to: waypoints[i]!, startMs: t });
    out.push(...(i === 1 ? leg : leg.slice(1)));
    t = leg[leg.length - 1]!.timeMs;
  }
  if (o.groundEnds) out.push(ground(waypoints[waypoints.length - 1]!, t + 60_000));
  return out.filter((p, i, all) => i === 0 || p.timeMs > all[i - 1]!.timeMs);
}

export const DETOUR_WEST = [{ latDeg: 14.3, lonDeg: -74.1 }, { latDeg: 12.45, lonDeg: -71.45 }];
