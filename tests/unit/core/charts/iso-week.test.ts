import { describe, expect, it } from "vitest";
import { isoDateUtc, isoWeekStartMs, weekStartsBetweenMs } from "@/lib/core/charts/iso-week";

describe("isoWeekStartMs", () => {
  it("returns Monday 00:00 UTC for every day of the week", () => {
    const mondayMs = Date.UTC(2024, 7, 5);
    for (let d = 0; d < 7; d++) expect(isoWeekStartMs(mondayMs + d * 86_400_000 + 23 * 3_600_000)).toBe(mondayMs);
  });

  it("puts Sunday 23:59 UTC in the week before the next Monday", () => {
    expect(isoDateUtc(isoWeekStartMs(Date.UTC(2024, 7, 11, 23, 59)))).toBe("2024-08-05");
    expect(isoDateUtc(isoWeekStartMs(Date.UTC(2024, 7, 12, 0, 0)))).toBe("2024-08-12");
  });

  it("handles times before 1970 (negative epoch days)", () => {
    expect(isoDateUtc(isoWeekStartMs(Date.UTC(1969, 11, 31)))).toBe("1969-12-29");
  });
});

describe("weekStartsBetweenMs", () => {
  it("lists every week between the two times and keeps only the most recent maxWeeks", () => {
    const first = Date.UTC(2024, 0, 3);
    const last = Date.UTC(2024, 1, 1);
    expect(weekStartsBetweenMs(first, last, 100).map(isoDateUtc)).toEqual(["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"]);
    expect(weekStartsBetweenMs(first, last, 2).map(isoDateUtc)).toEqual(["2024-01-22", "2024-01-29"]);
  });
});
