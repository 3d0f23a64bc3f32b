import type { TrackPoint } from "../model/track-point";
import type { AirportRef } from "../model/airport-ref";
import type { DetectionConfig } from "../model/detection-config";
import { isGroundLike } from "../flights/is-ground-like";
import { nearestAirport } from "../geo/nearest-airport";

/** A silence found in a flight, before grading. */
export interface GapCandidate {
  off: TrackPoint;
  /** Index of `off` in the flight's points. */
  offIndex: number;
  /** First position after the silence; null when it never came (open gap). */
  on: TrackPoint | null;
  onIndex: number | null;
  durationS: number;
  open: boolean;
  /** ADS-B stopped while positions from `partialSources` (MLAT, Mode S) continued. */
  partial: boolean;
  /** Positions from `partialSources` received during an ADS-B-only silence. */
  otherSourcePositions: number;
}

export interface FindGapsContext {
  airports: readonly AirportRef[];
  config: DetectionConfig;
  /** End of the data window (ms): a flight ending airborne before it leaves an open gap. */
  dataEndMs: number;
}

/**
 * Every airborne silence of at least `minGapS` in one flight's positions:
 * - between two consecutive positions (any source) whose first is airborne;
 * - at the end: the last position is airborne, not on approach to an airport, and the data
 *   window continues ≥ `minGapS` after it (an open gap);
 * - ADS-B only: between consecutive ADS-B positions while MLAT / Mode S positions of the same
 *   aircraft continued (partial: ADS-B Out off, transponder on). These overlap the others by
 *   design: they describe a different signature.
 * Sorted by off time. Grading (suspected or not) is {@link gradeGap}'s job.
 */
export function findGaps(points: readonly TrackPoint[], ctx: FindGapsContext): GapCandidate[] {
  const { minGapS, partialSources } = ctx.config.gaps;
  const minGapMs = minGapS * 1000;
  const airborne = (p: TrackPoint) => !isGroundLike(p, ctx.airports, ctx.config.split);
  const out: GapCandidate[] = [];
  const n = points.length;

  for (let i = 1; i < n; i++) {
    const off = points[i - 1]!;
    const on = points[i]!;
    if (on.timeMs - off.timeMs >= minGapMs && airborne(off)) {
      out.push({ off, offIndex: i - 1, on, onIndex: i, durationS: (on.timeMs - off.timeMs) / 1000, open: false, partial: false, otherSourcePositions: 0 });
    }
  }

  const last = points[n - 1];
  if (last && ctx.dataEndMs - last.timeMs >= minGapMs && airborne(last) && !onApproach(last, ctx)) {
    // Capped: past `maxOpenS` nothing says it was still airborne, and an open gap must not stretch
    // to whatever unrelated data ends later (that would make it depend on what else was imported).
    const durationS = Math.min(ctx.dataEndMs - last.timeMs, ctx.config.gaps.maxOpenS * 1000) / 1000;
    out.push({ off: last, offIndex: n - 1, on: null, onIndex: null, durationS, open: true, partial: false, otherSourcePositions: 0 });
  }

  const isOther = (p: TrackPoint) => partialSources.includes(p.source);
  if (points.some((p) => p.source === "ADSB") && points.some(isOther)) {
    let prevAdsb = -1;
    let others = 0;
    for (let i = 0; i <= n; i++) {
      const p = points[i];
      if (p && p.source !== "ADSB") {
        if (prevAdsb >= 0 && isOther(p)) others++;
        continue;
      }
      const off = points[prevAdsb];
      const endMs = p ? p.timeMs : (last?.timeMs ?? 0);
      if (off && others > 0 && endMs - off.timeMs >= minGapMs && airborne(off)) {
        out.push({
          off,
          offIndex: prevAdsb,
          on: p ?? null,
          onIndex: p ? i : null,
          durationS: (endMs - off.timeMs) / 1000,
          open: !p,
          partial: true,
          otherSourcePositions: others,
        });
      }
      prevAdsb = i;
      others = 0;
    }
  }
  return out.sort((a, b) => a.off.timeMs - b.off.timeMs || Number(a.partial) - Number(b.partial));
}

/** Low and near an airport: the track ends on an approach (landing unseen), not in a silence. */
function onApproach(p: TrackPoint, ctx: FindGapsContext): boolean {
  const { lowHeightFt, airportRadiusKm } = ctx.config.endpoints;
  const near = nearestAirport(ctx.airports, p, airportRadiusKm);
  if (!near || p.altitudeFt === null) return false;
  return p.altitudeFt - (near.airport.elevationFt ?? 0) <= lowHeightFt;
}
