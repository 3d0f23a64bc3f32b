import type { FlagKind } from "../model/finding";
import { detectedKinds, matchFlights, suspectedInnocentGapsOf, type DetectedFlightSummary, type ExpectedFlight } from "./evaluate-flags";

export interface Confusion {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** How detection fared on the flights built for one evaluation case. */
export interface CaseScore {
  case: string;
  flights: number;
  /** Flight level, TRANSPONDER_GAP counted only when suspected (unscored flights left out). */
  switchOffs: Confusion;
  spoofing: Confusion;
  innocentGaps: number;
  /** Innocent gaps (truth: not a switch-off) that detection suspected. */
  innocentSuspected: number;
  /** Expected flights that detection cut into more than one flight. */
  split: number;
  /** Expected flights no detected flight overlaps. */
  missing: number;
}

/** Innocent gaps by what caused them, across all flights: where wrong suspicion comes from. */
export interface CauseScore {
  cause: string;
  gaps: number;
  suspected: number;
}

const ms = (iso: string) => Date.parse(iso);

function confusion(pairs: ReturnType<typeof matchFlights>["pairs"], kind: FlagKind): Confusion {
  const result = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  for (const { expected, detected } of pairs) {
    if (expected.unscoredFlags?.includes(kind)) continue;
    const want = expected.expectedFlags.includes(kind);
    const got = detected !== null && detectedKinds(detected).has(kind);
    if (want && got) result.truePositives++;
    else if (want) result.falseNegatives++;
    else if (got) result.falsePositives++;
  }
  return result;
}

/**
 * The per-case table of an evaluation: switch-offs and spoofing as flight-level confusion counts,
 * innocent gaps wrongly suspected, flights split or missed, grouped by the case each expected
 * flight was built for (`case`, "traffic" when absent). Pure: labels and detected flights in.
 */
export function scoreCases(expected: readonly ExpectedFlight[], detected: readonly DetectedFlightSummary[]): { cases: CaseScore[]; causes: CauseScore[] } {
  const { pairs, unmatchedDetected } = matchFlights(expected, detected);
  const names = [...new Set(expected.map((e) => e.case ?? "traffic"))];
  const cases: CaseScore[] = names.map((name): CaseScore => {
    const mine = pairs.filter((p) => (p.expected.case ?? "traffic") === name);
    return {
      case: name,
      flights: mine.length,
      switchOffs: confusion(mine, "TRANSPONDER_GAP"),
      spoofing: confusion(mine, "POSITION_SPOOFING"),
      innocentGaps: mine.reduce((sum, p) => sum + p.expected.gaps.filter((g) => !g.suspected).length, 0),
      innocentSuspected: mine.reduce((sum, p) => sum + suspectedInnocentGapsOf(p).length, 0),
      split: mine.filter(({ expected: e }) => detected.filter((d) => d.icao24 === e.icao24 && ms(d.firstSeen) < ms(e.lastObserved) && ms(d.lastSeen) > ms(e.firstObserved)).length > 1).length,
      missing: mine.filter((p) => p.detected === null).length,
    };
  });
  // Detected flights no label matches (a piece of a flight cut in two, a flight made of noise):
  // every switch-off or spoofing they carry is a false positive, as evaluateFlags counts it.
  if (unmatchedDetected.length > 0) {
    const falsePositives = (kind: FlagKind) => ({ truePositives: 0, falsePositives: unmatchedDetected.filter((d) => detectedKinds(d).has(kind)).length, falseNegatives: 0 });
    cases.push({
      case: "(unmatched)",
      flights: unmatchedDetected.length,
      switchOffs: falsePositives("TRANSPONDER_GAP"),
      spoofing: falsePositives("POSITION_SPOOFING"),
      innocentGaps: 0,
      innocentSuspected: 0,
      split: 0,
      missing: 0,
    });
  }
  const causes = new Map<string, CauseScore>();
  for (const pair of pairs) {
    const suspected = new Set(suspectedInnocentGapsOf(pair));
    for (const gap of pair.expected.gaps.filter((g) => !g.suspected)) {
      const cause = gap.cause ?? "unknown";
      const score = causes.get(cause) ?? { cause, gaps: 0, suspected: 0 };
      score.gaps++;
      if (suspected.has(gap)) score.suspected++;
      causes.set(cause, score);
    }
  }
  return { cases, causes: [...causes.values()].sort((a, b) => (a.cause < b.cause ? -1 : 1)) };
}

const cell = (value: number | string, width: number) => String(value).padStart(width);
const triple = (c: Confusion) => `${cell(c.truePositives, 3)}${cell(c.falsePositives, 3)}${cell(c.falseNegatives, 3)}`;

/** The per-case table and the innocent-gap causes, for the test output and the closing note. */
export function formatCaseScores({ cases, causes }: ReturnType<typeof scoreCases>): string {
  const lines = ["case              flights  switch-off TP FP FN  spoofing TP FP FN  innocent gaps  suspected  split  missing"];
  for (const c of cases) {
    lines.push(
      `${c.case.padEnd(17)} ${cell(c.flights, 7)}  ${cell("", 10)}${triple(c.switchOffs)}  ${cell("", 8)}${triple(c.spoofing)}  ${cell(c.innocentGaps, 13)}  ${cell(c.innocentSuspected, 9)}  ${cell(c.split, 5)}  ${cell(c.missing, 7)}`,
    );
  }
  lines.push("", "innocent gap cause   gaps  suspected");
  for (const c of causes) lines.push(`${c.cause.padEnd(18)} ${cell(c.gaps, 6)}  ${cell(c.suspected, 9)}`);
  return lines.join("\n");
}
