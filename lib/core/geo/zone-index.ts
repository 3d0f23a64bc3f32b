import type { ZoneRef } from "../model/zone-ref";
import { pointInZone, prepareZone, type PreparedZone } from "./point-in-zone";

/** Zones prepared once, queried by position. */
export interface ZoneIndex {
  zones: readonly PreparedZone[];
  /** The most specific (smallest) zone containing the point, or null. */
  zoneAt(latDeg: number, lonDeg: number): PreparedZone | null;
  /** Every zone containing the point, smallest first. */
  zonesAt(latDeg: number, lonDeg: number): PreparedZone[];
}

const cache = new WeakMap<readonly ZoneRef[], ZoneIndex>();

/**
 * Index a list of zones (cached per array, so detectors can call it freely with the context's list).
 * Where zones overlap (Barranquilla inside VATSpy's Bogotá), the smallest wins: it is the more specific.
 */
export function zoneIndex(zones: readonly ZoneRef[]): ZoneIndex {
  const hit = cache.get(zones);
  if (hit) return hit;
  const prepared = zones.map(prepareZone).sort((a, b) => a.areaDeg2 - b.areaDeg2 || a.code.localeCompare(b.code));
  const index: ZoneIndex = {
    zones: prepared,
    zoneAt(latDeg, lonDeg) {
      for (const z of prepared) if (pointInZone(z, latDeg, lonDeg)) return z;
      return null;
    },
    zonesAt(latDeg, lonDeg) {
      return prepared.filter((z) => pointInZone(z, latDeg, lonDeg));
    },
  };
  cache.set(zones, index);
  return index;
}
