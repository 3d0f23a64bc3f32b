import { FLAG_KINDS, type FlagKind } from "../model/finding";

/** A labelled flight of a scenario (fixtures/scenario: expected.json, or the evaluation world). */
export interface ExpectedFlight {
  id: string;
  icao24: string;
  firstObserved: string;
  lastObserved: string;
  expectedFlags: FlagKind[];
  /** Kinds for which any answer is right on this flight (e.g. a switch-off no receiver could hear). */
  unscoredFlags?: FlagKind[];
  /** The situation the flight was built for ("hole", "feed-outage" …), for the per-case table. */
  case?: string;
  /** Every airborne silence; `suspected` is the truth (a switch-off the receivers would have heard), `cause` why it happened. */
  gaps: { start: string; end: string; suspected: boolean; cause?: string }[];
}

/** A detected flight as the public contract gives it (`flights --json`). */
export interface DetectedFlightSummary {
  id: string;
  icao24: string;
  firstSeen: string;
  lastSeen: string;
  flags: ({ kind: string } & Record<string, unknown>)[];
}

export interface KindScore {
  kind: FlagKind;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface Evaluation {
  scores: KindScore[];
  /** Expected flights that no detected flight overlaps. */
  unmatched: string[];
  /** Innocent gaps (suspected: false in the labels) that detection suspected. */
  suspectedInnocentGaps: { flight: string; start: string; end: string }[];
  /** Per flight and kind, what went wrong: for reading a failing evaluation. */
  mistakes: string[];
}

const ms = (iso: string) => Date.parse(iso);

/**
 * The kinds a detected flight carries, as the labels count them: TRANSPONDER_GAP only for a
 * *suspected* gap (every airborne silence is recorded as a gap event; only suspected ones are
 * the pattern the labels mark).
 */
export function detectedKinds(flight: DetectedFlightSummary): Set<FlagKind> {
  const kinds = new Set<FlagKind>();
  for (const flag of flight.flags) {
    if (flag.kind === "TRANSPONDER_GAP" && flag.suspected !== true) continue;
    kinds.add(flag.kind as FlagKind);
  }
  return kinds;
}

export interface MatchedFlight {
  expected: ExpectedFlight;
  detected: DetectedFlightSummary | null;
}

/**
 * Each expected flight matched to the detected flight of the same aircraft that overlaps it most
 * in time (each detected flight used once); `unmatchedDetected` are the detected flights left over.
 */
export function matchFlights(expected: readonly ExpectedFlight[], detected: readonly DetectedFlightSummary[]): { pairs: MatchedFlight[]; unmatchedDetected: DetectedFlightSummary[] } {
  const byAircraft = new Map<string, DetectedFlightSummary[]>();
  for (const flight of detected) byAircraft.set(flight.icao24, [...(byAircraft.get(flight.icao24) ?? []), flight]);
  const matchedDetected = new Set<string>();
  const pairs: { expected: ExpectedFlight; detected: DetectedFlightSummary | null }[] = expected.map((e) => {
    let best: DetectedFlightSummary | null = null;
    let bestOverlap = 0;
    for (const d of byAircraft.get(e.icao24) ?? []) {
      if (matchedDetected.has(d.id)) continue;
      const overlap = Math.min(ms(e.lastObserved), ms(d.lastSeen)) - Math.max(ms(e.firstObserved), ms(d.firstSeen));
      if (overlap > bestOverlap) {
        best = d;
        bestOverlap = overlap;
      }
    }
    if (best) matchedDetected.add(best.id);
    return { expected: e, detected: best };
  });
  return { pairs, unmatchedDetected: detected.filter((d) => !matchedDetected.has(d.id)) };
}

/** Innocent gaps of one matched flight that a suspected TRANSPONDER_GAP of its detected flight overlaps. */
export function suspectedInnocentGapsOf({ expected: e, detected: d }: MatchedFlight): ExpectedFlight["gaps"] {
  if (!d) return [];
  return e.gaps.filter(
    (gap) =>
      !gap.suspected &&
      d.flags.some(
        (f) =>
          f.kind === "TRANSPONDER_GAP" &&
          f.suspected === true &&
          typeof f.start === "string" &&
          ms(f.start) < ms(gap.end) &&
          (typeof f.end === "string" ? ms(f.end) : Number.POSITIVE_INFINITY) > ms(gap.start),
      ),
  );
}

/**
 * Precision and recall per flag kind at flight level, on the pairs of `matchFlights`; detected
 * flights that match no expected flight count as false positives for every kind they carry, and
 * a kind in a flight's `unscoredFlags` is not counted on that flight either way.
 */
export function evaluateFlags(expected: readonly ExpectedFlight[], detected: readonly DetectedFlightSummary[]): Evaluation {
  const { pairs, unmatchedDetected } = matchFlights(expected, detected);
  const mistakes: string[] = [];
  const scores = FLAG_KINDS.map((kind): KindScore => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { expected: e, detected: d } of pairs) {
      if (e.unscoredFlags?.includes(kind)) continue;
      const want = e.expectedFlags.includes(kind);
      const got = d ? detectedKinds(d).has(kind) : false;
      if (want && got) tp++;
      else if (want) {
        fn++;
        mistakes.push(`${e.id} (${e.icao24}): missing ${kind}`);
      } else if (got) {
        fp++;
        mistakes.push(`${e.id} (${e.icao24}): unexpected ${kind}`);
      }
    }
    for (const d of unmatchedDetected) {
      if (detectedKinds(d).has(kind)) {
        fp++;
        mistakes.push(`detected flight ${d.id} (${d.icao24}, ${d.firstSeen}) matches no labelled flight but has ${kind}`);
      }
    }
    return {
      kind,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    };
  });

  const suspectedInnocentGaps = pairs.flatMap((pair) => suspectedInnocentGapsOf(pair).map((gap) => ({ flight: pair.expected.id, start: gap.start, end: gap.end })));
  return { scores, unmatched: pairs.filter((p) => !p.detected).map((p) => p.expected.id), suspectedInnocentGaps, mistakes };
}

/** The per-kind table, for the test output and the closing note. */
export function formatEvaluation(evaluation: Evaluation): string {
  const lines = ["kind               TP   FP   FN  precision  recall"];
  for (const s of evaluation.scores) {
    lines.push(
      `${s.kind.padEnd(17)} ${String(s.truePositives).padStart(4)} ${String(s.falsePositives).padStart(4)} ${String(s.falseNegatives).padStart(4)}` +
        `  ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}`,
    );
  }
  return lines.join("\n");
}
