/**
 * The callsign a flight broadcast most often (trimmed, upper case), null when none; ties go to the
 * one heard first.
 * @example mostCommonCallsign([{callsign: "CUB1250 "}, {callsign: null}, {callsign: "CUB1250"}]) // "CUB1250"
 */
export function mostCommonCallsign(points: readonly { callsign: string | null }[]): string | null {
  const counts = new Map<string, number>();
  let lastRaw: string | null = null;
  let lastNorm = "";
  for (const p of points) {
    const raw = p.callsign;
    if (raw === null) continue;
    // Consecutive positions repeat the same string: normalise once per change.
    if (raw !== lastRaw) {
      lastRaw = raw;
      lastNorm = raw.trim().toUpperCase();
    }
    if (lastNorm) counts.set(lastNorm, (counts.get(lastNorm) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [c, n] of counts) {
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}
