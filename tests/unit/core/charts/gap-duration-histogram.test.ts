import { describe, expect, it } from "vitest";
import { gapDurationHistogram } from "@/lib/core/charts/gap-duration-histogram";

const min = (m: number) => m * 60;

describe("gapDurationHistogram", () => {
  it("returns [] without gaps so the chart shows its empty state", () => {
    expect(gapDurationHistogram([])).toEqual([]);
  });

  it("lists every bin with labels and bounds in minutes", () => {
    const bins = gapDurationHistogram([{ durationS: 60, suspected: false }]);
    expect(bins.map((b) => [b.bin, b.minMin, b.maxMin])).toEqual([
      ["<10", 0, 10],
      ["10–20", 10, 20],
      ["20–30", 20, 30],
      ["30–60", 30, 60],
      ["60–120", 60, 120],
      ["≥120", 120, null],
    ]);
  });

  it("counts plain gaps and suspected switch-offs separately, lower bound inclusive", () => {
    const bins = gapDurationHistogram([
      { durationS: min(9.99), suspected: false },
      { durationS: min(10), suspected: false },
      { durationS: min(19), suspected: true },
      { durationS: min(45), suspected: true },
      { durationS: min(120), suspected: true },
      { durationS: min(600), suspected: false },
      { durationS: -5, suspected: true },
    ]);
    expect(bins.map((b) => [b.bin, b.gap, b.suspectedSwitchOff])).toEqual([
      ["<10", 1, 0],
      ["10–20", 1, 1],
      ["20–30", 0, 0],
      ["30–60", 0, 1],
      ["60–120", 0, 0],
      ["≥120", 1, 1],
    ]);
  });

  it("counts a group of alike gaps by its size, as one gap each", () => {
    const grouped = gapDurationHistogram([{ durationS: 900, suspected: true, gaps: 4 }, { durationS: 900, suspected: false, gaps: 2 }, { durationS: 4000, suspected: false }]);
    const single = gapDurationHistogram([
      ...Array.from({ length: 4 }, () => ({ durationS: 900, suspected: true })),
      ...Array.from({ length: 2 }, () => ({ durationS: 900, suspected: false })),
      { durationS: 4000, suspected: false },
    ]);
    expect(grouped).toEqual(single);
    expect(grouped.find((b) => b.minMin === 10)).toMatchObject({ gap: 2, suspectedSwitchOff: 4 });
  });
});
