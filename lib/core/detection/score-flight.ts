import type { Finding } from "../model/finding";
import { DEFAULT_DETECTION_CONFIG, type ScoreConfig } from "../model/detection-config";

export interface FlightScore {
  /** 0..1, rounded to 3 decimals. */
  score: number;
  /** One line per flag that counted (or did not), in plain words. */
  explanation: string[];
}

/**
 * Score a flight from its findings. Weights: type of interest 0.20, Cuba–Venezuela 0.20,
 * unscheduled 0.10, suspected switch-off 0.15 × its best confidence, zone avoidance 0.15 (gaps
 * that are not suspected count 0). The report's pattern — type of interest AND Cuba–Venezuela AND
 * at least one of unscheduled / suspected switch-off / zone avoidance — lifts the score into
 * [`patternFloor`, 1]; without it the weights sum to at most 0.60, so every flight with the
 * pattern ranks above every flight without it.
 * @example scoreFlight(findings).score // 0.875
 */
export function scoreFlight(findings: readonly Finding[], weights: ScoreConfig = DEFAULT_DETECTION_CONFIG.score): FlightScore {
  const has = (kind: Finding["kind"]) => findings.some((f) => f.kind === kind);
  const gaps = findings.filter((f) => f.kind === "TRANSPONDER_GAP");
  const suspected = gaps.filter((f) => f.evidence.suspected === true);
  const bestConfidence = Math.max(0, ...suspected.map((f) => Number(f.evidence.confidence) || 0));
  const explanation: string[] = [];

  const parts = {
    type: has("TYPE_OF_INTEREST") ? weights.typeOfInterest : 0,
    route: has("CUBA_VENEZUELA") ? weights.cubaVenezuela : 0,
    unscheduled: has("UNSCHEDULED") ? weights.unscheduled : 0,
    gap: suspected.length ? weights.suspectedGap * bestConfidence : 0,
    zone: has("ZONE_AVOIDANCE") ? weights.zoneAvoidance : 0,
  };
  const line = (text: string, w: number) => explanation.push(`${text}: +${w.toFixed(2)}`);
  if (parts.type) line("type or aircraft of interest", parts.type);
  if (parts.route) line("Cuba–Venezuela flight", parts.route);
  if (parts.unscheduled) line("no published schedule matches", parts.unscheduled);
  if (parts.gap) line(`suspected transponder switch-off (best confidence ${bestConfidence.toFixed(2)})`, parts.gap);
  if (gaps.length > suspected.length) explanation.push(`${gaps.length - suspected.length} gap(s) not suspected (coverage, approach or altitude): +0.00`);
  if (parts.zone) line("avoided a watched zone", parts.zone);

  const extras = parts.unscheduled + parts.gap + parts.zone;
  let score = parts.type + parts.route + extras;
  if (parts.type && parts.route && extras > 0) {
    const maxExtras = weights.unscheduled + weights.suspectedGap + weights.zoneAvoidance;
    score = weights.patternFloor + (1 - weights.patternFloor) * (extras / maxExtras);
    explanation.push(`the report's pattern (type of interest, Cuba–Venezuela, and unscheduled / dark / detour): ranked above every flight without it, score ≥ ${weights.patternFloor.toFixed(2)}`);
  }
  if (explanation.length === 0) explanation.push("no flag: score 0");
  return { score: Math.round(Math.min(1, score) * 1000) / 1000, explanation };
}
