import type { FlagRecord } from "../flight-record";
import { positionSpoofingEvidenceSchema } from "../model/evidence/position-spoofing-evidence";
import { formatCount } from "./format-count";
import { formatLatLon } from "./format-position";
import { formatDurationMin, plural } from "./plain-words";

/**
 * POSITION_SPOOFING in plain words: what the reported positions did (froze, jumped, hung still)
 * and where the aircraft really went across. Never worded as a coverage question: the positions
 * arrived, they were false.
 */
export function describePositionSpoofing(flag: FlagRecord): { sentence: string; details: string[] } {
  const parsed = positionSpoofingEvidenceSchema.safeParse(flag.evidence);
  if (!parsed.success) return { sentence: String(flag.evidence.summary ?? "Reported positions that no aircraft could have flown"), details: [] };
  const e = parsed.data;
  const what: string[] = [];
  if (e.frozenS > 0) what.push(`stayed frozen for ${formatDurationMin(e.frozenS / 60)} while the aircraft reported flying on`);
  if (e.jumps.length > 0) {
    const far = Math.max(...e.jumps.map((j) => j.distanceKm));
    what.push(`jumped ${plural(e.jumps.length, "time")} by up to ${formatCount(Math.round(far))} km, faster than any aircraft flies`);
  }
  if (e.signs.includes("stationary")) what.push("hung still at altitude");
  const sentence =
    `For ${formatDurationMin(e.minutes)} its reported position ${what.join(", ") || "could not have been flown"}; ` +
    `the trusted track resumes ${formatCount(Math.round(e.trueDistanceKm))} km further on (${formatCount(e.trueSpeedKt)} kt across): position spoofing or a corrupt feed, not a silence`;
  const details = [
    `Last trusted position: ${e.lastTrusted.time.slice(11, 19)} UTC, ${formatLatLon(e.lastTrusted)}`,
    `First trusted position after: ${e.firstTrusted.time.slice(11, 19)} UTC, ${formatLatLon(e.firstTrusted)}`,
    ...e.jumps.map((j) => `Jump at ${j.at.slice(11, 19)} UTC: ${formatCount(Math.round(j.distanceKm))} km, ${formatCount(j.impliedSpeedKt)} kt implied`),
    `${plural(e.positionsRemoved, "reported position")} set aside (kept in the downloads, left out of the track and its gaps)`,
  ];
  return { sentence, details };
}
