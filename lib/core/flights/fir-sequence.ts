import type { LatLon } from "../geo/lat-lon";
import type { ZoneIndex } from "../geo/zone-index";
import { shortDistanceKm } from "../geo/great-circle-distance-km";

/**
 * FIR codes in the order flown, consecutive repeats removed. Only observed positions are looked
 * up (never a line drawn across a gap), sampled every `sampleS` seconds or `sampleKm` km to stay
 * fast; the first and last positions always count. Positions outside every FIR are skipped.
 * @example firSequence(points, zoneIndex(firs), 120, 20) // ["MUFH", "MKJK", "SKEC", "SVZM"]
 */
export function firSequence(points: readonly (LatLon & { timeMs: number })[], firs: ZoneIndex, sampleS: number, sampleKm: number): string[] {
  const sampled: LatLon[] = [];
  let last: (LatLon & { timeMs: number }) | undefined;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const due =
      !last ||
      i === points.length - 1 ||
      p.timeMs - last.timeMs >= sampleS * 1000 ||
      shortDistanceKm(last.latDeg, last.lonDeg, p.latDeg, p.lonDeg) >= sampleKm;
    if (due) {
      sampled.push(p);
      last = p;
    }
  }
  return firSequenceAlong(sampled, firs);
}

/**
 * FIR codes met along a list of positions (e.g. a sampled great circle), consecutive repeats removed.
 * @example firSequenceAlong(sampleGreatCircle(MUHA, SVMI, 10), zoneIndex(firs)) // ["MUFH", "MKJK", "TNCF", "SVZM"]
 */
export function firSequenceAlong(path: readonly LatLon[], firs: ZoneIndex): string[] {
  const out: string[] = [];
  for (const p of path) {
    const z = firs.zoneAt(p.latDeg, p.lonDeg);
    if (z && out[out.length - 1] !== z.code) out.push(z.code);
  }
  return out;
}
