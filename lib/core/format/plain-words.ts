import { formatCount } from "./format-count";
import { formatUtcHhMm } from "./format-utc";

/** Small wording helpers shared by the flag descriptions. */

/** 47 → "47 min", 72 → "1 h 12 min", 120 → "2 h". */
export function formatDurationMin(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  if (total < 60) return `${total} min`;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export const hhmmUtc = (ms: number) => `${formatUtcHhMm(ms)} UTC`;

/** plural(1, "position") → "1 position"; plural(3, "entry", "entries") → "3 entries". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "12 other aircraft were", "1 other aircraft was". */
export function aircraftWere(n: number): string {
  return `${formatCount(n)} other aircraft ${n === 1 ? "was" : "were"}`;
}

export function listSome(items: readonly string[], max: number): string {
  return items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region" });

/** "CU" → "Cuba"; a code Intl does not know stays as it is. */
export function countryOrCode(code: string): string {
  try {
    return REGION_NAMES.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const WEEKDAYS = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
export const weekdayNames = (digits: string) => [...digits].map((d) => WEEKDAYS[Number(d)] ?? d).join(", ");

/** A chance as words: 0.0000003 → "less than 1 in a million", 0.25 → "25 %". */
export function formatChance(p: number): string {
  if (p < 1e-6) return "less than 1 in a million";
  if (p < 0.001) return `about 1 in ${formatCount(Math.round(1 / p))}`;
  return `${Math.round(p * 1000) / 10} %`;
}

/** Read a number from a loose JSON object (stored configurations), null when absent. */
export function numberAt(o: unknown, key: string): number | null {
  const v = o !== null && typeof o === "object" ? (o as Record<string, unknown>)[key] : undefined;
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
