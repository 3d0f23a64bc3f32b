import "server-only";

/** The latest `capacity` latencies (a ring), for p50 / p95 without keeping every sample. */
export class LatencySamples {
  private readonly ring: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    this.ring = new Float64Array(capacity);
  }

  add(ms: number): void {
    this.ring[this.count % this.ring.length] = ms;
    this.count += 1;
  }

  percentiles(): { p50: number | null; p95: number | null } {
    const n = Math.min(this.count, this.ring.length);
    if (n === 0) return { p50: null, p95: null };
    const sorted = Array.from(this.ring.subarray(0, n)).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(n - 1, Math.floor(q * n))]!;
    return { p50: at(0.5), p95: at(0.95) };
  }
}
