import { describe, expect, it } from "vitest";
import { utcTimeTicksMs } from "@/lib/core/charts/utc-time-ticks";
import { formatUtcHhMm } from "@/lib/core/format/format-utc";

const at = (h: number, m: number) => Date.UTC(2024, 7, 6, h, m);

describe("utcTimeTicksMs", () => {
  it("picks the smallest round step that fits and aligns ticks to it", () => {
    expect(utcTimeTicksMs(at(14, 5), at(16, 50), 6).map(formatUtcHhMm)).toEqual(["14:30", "15:00", "15:30", "16:00", "16:30"]);
    expect(utcTimeTicksMs(at(14, 5), at(16, 50), 3).map(formatUtcHhMm)).toEqual(["15:00", "16:00"]);
  });

  it("uses hours-long steps for long flights", () => {
    const ticks = utcTimeTicksMs(at(1, 0), at(23, 0), 8);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.map(formatUtcHhMm)).toEqual(["03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00"]);
  });

  it("returns [] for an invalid range", () => {
    expect(utcTimeTicksMs(at(2, 0), at(1, 0))).toEqual([]);
    expect(utcTimeTicksMs(Number.NaN, at(1, 0))).toEqual([]);
  });
});
