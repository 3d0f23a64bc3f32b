import type { Detector } from "../detector";
import { ruleVersion } from "../detector";
import type { Finding } from "../../model/finding";
import { DEFAULT_DETECTION_CONFIG, type SpoofingConfig } from "../../model/detection-config";
import type { TrackPoint } from "../../model/track-point";
import type { SpoofedStretch } from "../../model/spoofed-stretch";
import { knotsFromKmPerS } from "../../geo/lat-lon";
import type { PositionSpoofingEvidence } from "../../model/evidence/position-spoofing-evidence";

const VERSION = 1;

/**
 * POSITION_SPOOFING: one finding per spoofed stretch of the flight — positions frozen while the
 * aircraft flew on, impossible jumps, or hanging still at altitude, after which the track resumes
 * where the aircraft could have been. The stretches are found when the track is cleaned
 * (find-spoofed-stretches.ts) and their positions are not part of the flight; the silence they
 * leave is this finding, never a gap. GNSS spoofing and jamming are a navigation-integrity
 * problem, not evidence of intent: the finding does not count in the score.
 */
export const positionSpoofingDetector: Detector<SpoofingConfig> = {
  kind: "POSITION_SPOOFING",
  version: VERSION,
  defaultConfig: DEFAULT_DETECTION_CONFIG.spoofing,
  detect(flight, ctx): Finding[] {
    return (flight.spoofing ?? []).map((s) => ({
      kind: "POSITION_SPOOFING",
      windowStartMs: s.startMs,
      windowEndMs: s.endMs,
      ruleVersion: ruleVersion("POSITION_SPOOFING", VERSION),
      config: { track: { ...ctx.config.track }, spoofing: { ...ctx.config.spoofing } },
      evidence: evidence(s),
    }));
  },
};

function evidence(s: SpoofedStretch): PositionSpoofingEvidence {
  const minutes = round1((s.endMs - s.startMs) / 60_000);
  const acrossS = (s.after.timeMs - s.before.timeMs) / 1000;
  const parts: string[] = [];
  if (s.frozenS > 0) parts.push(`position frozen ${Math.round(s.frozenS / 60)} min while flying`);
  if (s.jumps.length) parts.push(`${s.jumps.length} impossible jump${s.jumps.length > 1 ? "s" : ""} (up to ${Math.round(Math.max(...s.jumps.map((j) => j.distanceKm)))} km)`);
  if (s.signs.includes("stationary")) parts.push("hanging still at altitude");
  return {
    summary: `position spoofing, ${minutes} min: ${parts.join(", ")}; the track resumes ${Math.round(s.trueDistanceKm)} km on`,
    start: iso(s.startMs),
    end: iso(s.endMs),
    minutes,
    frozenS: Math.round(s.frozenS),
    jumps: s.jumps.map((j) => ({ at: iso(j.atMs), distanceKm: round1(j.distanceKm), impliedSpeedKt: Math.round(j.impliedSpeedKt) })),
    positionsRemoved: s.positionsRemoved,
    signs: s.signs,
    lastTrusted: point(s.before),
    firstTrusted: point(s.after),
    trueDistanceKm: round1(s.trueDistanceKm),
    trueSpeedKt: acrossS > 0 ? Math.round(knotsFromKmPerS(s.trueDistanceKm / acrossS)) : 0,
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const iso = (ms: number) => new Date(ms).toISOString();

function point(p: TrackPoint) {
  return { time: iso(p.timeMs), latDeg: p.latDeg, lonDeg: p.lonDeg, altitudeFt: p.altitudeFt, groundSpeedKt: p.groundSpeedKt };
}
