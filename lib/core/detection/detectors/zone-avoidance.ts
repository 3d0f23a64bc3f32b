import type { Detector, DetectorContext } from "../detector";
import { ruleVersion } from "../detector";
import { zoneAvoidanceEvidenceSchema } from "../../model/evidence/zone-avoidance-evidence";
import type { Finding } from "../../model/finding";
import type { Flight } from "../../model/flight";
import type { FlightEndpoint } from "../../model/flight-endpoint";
import { DEFAULT_DETECTION_CONFIG, type ZoneAvoidanceConfig } from "../../model/detection-config";
import type { LatLon } from "../../geo/lat-lon";
import { airportByIcao } from "../../geo/airport-by-icao";
import { prepareZone, pointInZone, type PreparedZone } from "../../geo/point-in-zone";
import { sampleGreatCircle } from "../../geo/interpolate-great-circle";
import { greatCircleDistanceKm } from "../../geo/great-circle-distance-km";
import { crossTrackOffset } from "../../geo/cross-track-offset";
import { firSequenceAlong } from "../../flights/fir-sequence";
import { firIndex } from "../build-flight";

/**
 * ZONE_AVOIDANCE: the great circle between origin and destination (airports, or the first/last
 * positions when the endpoints were inferred) runs through a watched zone (TNCF by default) for
 * at least `minCrossingKm`, the track covers most of the route (≥ `minRouteCoverage`, and the
 * whole stretch where the great circle is inside the zone), and yet no position — and no gap's
 * straight path, which might hide a dark transit — is inside the zone.
 *
 * A detour west of TNCF costs only ~2 % extra distance, so the evidence that counts is the FIR
 * sequence (expected along the great circle vs flown) and the maximum lateral offset from the
 * great circle, with its side. Havana → Maracaibo does not cross TNCF: no flag.
 */
export const zoneAvoidanceDetector: Detector<ZoneAvoidanceConfig> = {
  kind: "ZONE_AVOIDANCE",
  version: 1,
  defaultConfig: DEFAULT_DETECTION_CONFIG.zoneAvoidance,
  detect(flight, ctx): Finding[] {
    const from = endpointPosition(flight.origin, ctx);
    const to = endpointPosition(flight.destination, ctx);
    if (!from || !to) return [];
    const cfg = ctx.config.zoneAvoidance;
    const routeKm = greatCircleDistanceKm(from, to);
    if (routeKm < cfg.minCrossingKm) return [];
    const watched = ctx.zones.filter((z) => z.watched).map(prepared_).filter((z) => routeMayCross(from, to, routeKm, z));
    if (watched.length === 0) return [];
    const path = sampleGreatCircle(from, to, cfg.stepKm);
    const stepKm = routeKm / (path.length - 1);
    const findings: Finding[] = [];
    for (const prepared of watched) {
      const zone = prepared.zone;
      const inside = path.map((p) => pointInZone(prepared, p.latDeg, p.lonDeg));
      const insideKm = inside.filter(Boolean).length * stepKm;
      if (insideKm < cfg.minCrossingKm) continue;
      const entryKm = inside.indexOf(true) * stepKm;
      const exitKm = inside.lastIndexOf(true) * stepKm;
      if (flight.points.some((p) => pointInZone(prepared, p.latDeg, p.lonDeg))) continue; // flew through it
      if (gapCrossesZone(flight, prepared, cfg.stepKm)) continue; // may have crossed it dark

      const first = flight.points[0]!;
      const last = flight.points[flight.points.length - 1]!;
      const startKm = crossTrackOffset(first, from, to).alongTrackKm;
      const endKm = crossTrackOffset(last, from, to).alongTrackKm;
      const coverage = (endKm - startKm) / routeKm;
      if (coverage < cfg.minRouteCoverage || startKm > entryKm || endKm < exitKm) continue;

      const offset = maxOffset(flight, from, to);
      const flownKm = flight.distanceKm + greatCircleDistanceKm(from, first) + greatCircleDistanceKm(last, to);
      const extraPct = (flownKm / routeKm - 1) * 100;
      const expected = firSequenceAlong(path, firIndex(ctx));
      const routeName = `${flight.origin.airportIcao ?? "first position"} → ${flight.destination.airportIcao ?? "last position"}`;
      findings.push({
        kind: "ZONE_AVOIDANCE",
        windowStartMs: flight.firstSeenMs,
        windowEndMs: flight.lastSeenMs,
        ruleVersion: ruleVersion("ZONE_AVOIDANCE", 1),
        config: { ...cfg, zone: zone.code },
        evidence: zoneAvoidanceEvidenceSchema.parse({
          summary:
            `great circle ${routeName} runs ${Math.round(insideKm)} km through ${zone.code}; the track stayed outside, ` +
            `up to ${Math.round(Math.abs(offset.offsetKm))} km ${offset.side} of it (FIRs flown ${flight.firSequence.join(" → ") || "unknown"}, ` +
            `expected ${expected.join(" → ")}), ${extraPct.toFixed(1)} % longer`,
          zone: zone.code,
          zoneName: zone.name,
          route: { from: { airportIcao: flight.origin.airportIcao, ...round(from) }, to: { airportIcao: flight.destination.airportIcao, ...round(to) } },
          greatCircleKm: Math.round(routeKm),
          greatCircleInsideZoneKm: Math.round(insideKm),
          expectedFirSequence: expected,
          flownFirSequence: flight.firSequence,
          maxOffsetKm: Math.round(Math.abs(offset.offsetKm)),
          side: offset.side,
          maxOffsetAt: round(offset.at),
          extraDistancePct: Math.round(extraPct * 10) / 10,
          routeCoverage: Math.round(coverage * 100) / 100,
        }),
      });
    }
    return findings;
  },
};

const preparedCache = new WeakMap<object, PreparedZone>();
function prepared_(zone: Parameters<typeof prepareZone>[0]): PreparedZone {
  let p = preparedCache.get(zone);
  if (!p) {
    p = prepareZone(zone);
    preparedCache.set(zone, p);
  }
  return p;
}

/** Cheap pre-check: the route's endpoint box, widened by how far a great circle of this length
 *  can bulge (≤ length/4 km ≈ a chord's sagitta bound), must touch the zone's box. */
function routeMayCross(from: LatLon, to: LatLon, routeKm: number, zone: PreparedZone): boolean {
  const marginDeg = routeKm / 4 / 111 + 1;
  const [minLon, minLat, maxLon, maxLat] = zone.bbox;
  return (
    Math.min(from.lonDeg, to.lonDeg) - marginDeg <= maxLon &&
    Math.max(from.lonDeg, to.lonDeg) + marginDeg >= minLon &&
    Math.min(from.latDeg, to.latDeg) - marginDeg <= maxLat &&
    Math.max(from.latDeg, to.latDeg) + marginDeg >= minLat
  );
}

/** Airport position when the endpoint is an airport, else the first/last position. */
function endpointPosition(e: FlightEndpoint, ctx: DetectorContext): LatLon | null {
  if (e.method === "airport" && e.airportIcao) {
    const a = airportByIcao(ctx.airports, e.airportIcao);
    if (a) return a;
  }
  return e.point ?? null;
}

function gapCrossesZone(flight: Flight, zone: PreparedZone, stepKm: number): boolean {
  return flight.gaps.some((g) => g.on && sampleGreatCircle(g.off, g.on, stepKm).some((p) => pointInZone(zone, p.latDeg, p.lonDeg)));
}

/** Largest lateral offset from the great circle over (at most ~2,000 of) the track's positions. */
function maxOffset(flight: Flight, from: LatLon, to: LatLon) {
  const stride = Math.max(1, Math.floor(flight.points.length / 2000));
  let best = { offsetKm: 0, side: "east" as "west" | "east", at: flight.points[0] as LatLon };
  for (let i = 0; i < flight.points.length; i += stride) {
    const p = flight.points[i]!;
    const o = crossTrackOffset(p, from, to);
    if (Math.abs(o.offsetKm) > Math.abs(best.offsetKm)) best = { offsetKm: o.offsetKm, side: o.side, at: p };
  }
  return best;
}

const round = (p: LatLon) => ({ latDeg: Math.round(p.latDeg * 1e4) / 1e4, lonDeg: Math.round(p.lonDeg * 1e4) / 1e4 });
