/**
 * An epoch-millisecond instant as ISO 8601 UTC to the second, the same on server and browser
 * (no locale, no time zone), for map tooltips.
 * @example formatUtcIso(1_709_296_496_789) // "2024-03-01T12:34:56Z"
 */
export function formatUtcIso(timeMs: number): string {
  if (!Number.isFinite(timeMs)) return "unknown time";
  return new Date(timeMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}
