const MINUTE_MS = 60_000;
/** Tick steps a reader can add up in their head, in minutes. */
const STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440] as const;

/**
 * Tick positions on whole UTC minutes/hours between `startMs` and `endMs`, using the smallest
 * step that gives at most `maxTicks` ticks; Recharts' numeric ticks would land on odd times
 * like 14:03:20. Steps divide a day, so ticks align to UTC midnight.
 * @example utcTimeTicksMs(Date.UTC(2024, 7, 6, 14, 5), Date.UTC(2024, 7, 6, 16, 50), 6)
 *   // → 14:30, 15:00, 15:30, 16:00, 16:30 (UTC), as epoch ms
 */
export function utcTimeTicksMs(startMs: number, endMs: number, maxTicks = 8): number[] {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) return [];
  const stepMin = STEPS_MIN.find((s) => Math.floor(endMs / (s * MINUTE_MS)) - Math.ceil(startMs / (s * MINUTE_MS)) + 1 <= maxTicks) ?? 1440;
  const stepMs = stepMin * MINUTE_MS;
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / stepMs) * stepMs; t <= endMs; t += stepMs) ticks.push(t);
  return ticks;
}
