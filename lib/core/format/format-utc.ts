/**
 * Times as darkflight shows them: UTC, minutes precision, ISO order, never the viewer's zone
 * (an analyst and a reader must read the same time).
 * @example formatUtc(Date.UTC(2024, 7, 1, 14, 5)) // "2024-08-01 14:05 UTC"
 */
export function formatUtc(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  return `${formatUtcMinute(ms)} UTC`;
}

/** "YYYY-MM-DD HH:MM" in UTC, for tables whose heading already says UTC. */
export function formatUtcMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/** A duration in plain words: "47 min", "2 h 05 min". */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** Is this a real calendar day written "YYYY-MM-DD" ("2024-02-30" is not: Date.parse would roll it over)? */
export function isUtcDay(text: string): boolean {
  // Year 0 is a JavaScript date but no PostgreSQL one.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || text.startsWith("0000")) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** "HH:MM" UTC, for time-axis ticks. @example formatUtcHhMm(Date.UTC(2024, 7, 6, 14, 5)) // "14:05" */
export function formatUtcHhMm(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(11, 16);
}

/** "YYYY-MM-DD HH:MM:SS UTC", for chart tooltips and tables. */
export function formatUtcDateTime(timeMs: number): string {
  const iso = new Date(timeMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/**
 * ISO 8601 UTC to the second, the same on server and browser (no locale), for map tooltips.
 * @example formatUtcIso(1_709_296_496_789) // "2024-03-01T12:34:56Z"
 */
export function formatUtcIso(timeMs: number): string {
  if (!Number.isFinite(timeMs)) return "unknown time";
  return new Date(timeMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * ISO 8601 UTC with milliseconds, the one time format of every export.
 * @example isoUtc(0) // "1970-01-01T00:00:00.000Z"
 */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
