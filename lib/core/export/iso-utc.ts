/**
 * Epoch milliseconds as an ISO 8601 UTC timestamp, the one time format of every export.
 * @example isoUtc(0) // "1970-01-01T00:00:00.000Z"
 */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
