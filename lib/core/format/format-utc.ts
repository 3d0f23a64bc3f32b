/**
 * Times as darkflight shows them: UTC, minutes precision, ISO order, never the viewer's zone
 * (an analyst and a reader must read the same time).
 * @example formatUtc(Date.UTC(2024, 7, 1, 14, 5)) // "2024-08-01 14:05 UTC"
 */
export function formatUtc(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The UTC day of an instant, "YYYY-MM-DD". */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A duration in plain words: "47 min", "2 h 05 min". */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** Is this a real calendar day written "YYYY-MM-DD" ("2024-02-30" is not: Date.parse would roll it over)? */
export function isUtcDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}
