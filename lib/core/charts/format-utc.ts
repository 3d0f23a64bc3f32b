/** Chart labels in UTC, independent of the viewer's time zone (flights are compared across zones). */

/** "HH:MM" UTC, for time axis ticks. @example formatUtcHhMm(Date.UTC(2024, 7, 6, 14, 5)) // → "14:05" */
export function formatUtcHhMm(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(11, 16);
}

/** "YYYY-MM-DD HH:MM:SS UTC", for tooltips and tables. */
export function formatUtcDateTime(timeMs: number): string {
  const iso = new Date(timeMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
