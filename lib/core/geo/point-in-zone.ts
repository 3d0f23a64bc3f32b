import type { ZoneRef } from "../model/zone-ref";

/** A zone flattened for fast planar containment tests on lon/lat. */
export interface PreparedZone {
  code: string;
  zone: ZoneRef;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: [number, number, number, number];
  /** Each polygon as flat rings [lon0, lat0, lon1, lat1, …]; first ring outer, then holes. */
  polygons: Float64Array[][];
  /** Planar area in square degrees (outer minus holes): the smaller of two overlapping zones is the more specific. */
  areaDeg2: number;
}

/**
 * Flatten a zone for {@link pointInZone}. Containment is planar on lon/lat: FIR boundaries are
 * published as lon/lat vertex lists joined by straight lines on the chart, so planar is what they
 * mean, it does not care about ring winding (d3-geo's spherical test does), and it is much faster.
 * Limitation: polygons crossing the antimeridian are not supported (none in the Caribbean).
 */
export function prepareZone(zone: ZoneRef): PreparedZone {
  const polys = zone.geometry.type === "Polygon" ? [zone.geometry.coordinates] : zone.geometry.coordinates;
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  let areaDeg2 = 0;
  const polygons = polys.map((rings) =>
    rings.map((ring, ringIndex) => {
      const flat = new Float64Array(ring.length * 2);
      let twiceArea = 0;
      ring.forEach((pt, i) => {
        const lon = pt[0] ?? 0;
        const lat = pt[1] ?? 0;
        flat[2 * i] = lon;
        flat[2 * i + 1] = lat;
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
        const next = ring[(i + 1) % ring.length] ?? pt;
        twiceArea += lon * (next[1] ?? 0) - (next[0] ?? 0) * lat;
      });
      areaDeg2 += (ringIndex === 0 ? 1 : -1) * Math.abs(twiceArea / 2);
      return flat;
    }),
  );
  return { code: zone.code, zone, bbox: [minLon, minLat, maxLon, maxLat], polygons, areaDeg2 };
}

/**
 * Is the point inside the zone? Bounding box first, then even-odd ray casting over every ring
 * of each polygon (holes therefore count as outside).
 * @example pointInZone(prepareZone(tncf), 14, -70) // true
 */
export function pointInZone(zone: PreparedZone, latDeg: number, lonDeg: number): boolean {
  const bbox = zone.bbox;
  if (lonDeg < bbox[0] || lonDeg > bbox[2] || latDeg < bbox[1] || latDeg > bbox[3]) return false;
  for (const rings of zone.polygons) {
    let inside = false;
    for (const ring of rings) if (ringContains(ring, lonDeg, latDeg)) inside = !inside;
    if (inside) return true;
  }
  return false;
}

/** Even-odd test of one flat ring. */
export function ringContains(ring: Float64Array, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i]!, yi = ring[2 * i + 1]!;
    const xj = ring[2 * j]!, yj = ring[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
