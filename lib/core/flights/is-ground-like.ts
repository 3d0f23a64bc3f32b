import type { TrackPoint } from "../model/track-point";
import type { AirportRef } from "../model/airport-ref";
import type { SplitConfig } from "../model/detection-config";
import { nearestAirport } from "../geo/nearest-airport";

/** Why a position counts as on the ground: the feed's flag, slow and low near an airport, or a crawl at rooftop height anywhere. */
export type GroundLikeReason = "flag" | "airport" | "crawl";

/**
 * Is this position on the ground, or as good as? True when the feed says so (readsb "ground",
 * OpenSky `onground`), or — for feeds without that flag — when the aircraft is slow
 * (< `groundMaxSpeedKt`) and low (< `groundMaxHeightFt` above the nearest airport's elevation,
 * sea level if unknown) near a known airport, or crawling (< `groundCrawlKt`) and low anywhere.
 * No fixed-wing aircraft flies that slow that low except on the runway.
 * @example isGroundLike({ ...p, onGround: false, groundSpeedKt: 12, altitudeFt: 250 }, airports, cfg) // true near MUHA
 */
export function isGroundLike(p: TrackPoint, airports: readonly AirportRef[], config: SplitConfig): boolean {
  return groundLikeReason(p, airports, config) !== null;
}

/** The rule that makes {@link isGroundLike} true, null when the position is airborne. */
export function groundLikeReason(p: TrackPoint, airports: readonly AirportRef[], config: SplitConfig): GroundLikeReason | null {
  if (p.onGround) return "flag";
  const gs = p.groundSpeedKt;
  if (gs === null || gs >= config.groundMaxSpeedKt) return null;
  // Cheap exit before the airport lookup: anything above the highest airports' height band is airborne.
  if (p.altitudeFt !== null && p.altitudeFt > 14_500 + config.groundMaxHeightFt) return null;
  const near = nearestAirport(airports, p, config.groundAirportRadiusKm);
  const heightFt = p.altitudeFt === null ? 0 : p.altitudeFt - (near?.airport.elevationFt ?? 0);
  if (heightFt > config.groundMaxHeightFt) return null;
  if (near !== null) return "airport";
  // Away from known airports only a crawl at rooftop height counts: feeds report 0 kt for a
  // missing speed, and a "0 kt" on approach at 1,400 ft is not a landing.
  return gs < config.groundCrawlKt && heightFt <= CRAWL_MAX_HEIGHT_FT ? "crawl" : null;
}

const CRAWL_MAX_HEIGHT_FT = 300;
