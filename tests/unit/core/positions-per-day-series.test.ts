import { describe, expect, it } from "vitest";
import { positionsPerDaySeries } from "@/lib/core/charts/positions-per-day-series";

describe("positionsPerDaySeries", () => {
  it("fills the days without data with zero so the time axis is continuous", () => {
    expect(
      positionsPerDaySeries([
        { day: "2024-07-30", positions: 5 },
        { day: "2024-08-01", positions: 2 },
      ]),
    ).toEqual([
      { day: "2024-07-30", positions: 5 },
      { day: "2024-07-31", positions: 0 },
      { day: "2024-08-01", positions: 2 },
    ]);
  });

  it("sorts unsorted input and adds up repeated days", () => {
    expect(
      positionsPerDaySeries([
        { day: "2024-08-02", positions: 1 },
        { day: "2024-08-01", positions: 3 },
        { day: "2024-08-02", positions: 4 },
      ]),
    ).toEqual([
      { day: "2024-08-01", positions: 3 },
      { day: "2024-08-02", positions: 5 },
    ]);
  });

  it("crosses month and year boundaries in UTC", () => {
    const series = positionsPerDaySeries([
      { day: "2023-12-31", positions: 1 },
      { day: "2024-01-01", positions: 1 },
    ]);
    expect(series.map((d) => d.day)).toEqual(["2023-12-31", "2024-01-01"]);
  });

  it("keeps only the most recent maxDays of a long span", () => {
    const series = positionsPerDaySeries(
      [
        { day: "2020-01-01", positions: 9 },
        { day: "2024-08-01", positions: 1 },
      ],
      10,
    );
    expect(series).toHaveLength(10);
    expect(series[0]!.day).toBe("2024-07-23");
    expect(series.at(-1)).toEqual({ day: "2024-08-01", positions: 1 });
  });

  it("returns an empty series for no data", () => {
    expect(positionsPerDaySeries([])).toEqual([]);
  });
});
