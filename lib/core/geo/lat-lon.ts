/** A position on the Earth in degrees (WGS 84). TrackPoints and AirportRefs are LatLons. */
export interface LatLon {
  latDeg: number;
  lonDeg: number;
}

/** Mean Earth radius (IUGG), km. Spherical formulas are within ~0.5 % of the ellipsoid: enough for flags. */
export const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_NM = 1.852;
export const DEG = Math.PI / 180;

/** km/s → knots. */
export function knotsFromKmPerS(kmPerS: number): number {
  return (kmPerS * 3600) / KM_PER_NM;
}

/** Longitude wrapped into [-180, 180). */
export function normalizeLonDeg(lonDeg: number): number {
  return ((((lonDeg + 180) % 360) + 360) % 360) - 180;
}
