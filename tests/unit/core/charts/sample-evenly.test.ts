import { describe, expect, it } from "vitest";
import { sampleEvenly } from "@/lib/core/charts/sample-evenly";

describe("sampleEvenly", () => {
  it("keeps everything when short enough", () => {
    expect(sampleEvenly([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it("spreads the sample evenly and keeps both ends", () => {
    const items = Array.from({ length: 101 }, (_, i) => i);
    const sample = sampleEvenly(items, 11);
    expect(sample).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });

  it("handles tiny limits", () => {
    expect(sampleEvenly([1, 2, 3], 1)).toEqual([1]);
    expect(sampleEvenly([1, 2, 3], 0)).toEqual([]);
  });
});
