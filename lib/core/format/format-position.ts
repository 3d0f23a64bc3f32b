export { formatAltitude } from "./format-altitude";

/**
 * @example formatLatLon({ latDeg: 14.3, lonDeg: -74.1 }) // "14.30°N 74.10°W"
 */
export function formatLatLon(p: { latDeg: number; lonDeg: number }): string {
  const lat = `${Math.abs(p.latDeg).toFixed(2)}°${p.latDeg >= 0 ? "N" : "S"}`;
  const lon = `${Math.abs(p.lonDeg).toFixed(2)}°${p.lonDeg >= 0 ? "E" : "W"}`;
  return `${lat} ${lon}`;
}
