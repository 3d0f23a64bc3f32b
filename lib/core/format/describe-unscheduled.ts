import type { FlagRecord } from "../flight-record";
import { unscheduledEvidenceSchema } from "../model/evidence/unscheduled-evidence";
import { flagLabel } from "./flag-label";
import { numberAt, plural, weekdayNames } from "./plain-words";

/** UNSCHEDULED in plain words: no published service matches, and the nearest entries with why each failed. */
export function describeUnscheduled(flag: FlagRecord): { sentence: string; details: string[] } {
  const parsed = unscheduledEvidenceSchema.safeParse(flag.evidence);
  if (!parsed.success) return { sentence: String(flag.evidence.summary ?? "No published schedule matches"), details: [] };
  const { callsign, candidates, evaluatedBecause } = parsed.data;
  let sentence: string;
  if (!callsign) sentence = "No callsign was broadcast, so no published schedule can match it";
  else if (candidates.length === 0) sentence = `No published schedule matches ${callsign} on this route and day: no entry has this callsign or operator`;
  else sentence = `No published schedule matches ${callsign} on this route and day`;

  const details = candidates.map((c) => {
    const what = [c.callsign, c.route, c.days ? `on ${weekdayNames(c.days)}` : null, `departing ${c.departureUtc} UTC`, `valid ${c.validity}`];
    return `Nearest: ${what.filter(Boolean).join(" ")}${c.whyNot.length > 0 ? `: ${c.whyNot.join("; ")}` : ""}`;
  });
  if (evaluatedBecause.length > 0) details.push(`Checked because the flight is already flagged: ${evaluatedBecause.map((k) => flagLabel({ kind: k })).join(", ")}`);
  const tolerance = numberAt(flag.config, "departureToleranceMin");
  const checked = numberAt(flag.config, "schedulesChecked");
  const rule = [tolerance === null ? null : `departure within ±${tolerance} min of the scheduled time`, checked === null ? null : `${plural(checked, "schedule entry", "schedule entries")} checked`];
  if (rule.some(Boolean)) details.push(`Thresholds: ${rule.filter(Boolean).join("; ")}`);
  return { sentence, details };
}
