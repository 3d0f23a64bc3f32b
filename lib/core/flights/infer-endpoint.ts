import type { TrackPoint } from "../model/track-point";
import type { AirportRef } from "../model/airport-ref";
import type { FlightEndpoint } from "../model/flight-endpoint";
import type { EndpointConfig } from "../model/detection-config";
import { nearestAirport } from "../geo/nearest-airport";
import { countryAt, type CountryHit } from "../geo/country-at";
import { destinationPoint } from "../geo/destination-point";
import { initialBearingDeg } from "../geo/initial-bearing-deg";
import { greatCircleDistanceKm } from "../geo/great-circle-distance-km";
import { compassPoint } from "../geo/compass-point";
import { verticalTrendFpm } from "./vertical-trend-fpm";
import { formatAltitude, formatLatLon } from "../format/format-position";

export type EndpointSide = "origin" | "destination";

/**
 * Where a flight came from (origin: its first position) or went to (destination: its last).
 *
 * - The point is low (on the ground, or within `lowHeightFt` of the airport's elevation) and an
 *   airport lies within `airportRadiusKm`: that airport, `method: "airport"`.
 * - The track begins/ends at altitude (transponder off at take-off or landing, or out of
 *   coverage): no airport. The country is the one under the point; over water, the first country
 *   met projecting back (origin) or forward (destination) up to `projectionKm` along the track's
 *   initial/final heading. `method: "inferred"`, with the reasoning in plain words.
 * - Nothing found: `method: "unknown"`.
 * Country lookups happen here only, twice per flight, never per point.
 * @example inferEndpoint(points, "origin", airports, cfg).explanation
 *   // "track starts at FL350 over water, 210 km south-east of Cuba along its heading of 140°: likely from Cuba"
 */
export function inferEndpoint(
  points: readonly TrackPoint[],
  side: EndpointSide,
  airports: readonly AirportRef[],
  config: EndpointConfig,
): FlightEndpoint {
  const p = side === "origin" ? points[0] : points[points.length - 1];
  if (!p) return { airportIcao: null, country: null, method: "unknown", explanation: "no positions" };
  const point = { timeMs: p.timeMs, latDeg: p.latDeg, lonDeg: p.lonDeg, altitudeFt: p.altitudeFt };
  const headingDeg = trackHeading(points, side, config.headingBaseKm);
  const verb = side === "origin" ? "starts" : "ends";
  const where = p.onGround ? "on the ground" : `at ${formatAltitude(p.altitudeFt)}`;

  const near = nearestAirport(airports, p, config.airportRadiusKm);
  const heightFt = p.altitudeFt === null ? null : p.altitudeFt - (near?.airport.elevationFt ?? 0);
  const low = p.onGround || (heightFt !== null && heightFt <= config.lowHeightFt);
  if (low && near) {
    const a = near.airport;
    return {
      airportIcao: a.icao,
      country: a.country,
      method: "airport",
      explanation: `${side === "origin" ? "first" : "last"} position ${where}, ${Math.round(near.distanceKm)} km from ${a.icao} (${a.name})`,
      point,
      headingDeg,
      distanceKm: near.distanceKm,
    };
  }

  const approach = approachAirport(points, side, airports, config);
  if (approach) {
    const a = approach.airport;
    const phase = side === "origin" ? "climbing out" : "descending";
    return {
      airportIcao: a.icao,
      country: a.country,
      method: "airport",
      explanation: `${side === "origin" ? "first" : "last"} position ${where}, ${phase} ${Math.round(approach.distanceKm)} km from ${a.icao} (${a.name}): the runway end was not received`,
      point,
      headingDeg,
      distanceKm: approach.distanceKm,
    };
  }

  const heading = headingDeg === null ? "" : `, heading ${pad3(headingDeg)}°`;
  const under = countryAt(p.latDeg, p.lonDeg);
  if (under) {
    const tail = low ? `, no known airport within ${config.airportRadiusKm} km` : "";
    return {
      airportIcao: null,
      country: under.code,
      method: "inferred",
      explanation: `track ${verb} ${where} over ${under.name}${heading}${tail}: likely ${side === "origin" ? "from" : "to"} ${under.name}`,
      point,
      headingDeg,
      distanceKm: 0,
    };
  }
  if (headingDeg === null) {
    return {
      airportIcao: null,
      country: null,
      method: "unknown",
      explanation: `track ${verb} ${where} over water at ${formatLatLon(p)}, heading unknown`,
      point,
      headingDeg,
      distanceKm: null,
    };
  }
  const lookBearing = side === "origin" ? (headingDeg + 180) % 360 : headingDeg;
  const hits = landAlong(p, lookBearing, config.projectionKm, config.projectionStepKm);
  const first = hits[0];
  if (!first) {
    return {
      airportIcao: null,
      country: null,
      method: "unknown",
      explanation:
        `track ${verb} ${where} over water at ${formatLatLon(p)}${heading}; no land within ` +
        `${config.projectionKm} km ${side === "origin" ? "behind it" : "ahead"} along that heading`,
      point,
      headingDeg,
      distanceKm: null,
    };
  }
  // Direction of the point as seen from the land ("south-east of Cuba") reads like a map.
  const relation = `${Math.round(first.distanceKm)} km ${compassPoint((lookBearing + 180) % 360)} of ${first.country.name}`;
  const further = hits.slice(1).map((h) => `${h.country.name} at ${Math.round(h.distanceKm)} km`);
  const alsoText = further.length ? ` (further ${side === "origin" ? "back" : "on"}: ${further.join(", ")})` : "";
  return {
    airportIcao: null,
    country: first.country.code,
    method: "inferred",
    explanation:
      `track ${verb} ${where} over water, ${relation} ${side === "origin" ? "back along" : "ahead along"} its heading of ` +
      `${pad3(headingDeg)}°${alsoText}: likely ${side === "origin" ? "from" : "to"} ${first.country.name}`,
    point,
    headingDeg,
    distanceKm: first.distanceKm,
  };
}

interface LandHit {
  country: CountryHit;
  distanceKm: number;
}

/** Countries met stepping along a bearing, in order, each listed once at its first hit. */
function landAlong(from: TrackPoint, bearingDeg: number, maxKm: number, stepKm: number): LandHit[] {
  const hits: LandHit[] = [];
  for (let d = stepKm; d <= maxKm; d += stepKm) {
    const q = destinationPoint(from, bearingDeg, d);
    const c = countryAt(q.latDeg, q.lonDeg);
    if (c && !hits.some((h) => h.country.code === c.code)) hits.push({ country: c, distanceKm: d });
  }
  return hits;
}

const RANK = { large: 3, medium: 2, small: 1 } as const;
/** Curated airports without a size class count as medium. */
const rankOf = (a: AirportRef) => (a.kind ? RANK[a.kind] : 2);
const bySize = new WeakMap<readonly AirportRef[], Map<number, AirportRef[]>>();

/** Airports of at least a size class, cached per airports array (nearestAirport indexes each array once). */
function atLeast(airports: readonly AirportRef[], rank: number): AirportRef[] {
  let cache = bySize.get(airports);
  if (!cache) bySize.set(airports, (cache = new Map()));
  let list = cache.get(rank);
  if (!list) cache.set(rank, (list = airports.filter((a) => rankOf(a) >= rank)));
  return list;
}

/**
 * The endpoint is airborne, descending (destination) or climbing (origin), low, near an airport:
 * which one, among the medium and large airports along its heading (within `MAX_OFF_HEADING_DEG`
 * of where it was flying to, or coming from): for a descent the one whose 3° glide path it was
 * on (Felts Field lies nearer to the end of a Spokane approach than Spokane International, but the
 * jet was 1,300 ft too high for it), for a climb the nearest.
 */
function approachAirport(points: readonly TrackPoint[], side: EndpointSide, airports: readonly AirportRef[], config: EndpointConfig) {
  const i = side === "origin" ? 0 : points.length - 1;
  const p = points[i];
  if (!p || p.onGround || p.altitudeFt === null) return null;
  const trend = verticalTrendFpm(points, i, side === "origin" ? 1 : -1);
  if (side === "origin" ? trend < MIN_CLIMB_FPM : trend > -MIN_CLIMB_FPM) return null;
  const headingDeg = trackHeading(points, side, config.headingBaseKm);
  let best: { airport: AirportRef; distanceKm: number; misfit: number } | null = null;
  for (const a of atLeast(airports, 2)) {
    if (Math.abs(a.latDeg - p.latDeg) > 1 || (p.altitudeFt ?? 0) - (a.elevationFt ?? 0) > config.approachMaxHeightFt) continue;
    const distanceKm = greatCircleDistanceKm(p, a);
    if (distanceKm > config.approachRadiusKm) continue;
    // Destination: the airport lies ahead; origin: the track leads away from it.
    const bearing = side === "origin" ? initialBearingDeg(a, p) : initialBearingDeg(p, a);
    const offDeg = headingDeg === null ? 0 : Math.abs(((bearing - headingDeg + 540) % 360) - 180);
    if (offDeg > MAX_OFF_HEADING_DEG) continue;
    // A descent follows the ~3° glide path to its runway: the airport whose path height matches best.
    // A climb-out has no such line: the nearest in the cone.
    const heightFt = (p.altitudeFt ?? 0) - (a.elevationFt ?? 0);
    const misfit = side === "destination" ? Math.abs(heightFt - distanceKm * GLIDE_FT_PER_KM) : distanceKm;
    if (!best || misfit < best.misfit) best = { airport: a, distanceKm, misfit };
  }
  return best;
}

/** An approach or departure runs within this angle of the line to (from) the airport. */
const MAX_OFF_HEADING_DEG = 45;
/** Height of a 3° glide path per km from the runway: tan 3° × 3,281 ft/km. */
const GLIDE_FT_PER_KM = 172;

/** Climbing or descending at least this fast, ft/min: not level flight. */
const MIN_CLIMB_FPM = 300;

/** Initial (origin) or final (destination) heading: bearing to/from the first point ≥ baseKm
 *  along the track, else the reported track angle, else null. */
function trackHeading(points: readonly TrackPoint[], side: EndpointSide, baseKm: number): number | null {
  const n = points.length;
  const end = side === "origin" ? points[0] : points[n - 1];
  if (!end) return null;
  for (let k = 1; k < n; k++) {
    const q = side === "origin" ? points[k]! : points[n - 1 - k]!;
    if (greatCircleDistanceKm(end, q) >= baseKm) {
      return side === "origin" ? initialBearingDeg(end, q) : (initialBearingDeg(end, q) + 180) % 360;
    }
  }
  return end.trackDeg;
}

const pad3 = (deg: number) => String(Math.round(deg) % 360).padStart(3, "0");
