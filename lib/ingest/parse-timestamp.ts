/**
 * Reads a time cell into Unix milliseconds, or returns why it cannot (a string).
 *
 * - ISO-8601 with a zone: `2024-01-02T07:41:03Z`, `2024-01-02 07:41:03.5+01:00`, `...+0100`,
 *   `... UTC`, and FR24 granular's `2024-01-02 07:41:03Z.515` (fraction after the Z).
 *   An ISO time without a zone is refused: local or UTC cannot be told apart, and a wrong
 *   guess shifts every position by hours.
 * - Unix time as a number: seconds below 1e11 (year 5138), milliseconds from there (1e11 ms is
 *   1973), so the two never overlap for ADS-B data (1990 onwards). Fractions are kept to the ms.
 *
 * @example parseTimestamp("1704180175") === 1704180175000
 * @example parseTimestamp("2024-01-02T07:22:55") === "ISO time without a zone is ambiguous: add Z or an offset"
 */
export function parseTimestamp(raw: string): number | string {
  const text = raw.trim();
  if (text === "") return "empty time";
  if (NUMBER.test(text)) {
    const value = Number(text);
    return Math.round(Math.abs(value) < MS_THRESHOLD ? value * 1000 : value);
  }
  const match = ISO.exec(text);
  if (!match) return "not a time: expected ISO-8601 with a zone or Unix seconds/milliseconds";
  const [, y, mo, d, h, mi, s, fraction, zone, lateFraction] = match;
  if (zone === undefined) return "ISO time without a zone is ambiguous: add Z or an offset";
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const digits = fraction ?? lateFraction;
  const ms = digits === undefined ? 0 : Math.round(Number(`0.${digits}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return "not a calendar date";
  if (hour > 23 || minute > 59 || second > 59) return "not a time of day";
  const offsetMs = zoneOffsetMs(zone);
  if (offsetMs === null) return "not a time zone offset (at most ±14:00, minutes below 60)";
  const utcMs = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC reads years 0-99 as 1900-1999: such a year must stay itself (and fail "before 1990").
  return (year < 100 ? new Date(utcMs).setUTCFullYear(year) : utcMs) - offsetMs;
}

/** Unix seconds below this, milliseconds from it. */
export const MS_THRESHOLD = 1e11;

const NUMBER = /^-?\d+(\.\d+)?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?(?:\.(\d+))?$/;

/** The zone's offset from UTC, or null when no zone has it (real ones run from -12:00 to +14:00). */
function zoneOffsetMs(zone: string): number | null {
  if (zone === "Z" || zone === "z" || zone === "UTC" || zone === "GMT") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return null;
  return sign * (hours * 60 + minutes) * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
