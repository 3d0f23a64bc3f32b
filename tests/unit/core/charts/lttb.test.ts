import { describe, expect, it } from "vitest";
import { lttb } from "@/lib/core/charts/lttb";

type P = { x: number; y: number };
const xOf = (p: P) => p.x;
const yOf = (p: P) => p.y;
const line = (n: number, f: (i: number) => number): P[] => Array.from({ length: n }, (_, i) => ({ x: i, y: f(i) }));

describe("lttb", () => {
  it("returns the input itself when it is already within the threshold", () => {
    const pts = line(10, (i) => i);
    expect(lttb(pts, 10, xOf, yOf)).toBe(pts);
    expect(lttb(pts, 50, xOf, yOf)).toBe(pts);
  });

  it("returns exactly threshold points, first and last included, in x order", () => {
    const pts = line(1000, (i) => Math.sin(i / 30) * 1000);
    const out = lttb(pts, 100, xOf, yOf);
    expect(out).toHaveLength(100);
    expect(out[0]).toBe(pts[0]);
    expect(out.at(-1)).toBe(pts.at(-1));
    for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
  });

  it("keeps an isolated spike that even sampling would miss", () => {
    const pts = line(1000, (i) => (i === 503 ? 40_000 : 10_000));
    const out = lttb(pts, 20, xOf, yOf);
    expect(out.some((p) => p.y === 40_000)).toBe(true);
  });

  it("matches the reference algorithm on a small hand-checked case", () => {
    // Buckets of 2 between the ends: [1,2] and [3,4]. Bucket 1, against (0,0) and the average of
    // bucket 2 (3.5, 7.5): doubled areas 4 for (1,1), 20 for (2,10). Bucket 2, against (2,10) and
    // the last point (5,0): 4 for (3,8), 11 for (4,7).
    const pts: P[] = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 10 },
      { x: 3, y: 8 },
      { x: 4, y: 7 },
      { x: 5, y: 0 },
    ];
    expect(lttb(pts, 4, xOf, yOf).map((p) => p.x)).toEqual([0, 2, 4, 5]);
  });

  it("keeps only the ends for thresholds below 3", () => {
    const pts = line(10, (i) => i);
    expect(lttb(pts, 2, xOf, yOf)).toEqual([pts[0], pts[9]]);
    expect(lttb(pts, 1, xOf, yOf)).toEqual([pts[0]]);
    expect(lttb(pts, 0, xOf, yOf)).toEqual([]);
  });
});
