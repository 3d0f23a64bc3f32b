import type { Detector } from "../detector";
import { ruleVersion } from "../detector";
import type { Finding } from "../../model/finding";
import type { GapEvent, GapPoint } from "../../model/gap-event";
import { DEFAULT_DETECTION_CONFIG, type GapConfig } from "../../model/detection-config";
import { transponderGapEvidenceSchema, type TransponderGapEvidence } from "../../model/evidence/transponder-gap-evidence";
import { altitudeBand } from "../../reception/grid-cell";

const VERSION = 3;

/**
 * TRANSPONDER_GAP: one finding per gap event of the flight, suspected or not, so an analyst sees
 * every silence with its grading. Only suspected gaps count in the score. The gaps themselves are
 * found and graded when the flight is built (find-gaps.ts, grade-gap.ts); this detector reports
 * them, with the reception map's parameters beside the gap thresholds in the stored config.
 */
export const transponderGapDetector: Detector<GapConfig> = {
  kind: "TRANSPONDER_GAP",
  version: VERSION,
  defaultConfig: DEFAULT_DETECTION_CONFIG.gaps,
  detect(flight, ctx): Finding[] {
    return flight.gaps.map((g) => {
      const endMs = g.on ? g.on.timeMs : g.off.timeMs + g.durationS * 1000;
      const evidence: TransponderGapEvidence = transponderGapEvidenceSchema.parse(gapEvidence(g, ctx.config.reception.bandFloorsFt, ctx.config.reception.historyDays));
      return {
        kind: "TRANSPONDER_GAP",
        windowStartMs: g.off.timeMs,
        windowEndMs: endMs,
        ruleVersion: ruleVersion("TRANSPONDER_GAP", VERSION),
        config: { ...ctx.config.gaps, reception: { ...ctx.config.reception } },
        evidence,
      };
    });
  },
};

function gapEvidence(g: GapEvent, bandFloorsFt: readonly number[], historyDays: number): TransponderGapEvidence {
  const label = g.suspected ? "suspected switch-off" : "gap";
  const kind = g.partial ? "ADS-B only (MLAT / Mode S continued)" : g.open ? "open" : "closed";
  return {
    summary: `${label}, ${kind}: ${Math.round(g.durationS / 60)} min, confidence ${g.confidence.toFixed(2)}`,
    start: new Date(g.off.timeMs).toISOString(),
    end: g.on ? new Date(g.on.timeMs).toISOString() : null,
    minutes: Math.round((g.durationS / 60) * 10) / 10,
    suspected: g.suspected,
    confidence: g.confidence,
    partial: g.partial,
    open: g.open,
    witnesses: g.witnessCount,
    witnessAddresses: g.witnesses,
    quietAircraft: g.quietCount,
    aliveAircraft: g.aliveCount,
    crossingsHeardThen: g.crossingsHeardThen,
    crossingsUnheardThen: g.crossingsUnheardThen,
    expectedPositions: g.expectedPositions,
    chanceOfNone: g.chanceOfNone,
    ownIntervalS: g.ownIntervalS,
    positionsBefore: g.positionsBefore,
    offPoint: point(g.off),
    onPoint: g.on ? point(g.on) : null,
    distanceKm: g.distanceKm === null ? null : round1(g.distanceKm),
    impliedSpeedKt: g.impliedSpeedKt === null ? null : Math.round(g.impliedSpeedKt),
    reasons: g.reasons,
    pathCells: g.pathCells,
    band: altitudeBand(g.off.altitudeFt, false, bandFloorsFt) ?? 0,
    historyDays,
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function point(p: GapPoint) {
  return { time: new Date(p.timeMs).toISOString(), latDeg: p.latDeg, lonDeg: p.lonDeg, altitudeFt: p.altitudeFt, groundSpeedKt: p.groundSpeedKt };
}
