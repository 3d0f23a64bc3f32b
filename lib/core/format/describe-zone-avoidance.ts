import type { FlagRecord } from "../flight-record";
import { zoneAvoidanceEvidenceSchema } from "../model/evidence/zone-avoidance-evidence";
import { formatCount } from "./format-count";
import { formatLatLon } from "./format-position";
import { numberAt } from "./plain-words";

/** ZONE_AVOIDANCE in plain words: the direct route crosses the zone, the track stayed out; how far off and how much longer. */
export function describeZoneAvoidance(flag: FlagRecord): { sentence: string; details: string[] } {
  const parsed = zoneAvoidanceEvidenceSchema.safeParse(flag.evidence);
  if (!parsed.success) return { sentence: String(flag.evidence.summary ?? "Avoided a watched zone"), details: [] };
  const e = parsed.data;
  const from = e.route.from.airportIcao ?? "the first position";
  const to = e.route.to.airportIcao ?? "the last position";
  const sentence =
    `Stayed outside ${e.zoneName ? `${e.zoneName} (${e.zone})` : e.zone} although the direct route ${from} → ${to} crosses it for ${formatCount(e.greatCircleInsideZoneKm)} km` +
    `: up to ${formatCount(e.maxOffsetKm)} km ${e.side} of the direct route, ${e.extraDistancePct.toFixed(1)} % longer`;
  const details: string[] = [];
  if (e.flownFirSequence.length > 0) details.push(`FIRs flown: ${e.flownFirSequence.join(" → ")}`);
  if (e.expectedFirSequence.length > 0) details.push(`FIRs along the direct route: ${e.expectedFirSequence.join(" → ")}`);
  details.push(`Farthest from the direct route at ${formatLatLon(e.maxOffsetAt)}`);
  details.push(`Direct route ${formatCount(e.greatCircleKm)} km; the track covers ${Math.round(e.routeCoverage * 100)} % of it`);
  details.push(`No position inside ${e.zone}, and no transponder gap whose straight path crosses it`);
  const minCrossingKm = numberAt(flag.config, "minCrossingKm");
  const minCoverage = numberAt(flag.config, "minRouteCoverage");
  const stepKm = numberAt(flag.config, "stepKm");
  const rule = [
    minCrossingKm === null ? null : `the direct route runs ${minCrossingKm}+ km through the zone`,
    minCoverage === null ? null : `the track covers ${Math.round(minCoverage * 100)} %+ of the route`,
    stepKm === null ? null : `sampled every ${stepKm} km`,
  ].filter(Boolean);
  if (rule.length > 0) details.push(`Thresholds: ${rule.join("; ")}`);
  return { sentence, details };
}
