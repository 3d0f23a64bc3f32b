/**
 * Altitude as analysts read it: flight level at and above 18,000 ft (the US/Caribbean transition
 * altitude), feet below.
 * @example formatAltitude(35000) // "FL350"
 * @example formatAltitude(4200)  // "4,200 ft"
 */
export function formatAltitude(altitudeFt: number | null): string {
  if (altitudeFt === null) return "unknown altitude";
  if (altitudeFt >= 18000) return `FL${String(Math.round(altitudeFt / 100)).padStart(3, "0")}`;
  return `${Math.round(altitudeFt).toLocaleString("en-US")} ft`;
}

/**
 * @example formatLatLon({ latDeg: 14.3, lonDeg: -74.1 }) // "14.30°N 74.10°W"
 */
export function formatLatLon(p: { latDeg: number; lonDeg: number }): string {
  const lat = `${Math.abs(p.latDeg).toFixed(2)}°${p.latDeg >= 0 ? "N" : "S"}`;
  const lon = `${Math.abs(p.lonDeg).toFixed(2)}°${p.lonDeg >= 0 ? "E" : "W"}`;
  return `${lat} ${lon}`;
}
