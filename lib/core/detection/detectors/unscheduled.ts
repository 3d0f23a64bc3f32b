import type { Detector } from "../detector";
import { ruleVersion } from "../detector";
import { unscheduledEvidenceSchema } from "../../model/evidence/unscheduled-evidence";
import type { Finding } from "../../model/finding";
import { DEFAULT_DETECTION_CONFIG, type UnscheduledConfig } from "../../model/detection-config";
import { matchSchedule } from "../match-schedule";

/**
 * UNSCHEDULED: no published schedule entry matches the flight (see {@link matchSchedule}).
 * Flights without a callsign are unscheduled. The evidence lists the nearest entries of the same
 * callsign or operator and why each did not match.
 *
 * Scope decision: evaluated only for flights already of interest — TYPE_OF_INTEREST or
 * CUBA_VENEZUELA found earlier on this flight (`onlyFlightsOfInterest`). Without that, every
 * general-aviation, cargo and charter flight in the data would be flagged "unscheduled" and the
 * flag would mean nothing. The registry runs this detector after those two.
 */
export const unscheduledDetector: Detector<UnscheduledConfig> = {
  kind: "UNSCHEDULED",
  version: 1,
  defaultConfig: DEFAULT_DETECTION_CONFIG.unscheduled,
  detect(flight, ctx): Finding[] {
    const cfg = ctx.config.unscheduled;
    const ofInterest = ctx.earlierFindings.filter((f) => f.kind === "TYPE_OF_INTEREST" || f.kind === "CUBA_VENEZUELA").map((f) => f.kind);
    if (cfg.onlyFlightsOfInterest && ofInterest.length === 0) return [];

    const base = {
      kind: "UNSCHEDULED" as const,
      windowStartMs: flight.firstSeenMs,
      windowEndMs: flight.lastSeenMs,
      ruleVersion: ruleVersion("UNSCHEDULED", 1),
      config: { ...cfg, schedulesChecked: ctx.schedules.length },
    };
    if (!flight.callsign) {
      return [{ ...base, evidence: unscheduledEvidenceSchema.parse({ summary: "no callsign broadcast: cannot be a published scheduled service", callsign: null, evaluatedBecause: ofInterest, candidates: [] }) }];
    }
    const result = matchSchedule(flight, ctx.schedules, ctx.aircraft?.operator ?? null, cfg.departureToleranceMin);
    if (result.matched) return [];
    const candidates = result.candidates.slice(0, cfg.maxCandidates).map((c) => ({
      callsign: c.schedule.callsign,
      route: `${c.schedule.originIcao} → ${c.schedule.destinationIcao}`,
      days: c.schedule.weekdays,
      departureUtc: c.schedule.departureUtc,
      validity: `${c.schedule.validFrom} … ${c.schedule.validTo}`,
      operator: c.schedule.operator,
      offsetMin: c.offsetMin,
      whyNot: c.reasons,
    }));
    const summary =
      candidates.length === 0
        ? `no schedule entry for callsign ${flight.callsign} or its operator (${ctx.schedules.length} entries checked)`
        : `no schedule entry matches ${flight.callsign}; nearest: ${candidates[0]!.callsign} ${candidates[0]!.route} (${candidates[0]!.whyNot.slice(-1)[0]})`;
    return [{ ...base, evidence: unscheduledEvidenceSchema.parse({ summary, callsign: flight.callsign, evaluatedBecause: ofInterest, candidates }) }];
  },
};
