import type { TrackPoint } from "../track-point";
import type { AirportRef } from "../detection/types";
import type { SplitConfig } from "../detection/config";
import { nearestAirport } from "../geo/nearest-airport";

/**
 * Is this position on the ground, or as good as? True when the feed says so (readsb "ground",
 * OpenSky `onground`), or — for feeds without that flag — when the aircraft is slow
 * (< `groundMaxSpeedKt`) and low (< `groundMaxHeightFt` above the nearest airport's elevation,
 * sea level if unknown) near a known airport, or crawling (< `groundCrawlKt`) and low anywhere.
 * No fixed-wing aircraft flies that slow that low except on the runway.
 * @example isGroundLike({ ...p, onGround: false, groundSpeedKt: 12, altitudeFt: 250 }, airports, cfg) // true near MUHA
 */
export function isGroundLike(p: TrackPoint, airports: readonly AirportRef[], config: SplitConfig): boolean {
  if (p.onGround) return true;
  const gs = p.groundSpeedKt;
  if (gs === null || gs >= config.groundMaxSpeedKt) return false;
  // Cheap exit before the airport lookup: anything above the highest airports' height band is airborne.
  if (p.altitudeFt !== null && p.altitudeFt > 14_500 + config.groundMaxHeightFt) return false;
  const near = nearestAirport(airports, p, config.groundAirportRadiusKm);
  const heightFt = p.altitudeFt === null ? 0 : p.altitudeFt - (near?.airport.elevationFt ?? 0);
  if (heightFt > config.groundMaxHeightFt) return false;
  if (near !== null) return true;
  // Away from known airports only a crawl at rooftop height counts: feeds report 0 kt for a
  // missing speed, and a "0 kt" on approach at 1,400 ft is not a landing.
  return gs < config.groundCrawlKt && heightFt <= CRAWL_MAX_HEIGHT_FT;
}

const CRAWL_MAX_HEIGHT_FT = 300;
