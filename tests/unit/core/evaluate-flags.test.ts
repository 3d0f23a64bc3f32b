import { describe, expect, it } from "vitest";
import { evaluateFlags, type DetectedFlightSummary, type ExpectedFlight } from "@/lib/core/evaluation/evaluate-flags";

const expected = (id: string, icao24: string, flags: ExpectedFlight["expectedFlags"], gaps: ExpectedFlight["gaps"] = []): ExpectedFlight => ({
  id,
  icao24,
  firstObserved: "2024-08-01T10:00:00Z",
  lastObserved: "2024-08-01T13:00:00Z",
  expectedFlags: flags,
  gaps,
});
const detected = (id: string, icao24: string, flags: DetectedFlightSummary["flags"]): DetectedFlightSummary => ({
  id,
  icao24,
  firstSeen: "2024-08-01T10:05:00Z",
  lastSeen: "2024-08-01T12:55:00Z",
  flags,
});

describe("evaluateFlags", () => {
  it("counts true and false positives and negatives per kind", () => {
    const result = evaluateFlags(
      [expected("S1", "0b04e2", ["TYPE_OF_INTEREST", "CUBA_VENEZUELA"]), expected("S2", "0d80ae", ["TYPE_OF_INTEREST"])],
      [detected("1", "0b04e2", [{ kind: "TYPE_OF_INTEREST" }]), detected("2", "0d80ae", [{ kind: "TYPE_OF_INTEREST" }, { kind: "CUBA_VENEZUELA" }])],
    );
    const cv = result.scores.find((s) => s.kind === "CUBA_VENEZUELA")!;
    expect(cv).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1, precision: 0, recall: 0 });
    const type = result.scores.find((s) => s.kind === "TYPE_OF_INTEREST")!;
    expect(type).toMatchObject({ truePositives: 2, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1 });
    expect(result.mistakes).toContain("S1 (0b04e2): missing CUBA_VENEZUELA");
  });

  it("counts a TRANSPONDER_GAP only when the gap is suspected", () => {
    const result = evaluateFlags(
      [expected("S1", "0b04e2", [], [{ start: "2024-08-01T11:00:00Z", end: "2024-08-01T11:20:00Z", suspected: false }])],
      [detected("1", "0b04e2", [{ kind: "TRANSPONDER_GAP", suspected: false, start: "2024-08-01T11:00:00Z", end: "2024-08-01T11:20:00Z" }])],
    );
    expect(result.scores.find((s) => s.kind === "TRANSPONDER_GAP")).toMatchObject({ falsePositives: 0, precision: 1 });
    expect(result.suspectedInnocentGaps).toEqual([]);
  });

  it("reports an innocent gap that detection suspected", () => {
    const result = evaluateFlags(
      [expected("S1", "0b04e2", [], [{ start: "2024-08-01T11:00:00Z", end: "2024-08-01T11:20:00Z", suspected: false }])],
      [detected("1", "0b04e2", [{ kind: "TRANSPONDER_GAP", suspected: true, start: "2024-08-01T11:02:00Z", end: "2024-08-01T11:19:00Z" }])],
    );
    expect(result.suspectedInnocentGaps).toEqual([{ flight: "S1", start: "2024-08-01T11:00:00Z", end: "2024-08-01T11:20:00Z" }]);
  });

  it("lists expected flights nobody detected and counts their flags as missed", () => {
    const result = evaluateFlags([expected("S1", "0b04e2", ["ZONE_AVOIDANCE"])], []);
    expect(result.unmatched).toEqual(["S1"]);
    expect(result.scores.find((s) => s.kind === "ZONE_AVOIDANCE")).toMatchObject({ falseNegatives: 1, recall: 0 });
  });

  it("counts flags on detected flights that match no labelled flight as false positives", () => {
    const result = evaluateFlags([], [detected("9", "abcdef", [{ kind: "UNSCHEDULED" }])]);
    expect(result.scores.find((s) => s.kind === "UNSCHEDULED")).toMatchObject({ falsePositives: 1, precision: 0 });
  });
});
