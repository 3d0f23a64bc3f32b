import type { PositionSource } from "./canonical-position";

/**
 * Small normalisers shared by the parsers. They never throw: they return `null` for "absent"
 * and leave anything they cannot fix to the canonical schema, which owns the rules.
 */

/**
 * A number cell: `null` when empty, `NaN` when present but not a finite decimal number (the
 * caller reports it): Number() also reads "0x10" as 16, "0b11" as 3 and "Infinity".
 */
export function numberOrNull(raw: string | undefined): number | null {
  if (raw === undefined || raw === "") return null;
  // Number() ignores surrounding whitespace but reads a blank cell as 0: only then trim (hot path).
  const value = Number(raw);
  if (value === 0 && raw.trim() === "") return null;
  if (!Number.isFinite(value)) return Number.NaN;
  // A radix prefix is the only non-decimal form Number() takes that stays finite; it starts with 0 (after any blanks).
  const first = raw.charCodeAt(0);
  if ((first === 48 || first <= 32 || first > 127) && hasRadixPrefix(raw.trimStart())) return Number.NaN;
  return value;
}

/** "0x…", "0b…", "0o…" in either case. */
function hasRadixPrefix(text: string): boolean {
  if (text.charCodeAt(0) !== 48) return false;
  const letter = text.charCodeAt(1) | 32;
  return letter === 120 || letter === 98 || letter === 111;
}

/** Boolean cells as exports spell them; `undefined` when the text is not a boolean at all. */
export function booleanOrNull(raw: string | undefined): boolean | null | undefined {
  if (raw === undefined) return null;
  const text = raw.trim().toLowerCase();
  if (text === "") return null;
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
}
// "-1" is BaseStation's true; "ground"/"airborne" is how some trackers spell the on-ground flag.
const TRUE_WORDS = new Set(["true", "t", "1", "-1", "yes", "y", "ground"]);
const FALSE_WORDS = new Set(["false", "f", "0", "no", "n", "air", "airborne"]);

/** Trimmed, upper-cased callsign; OpenSky pads to 8 with spaces, empty means none. */
export function callsignOrNull(raw: string | undefined | null): string | null {
  if (raw === undefined || raw === null) return null;
  const text = raw.trim().toUpperCase();
  return text === "" ? null : text;
}

/** Squawks lose their leading zeros in numeric columns ("416" is 0416); "" is none. */
export function squawkOrNull(raw: string | undefined | null): string | null {
  if (raw === undefined || raw === null) return null;
  const text = raw.trim();
  if (text === "") return null;
  return /^\d{1,3}$/.test(text) ? text.padStart(4, "0") : text;
}

/**
 * Addresses as files spell them: trimmed, lower-cased, without a "0x" prefix (FR24 granular,
 * C-style dumps). A readsb "~" prefix (non-ICAO, anonymous or TIS-B track id) is NOT stripped:
 * such ids are no aircraft identity and would collide with a real address, so the schema rejects them.
 */
export function normaliseIcao24(raw: string | undefined): string {
  if (raw === undefined) return "";
  const text = raw.trim().toLowerCase();
  return text.startsWith("0x") ? text.slice(2) : text;
}

/** Some exports (traffic library conversions) give tracks in (-180, 180]; the canonical range is [0, 360]. */
export function normaliseTrackDeg(trackDeg: number | null): number | null {
  if (trackDeg === null || trackDeg >= 0 || trackDeg < -360) return trackDeg;
  return trackDeg + 360;
}

/**
 * Source names as readsb, FR24 and people write them (case-insensitive); `undefined` if unknown.
 * readsb: adsb_icao, adsb_icao_nt, adsr_icao, adsb_other, adsr_other → ADSB; tisb_* → TISB.
 */
export function sourceFromName(raw: string): PositionSource | undefined {
  const text = raw.trim().toLowerCase().replace(/-/g, "_");
  if (text.startsWith("adsb_") || text.startsWith("adsr_")) return "ADSB";
  if (text.startsWith("tisb_")) return "TISB";
  return SOURCE_NAMES[text];
}
const SOURCE_NAMES: Record<string, PositionSource> = {
  adsb: "ADSB",
  ads_b: "ADSB",
  mlat: "MLAT",
  tisb: "TISB",
  tis_b: "TISB",
  adsc: "ADSC",
  ads_c: "ADSC",
  mode_s: "MODE_S",
  modes: "MODE_S",
  asterix: "ASTERIX",
  flarm: "FLARM",
  other: "OTHER",
};
