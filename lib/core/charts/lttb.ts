/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the first and the last
 * point and, from each of `threshold - 2` equal buckets between them, the point that makes the
 * largest triangle with the previously kept point and the next bucket's average — so peaks,
 * climbs and descents survive while flat stretches thin out.
 *
 * Written here rather than taken from npm: it is ~40 lines, the packages (`downsample`,
 * `lttb`) are unmaintained, and they work on a single series, whereas we must thin each
 * observed stretch between transponder gaps on its own so no line ever bridges a gap.
 *
 * Returns `points` itself (not a copy) when it already has ≤ `threshold` points.
 * A threshold below 3 keeps only the ends (2 → first and last, 1 → first, ≤ 0 → nothing).
 * Points are expected sorted by x; non-finite y values never win a bucket over finite ones.
 * @example lttb(track, 500, (p) => p.timeMs, (p) => p.altitudeFt ?? 0)
 */
export function lttb<T>(points: readonly T[], threshold: number, x: (p: T) => number, y: (p: T) => number): T[] {
  const n = points.length;
  const limit = Math.floor(threshold);
  if (n <= limit) return points as T[];
  if (limit <= 0) return [];
  if (limit === 1) return [points[0]!];
  if (limit === 2) return [points[0]!, points[n - 1]!];

  const xs = points.map(x);
  const ys = points.map(y);
  const sampled: T[] = [points[0]!];
  const bucketSize = (n - 2) / (limit - 2);
  let a = 0; // index of the last kept point

  for (let i = 0; i < limit - 2; i++) {
    // Average of the next bucket (for the last bucket: the final point).
    const nextStart = Math.floor((i + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * bucketSize) + 1, n);
    let avgX = 0;
    let avgY = 0;
    let count = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      if (!Number.isFinite(ys[j]!)) continue;
      avgX += xs[j]!;
      avgY += ys[j]!;
      count++;
    }
    if (count > 0) {
      avgX /= count;
      avgY /= count;
    } else {
      avgX = xs[n - 1]!;
      avgY = ys[n - 1]!;
    }

    const start = Math.floor(i * bucketSize) + 1;
    const end = Math.floor((i + 1) * bucketSize) + 1;
    const ax = xs[a]!;
    const ay = ys[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      // Twice the triangle's area; the factor does not change which point wins.
      const area = Math.abs((ax - avgX) * (ys[j]! - ay) - (ax - xs[j]!) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    sampled.push(points[best]!);
    a = best;
  }
  sampled.push(points[n - 1]!);
  return sampled;
}
