import { describe, expect, it } from "vitest";
import { cubaVenezuelaScheduledSeries } from "@/lib/core/charts/cuba-venezuela-scheduled-series";

describe("cubaVenezuelaScheduledSeries", () => {
  it("returns [] without flights", () => {
    expect(cubaVenezuelaScheduledSeries([])).toEqual([]);
  });

  it("counts scheduled and unscheduled flights per ISO week, zero-filled", () => {
    expect(
      cubaVenezuelaScheduledSeries([
        { firstSeenMs: Date.UTC(2024, 7, 25, 23, 59), unscheduled: true }, // Sunday → week of 19 Aug
        { firstSeenMs: Date.UTC(2024, 7, 5, 0, 0), unscheduled: false }, // Monday 00:00 → week of 5 Aug
        { firstSeenMs: Date.UTC(2024, 7, 7), unscheduled: true },
        { firstSeenMs: Number.NaN, unscheduled: true },
      ]),
    ).toEqual([
      { weekStart: "2024-08-05", scheduled: 1, unscheduled: 1 },
      { weekStart: "2024-08-12", scheduled: 0, unscheduled: 0 },
      { weekStart: "2024-08-19", scheduled: 0, unscheduled: 1 },
    ]);
  });

  it("keeps only the most recent maxWeeks", () => {
    const series = cubaVenezuelaScheduledSeries(
      [
        { firstSeenMs: Date.UTC(2023, 0, 2), unscheduled: false },
        { firstSeenMs: Date.UTC(2024, 7, 6), unscheduled: false },
      ],
      2,
    );
    expect(series).toEqual([
      { weekStart: "2024-07-29", scheduled: 0, unscheduled: 0 },
      { weekStart: "2024-08-05", scheduled: 1, unscheduled: 0 },
    ]);
  });

  it("counts a group of alike flights by its size", () => {
    const day = Date.UTC(2024, 7, 6);
    expect(cubaVenezuelaScheduledSeries([{ firstSeenMs: day, unscheduled: true, flights: 5 }, { firstSeenMs: day, unscheduled: false, flights: 2 }, { firstSeenMs: day, unscheduled: false }])).toEqual([
      { weekStart: "2024-08-05", scheduled: 3, unscheduled: 5 },
    ]);
  });
});
