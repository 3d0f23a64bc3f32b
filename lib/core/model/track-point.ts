import type { PositionSource } from "../../ingest/canonical-position";

/**
 * One position as the detection core sees it: times in epoch milliseconds (UTC), units in names.
 * An aircraft's points are always passed sorted by `timeMs`, without duplicates.
 */
export interface TrackPoint {
  timeMs: number;
  latDeg: number;
  lonDeg: number;
  /** Barometric altitude, or geometric when the barometric one is missing; null on the ground or unknown. */
  altitudeFt: number | null;
  groundSpeedKt: number | null;
  trackDeg: number | null;
  verticalRateFpm: number | null;
  onGround: boolean;
  source: PositionSource;
  callsign: string | null;
}
