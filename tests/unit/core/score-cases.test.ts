import { describe, expect, it } from "vitest";
import { evaluateFlags, type DetectedFlightSummary, type ExpectedFlight } from "@/lib/core/evaluation/evaluate-flags";
import { formatCaseScores, scoreCases } from "@/lib/core/evaluation/score-cases";

const expected = (id: string, icao24: string, extra: Partial<ExpectedFlight> = {}): ExpectedFlight => ({
  id, icao24, firstObserved: "2024-08-01T10:00:00Z", lastObserved: "2024-08-01T13:00:00Z", expectedFlags: [], gaps: [], ...extra,
});
const detected = (id: string, icao24: string, flags: DetectedFlightSummary["flags"], firstSeen = "2024-08-01T10:05:00Z", lastSeen = "2024-08-01T12:55:00Z"): DetectedFlightSummary => ({
  id, icao24, firstSeen, lastSeen, flags,
});
const suspectedGap = (start: string, end: string) => ({ kind: "TRANSPONDER_GAP", suspected: true, start, end });

describe("scoreCases", () => {
  it("counts switch-offs and spoofing per case, and innocent gaps wrongly suspected", () => {
    const labels = [
      expected("E1", "000001", { case: "sparse", expectedFlags: ["TRANSPONDER_GAP"], gaps: [{ start: "2024-08-01T11:00:00Z", end: "2024-08-01T11:25:00Z", suspected: true, cause: "switch-off" }] }),
      expected("E2", "000002", { case: "feed-outage", gaps: [{ start: "2024-08-01T11:00:00Z", end: "2024-08-01T11:40:00Z", suspected: false, cause: "feed-outage" }] }),
      expected("E3", "000003", { case: "spoofing", expectedFlags: ["POSITION_SPOOFING"] }),
    ];
    const flights = [
      detected("1", "000001", []),
      detected("2", "000002", [suspectedGap("2024-08-01T11:01:00Z", "2024-08-01T11:39:00Z")]),
      detected("3", "000003", [{ kind: "POSITION_SPOOFING" }]),
    ];
    const { cases, causes } = scoreCases(labels, flights);
    expect(cases.find((c) => c.case === "sparse")?.switchOffs).toEqual({ truePositives: 0, falsePositives: 0, falseNegatives: 1 });
    expect(cases.find((c) => c.case === "feed-outage")).toMatchObject({ switchOffs: { falsePositives: 1 }, innocentGaps: 1, innocentSuspected: 1 });
    expect(cases.find((c) => c.case === "spoofing")?.spoofing).toEqual({ truePositives: 1, falsePositives: 0, falseNegatives: 0 });
    expect(causes).toEqual([{ cause: "feed-outage", gaps: 1, suspected: 1 }]);
    expect(formatCaseScores({ cases, causes })).toMatch(/feed-outage\s+1\s+0\s+1\s+0/);
  });

  it("counts a flight cut in two as split, and an undetected one as missing", () => {
    const labels = [expected("E1", "000001", { case: "holding" }), expected("E2", "000002", { case: "holding" })];
    const flights = [detected("1", "000001", [], "2024-08-01T10:00:00Z", "2024-08-01T11:00:00Z"), detected("2", "000001", [], "2024-08-01T11:30:00Z", "2024-08-01T13:00:00Z")];
    // The second piece matches no label: it is listed apart, with nothing it could be wrong about.
    expect(scoreCases(labels, flights).cases).toEqual([
      expect.objectContaining({ case: "holding", flights: 2, split: 1, missing: 1 }),
      expect.objectContaining({ case: "(unmatched)", flights: 1, switchOffs: { truePositives: 0, falsePositives: 0, falseNegatives: 0 } }),
    ]);
  });
});

describe("evaluateFlags with unscored kinds", () => {
  it("counts neither a hit nor a miss for a kind the labels leave unscored", () => {
    const labels = [expected("S1", "000001", { unscoredFlags: ["TRANSPONDER_GAP"] }), expected("S2", "000002", { unscoredFlags: ["TRANSPONDER_GAP"], expectedFlags: [] })];
    const result = evaluateFlags(labels, [detected("1", "000001", [suspectedGap("2024-08-01T11:00:00Z", "2024-08-01T11:30:00Z")]), detected("2", "000002", [])]);
    expect(result.scores.find((s) => s.kind === "TRANSPONDER_GAP")).toMatchObject({ truePositives: 0, falsePositives: 0, falseNegatives: 0 });
    const scored = evaluateFlags([expected("S1", "000001")], [detected("1", "000001", [suspectedGap("2024-08-01T11:00:00Z", "2024-08-01T11:30:00Z")])]);
    expect(scored.scores.find((s) => s.kind === "TRANSPONDER_GAP")).toMatchObject({ falsePositives: 1 });
  });
});

describe("scoreCases: detected flights no label matches", () => {
  it("counts their switch-offs as false positives, as evaluateFlags does", () => {
    const stray = {
      id: "99", icao24: "abcdef", firstSeen: "2024-08-01T10:00:00Z", lastSeen: "2024-08-01T11:00:00Z",
      flags: [{ kind: "TRANSPONDER_GAP", suspected: true }],
    };
    const { cases } = scoreCases([], [stray]);
    expect(cases).toEqual([expect.objectContaining({ case: "(unmatched)", flights: 1, switchOffs: { truePositives: 0, falsePositives: 1, falseNegatives: 0 } })]);
  });
});
