import { geoInterpolate } from "d3-geo";
import type { LatLon } from "../geo/lat-lon";

/**
 * The great circle from `from` to `to` as a GeoJSON LineString ([lon, lat] pairs) of
 * `steps` + 1 points, both ends exact. Used to draw gaps and routes: what is drawn between two
 * observed positions is the shortest path, marked as inferred, never as observed track.
 * @example greatCircleLine(havana, caracas, 32).coordinates.length // 33
 */
export function greatCircleLine(from: LatLon, to: LatLon, steps = 32): { type: "LineString"; coordinates: [number, number][] } {
  const a: [number, number] = [from.lonDeg, from.latDeg];
  const b: [number, number] = [to.lonDeg, to.latDeg];
  const n = Math.max(1, Math.round(steps));
  const at = geoInterpolate(a, b);
  const coordinates: [number, number][] = [a];
  for (let i = 1; i < n; i++) coordinates.push(at(i / n));
  coordinates.push(b);
  return { type: "LineString", coordinates };
}
