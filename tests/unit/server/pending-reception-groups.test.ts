import { describe, expect, it } from "vitest";
import { groupsOf } from "@/lib/server/reception/refresh-pending-reception";

const H = 3_600_000;
const T = Date.parse("2024-08-01T00:00:00Z");
const batch = (id: number, fromH: number, toH: number, positions = 500) => ({ id: String(id), positions, first_ms: T + fromH * H, last_ms: T + toH * H });

describe("pending batches taken into the reception map together", () => {
  it("a live feed's many small commits make one group", () => {
    const commits = Array.from({ length: 40 }, (_, i) => batch(i + 1, i / 1800, (i + 1) / 1800, 300));
    expect(groupsOf(commits)).toEqual([commits.map((b) => b.id)]);
  });

  it("starts a new group past 100,000 positions, so a big file's batch stays alone", () => {
    const groups = groupsOf([batch(1, 0, 1, 60_000), batch(2, 1, 2, 60_000), batch(3, 2, 3, 1_000_000), batch(4, 3, 4, 10)]);
    expect(groups).toEqual([["1"], ["2"], ["3"], ["4"]]);
    expect(groupsOf([batch(1, 0, 1, 50_000), batch(2, 1, 2, 50_000), batch(3, 2, 3, 1)])).toEqual([["1", "2"], ["3"]]);
  });

  it("keeps batches far apart in time apart (beyond the silences' reach of the group), in order", () => {
    const groups = groupsOf([batch(1, 0, 24), batch(2, 24 * 60, 24 * 61), batch(3, 24, 48), batch(4, 24 * 62, 24 * 63)]);
    expect(groups).toEqual([["1"], ["2"], ["3"], ["4"]]);
    // Within a few days of each other: one group, whichever comes first.
    expect(groupsOf([batch(1, 72, 96), batch(2, 0, 24), batch(3, 24, 48)])).toEqual([["1", "2", "3"]]);
  });

  it("a batch without times joins the group it follows", () => {
    expect(groupsOf([batch(1, 0, 1), { id: "2", positions: 0, first_ms: null, last_ms: null }, batch(3, 1, 2)])).toEqual([["1", "2", "3"]]);
    expect(groupsOf([])).toEqual([]);
  });
});
