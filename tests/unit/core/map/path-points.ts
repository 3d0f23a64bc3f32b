/** The absolute M/L coordinates of an SVG path string as written by d3-geo (and `h0` dots). */
export function pathPoints(d: string | null): [number, number][] {
  if (!d) return [];
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** How many subpaths (pen lifts) a path has. */
export function subpathCount(d: string | null): number {
  return d ? (d.match(/M/g) ?? []).length : 0;
}
