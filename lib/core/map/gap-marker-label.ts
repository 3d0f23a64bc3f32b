import { flagLabel } from "../format/flag-label";
import { formatCount } from "../format/format-count";
import { formatUtcIso } from "../format/format-utc";

export interface GapMarkerFacts {
  timeMs: number;
  altitudeFt: number | null;
  durationS: number;
  suspected: boolean;
  open: boolean;
}

function altitudeText(altitudeFt: number | null): string {
  return altitudeFt === null || !Number.isFinite(altitudeFt) ? "altitude unknown" : `${formatCount(Math.round(altitudeFt))} ft`;
}

/** Whole minutes, at least 1 for any non-empty gap, so a 40-second gap does not read "0 min". */
export function gapDurationMin(durationS: number): number {
  if (!(durationS > 0)) return 0;
  return Math.max(1, Math.round(durationS / 60));
}

/**
 * The tooltip text of a gap's off ("ADS-B lost") or on ("ADS-B back") marker: UTC time, altitude,
 * the gap's length and what it is. The wording is the flag's: "suspected switch-off" only when the
 * coverage model suspected one, otherwise just "gap".
 * @example gapMarkerLabel("off", { timeMs: 0, altitudeFt: 35000, durationS: 2820, suspected: true, open: false })
 * // "ADS-B lost 1970-01-01T00:00:00Z · 35,000 ft · suspected switch-off of 47 min"
 */
export function gapMarkerLabel(end: "off" | "on", facts: GapMarkerFacts): string {
  const what = flagLabel({ kind: "TRANSPONDER_GAP", suspected: facts.suspected });
  const minutes = gapDurationMin(facts.durationS);
  const length = facts.open ? `${what}, the track ends here (open gap, ${minutes} min until next received or the end of the data)` : `${what} of ${minutes} min`;
  const head = end === "off" ? "ADS-B lost" : "ADS-B back";
  return `${head} ${formatUtcIso(facts.timeMs)} · ${altitudeText(facts.altitudeFt)} · ${end === "on" ? `after ${length}` : length}`;
}
