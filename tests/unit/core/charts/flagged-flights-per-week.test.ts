import { describe, expect, it } from "vitest";
import { flaggedFlightsPerWeek } from "@/lib/core/charts/flagged-flights-per-week";

const week1 = Date.UTC(2024, 7, 6, 14); // Tue, week of Mon 5 Aug
const week3 = Date.UTC(2024, 7, 22, 3); // Thu, week of Mon 19 Aug

describe("flaggedFlightsPerWeek", () => {
  it("returns an empty series for no flights", () => {
    expect(flaggedFlightsPerWeek([])).toEqual({ types: [], weeks: [] });
  });

  it("counts per ISO week by type, zero-filling weeks without flags", () => {
    const series = flaggedFlightsPerWeek([
      { firstSeenMs: week1, typecode: "IL76" },
      { firstSeenMs: week1 + 3_600_000, typecode: "il76" },
      { firstSeenMs: week3, typecode: "A343" },
      { firstSeenMs: week3, typecode: "IL76" },
    ]);
    expect(series.types).toEqual(["IL76", "A343"]);
    expect(series.weeks).toEqual([
      { weekStart: "2024-08-05", IL76: 2, A343: 0 },
      { weekStart: "2024-08-12", IL76: 0, A343: 0 },
      { weekStart: "2024-08-19", IL76: 1, A343: 1 },
    ]);
  });

  it("labels missing typecodes 'unknown'", () => {
    const series = flaggedFlightsPerWeek([
      { firstSeenMs: week1, typecode: null },
      { firstSeenMs: week1, typecode: "  " },
    ]);
    expect(series.types).toEqual(["unknown"]);
    expect(series.weeks).toEqual([{ weekStart: "2024-08-05", unknown: 2 }]);
  });

  it("keeps the most frequent types and sums the rest in 'other'", () => {
    const flights = [
      ...Array.from({ length: 3 }, () => ({ firstSeenMs: week1, typecode: "IL76" })),
      ...Array.from({ length: 2 }, () => ({ firstSeenMs: week1, typecode: "IL96" })),
      { firstSeenMs: week1, typecode: "A343" },
      { firstSeenMs: week3, typecode: "B738" },
    ];
    const series = flaggedFlightsPerWeek(flights, { maxTypes: 2 });
    expect(series.types).toEqual(["IL76", "IL96", "other"]);
    expect(series.weeks[0]).toEqual({ weekStart: "2024-08-05", IL76: 3, IL96: 2, other: 1 });
    expect(series.weeks[2]).toEqual({ weekStart: "2024-08-19", IL76: 0, IL96: 0, other: 1 });
    // Nothing is lost by folding.
    const total = series.weeks.reduce((s, w) => s + series.types.reduce((t, type) => t + Number(w[type]), 0), 0);
    expect(total).toBe(flights.length);
  });

  it("keeps six types by default and breaks ties by name", () => {
    const flights = ["H", "G", "F", "E", "D", "C", "B", "A"].map((typecode) => ({ firstSeenMs: week1, typecode }));
    expect(flaggedFlightsPerWeek(flights).types).toEqual(["A", "B", "C", "D", "E", "F", "other"]);
  });

  it("ranks types only over the weeks it keeps", () => {
    const old = Date.UTC(2020, 0, 7);
    const series = flaggedFlightsPerWeek(
      [{ firstSeenMs: old, typecode: "OLD1" }, { firstSeenMs: old, typecode: "OLD1" }, { firstSeenMs: week1, typecode: "IL76" }, { firstSeenMs: week3, typecode: "IL76" }],
      { maxWeeks: 3 },
    );
    expect(series.types).toEqual(["IL76"]);
    expect(series.weeks.map((w) => w.weekStart)).toEqual(["2024-08-05", "2024-08-12", "2024-08-19"]);
  });

  it("counts a group of alike flights by its size, ranking types by their flights", () => {
    const day = Date.UTC(2024, 7, 6);
    const grouped = flaggedFlightsPerWeek([{ firstSeenMs: day, typecode: "IL96", flights: 3 }, { firstSeenMs: day, typecode: "A343", flights: 2 }, { firstSeenMs: day, typecode: "B752" }], { maxTypes: 1 });
    expect(grouped).toEqual({ types: ["IL96", "other"], weeks: [{ weekStart: "2024-08-05", IL96: 3, other: 3 }] });
  });
});
