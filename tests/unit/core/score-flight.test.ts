import { describe, expect, it } from "vitest";
import { scoreFlight } from "@/lib/core/detection/score-flight";
import type { FlagKind, Finding } from "@/lib/core/model/finding";

const finding = (kind: FlagKind, evidence: Record<string, unknown> = {}): Finding => ({ kind, windowStartMs: 0, windowEndMs: 1, evidence, ruleVersion: "x@1", config: {} });
const OTHERS = ["UNSCHEDULED", "SUSPECTED_GAP", "ZONE_AVOIDANCE"] as const;
const ALL = ["TYPE_OF_INTEREST", "CUBA_VENEZUELA", ...OTHERS] as const;

function findingsFor(flags: readonly string[], gapConfidence = 1): Finding[] {
  return flags.map((f) => (f === "SUSPECTED_GAP" ? finding("TRANSPONDER_GAP", { suspected: true, confidence: gapConfidence }) : finding(f as FlagKind)));
}

describe("scoreFlight", () => {
  it("ranks every flight with the report's pattern above every flight without it", () => {
    const subsets = Array.from({ length: 2 ** ALL.length }, (_, mask) => ALL.filter((_, i) => mask & (1 << i)));
    const hasPattern = (s: readonly string[]) => s.includes("TYPE_OF_INTEREST") && s.includes("CUBA_VENEZUELA") && s.some((x) => (OTHERS as readonly string[]).includes(x));
    const withPattern = subsets.filter(hasPattern).map((s) => scoreFlight(findingsFor(s, 0.5)).score);
    const without = subsets.filter((s) => !hasPattern(s)).map((s) => scoreFlight(findingsFor(s, 1)).score);
    expect(withPattern).toHaveLength(7);
    expect(Math.min(...withPattern)).toBeGreaterThan(Math.max(...without));
  });

  it("gives 0 without flags, 1 with all of them, and explains each part", () => {
    expect(scoreFlight([]).score).toBe(0);
    const all = scoreFlight(findingsFor(ALL));
    expect(all.score).toBe(1);
    expect(all.explanation.join("\n")).toMatch(/type or aircraft of interest: \+0\.20/);
    expect(all.explanation.join("\n")).toMatch(/report's pattern/);
  });

  it("counts only suspected gaps, weighted by their confidence", () => {
    const plain = scoreFlight([finding("TRANSPONDER_GAP", { suspected: false, confidence: 0.4 })]);
    expect(plain.score).toBe(0);
    expect(plain.explanation[0]).toContain("not suspected");
    expect(scoreFlight(findingsFor(["SUSPECTED_GAP"], 0.9)).score).toBeGreaterThan(scoreFlight(findingsFor(["SUSPECTED_GAP"], 0.6)).score);
  });
});
