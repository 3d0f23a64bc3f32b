import { EARTH_RADIUS_KM, type LatLon } from "./lat-lon";

// Local constants: hot loops should not go through a module binding per call.
const RAD = Math.PI / 180;
const R = EARTH_RADIUS_KM;

/**
 * Great-circle (haversine) distance in km on a sphere of mean Earth radius.
 * Written out instead of d3-geo's geoDistance: it is called for every point of every track.
 * @example greatCircleDistanceKm({latDeg: 22.989, lonDeg: -82.409}, {latDeg: 10.601, lonDeg: -66.991}) // ≈ 2,139 (MUHA → SVMI)
 */
export function greatCircleDistanceKm(a: LatLon, b: LatLon): number {
  return distanceKmRaw(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg);
}

/** Same as {@link greatCircleDistanceKm} on bare numbers (hot loops avoid object allocation). */
export function distanceKmRaw(lat1Deg: number, lon1Deg: number, lat2Deg: number, lon2Deg: number): number {
  const dLat = (lat2Deg - lat1Deg) * RAD;
  const dLon = (lon2Deg - lon1Deg) * RAD;
  const sLat = Math.sin(dLat / 2);
  const sLon = Math.sin(dLon / 2);
  const s = sLat * sLat + Math.cos(lat1Deg * RAD) * Math.cos(lat2Deg * RAD) * sLon * sLon;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * Equirectangular approximation of the distance, km: within 0.1 % of the great circle for hops
 * under ~50 km away from the poles, at a third of the cost. For consecutive positions of a track;
 * callers fall back to {@link distanceKmRaw} for longer hops.
 */
export function shortDistanceKm(lat1Deg: number, lon1Deg: number, lat2Deg: number, lon2Deg: number): number {
  let dLon = lon2Deg - lon1Deg;
  if (dLon > 180) dLon -= 360;
  else if (dLon < -180) dLon += 360;
  const x = dLon * Math.cos(((lat1Deg + lat2Deg) / 2) * RAD);
  const y = lat2Deg - lat1Deg;
  return R * RAD * Math.sqrt(x * x + y * y);
}
