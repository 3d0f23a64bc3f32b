import type { AirportRef } from "../../../core/model/airport-ref";
import { typePerformance } from "../../../../fixtures/scenario/aircraft-types";
import { cruiseLevelFt } from "../../../../fixtures/scenario/cruise-level";
import { flightKinematics, type Kinematics } from "../../../../fixtures/scenario/flight-kinematics";
import { FlightPath } from "../../../../fixtures/scenario/flight-path";
import { bearingDeg, distanceKm, type LonLat } from "../../../../fixtures/scenario/geo";
import { createRandom } from "../../../../fixtures/scenario/prng";
import { randomSquawk } from "../../../../fixtures/scenario/squawk";
import type { FleetAircraft } from "./regional-fleet";

/** 2024-07-20T00:00Z: a fixed start (never the clock); 30 days cross a month boundary. */
export const SCALE_START_MS = Date.UTC(2024, 6, 20);
export const DAY_MS = 86_400_000;

export interface PlannedLeg {
  kinematics: Kinematics;
  from: string;
  to: string;
  callsign: string | null;
  squawk: string;
  /** The transponder off (aircraft of interest) or a short unexplained silence (airliners). */
  silence: { fromMs: number; toMs: number } | null;
  /** Seeds this leg's sampling, noise and reception draws: the same whichever day file is written. */
  seed: number;
}

/** Day's legs start from 10:00 UTC (morning local) and end by 05:00 UTC the next day. */
const FIRST_DEPARTURE_H = [10, 19] as const;
const LAST_ARRIVAL_H = 29;
const KM_RANGE = [250, 2_300] as const;

const lonLatOf = (a: AirportRef): LonLat => [a.lonDeg, a.latDeg];

/**
 * What one aircraft flies on one day: nothing, or one or two round trips from its base. Each day
 * is planned from (seed, day, address) alone, so any day file can be written without the days
 * before it, and the aircraft is back at its base before the next day's first departure.
 */
export function planAircraftDay(aircraft: FleetAircraft, day: number, seed: number): PlannedLeg[] {
  if (day < 0) return [];
  const random = createRandom(seed).fork(`day:${day}:${aircraft.identity.icao24}`);
  if (random.next() >= aircraft.dailyActivity) return [];
  const dayStartMs = SCALE_START_MS + day * DAY_MS;
  const latestEndMs = dayStartMs + LAST_ARRIVAL_H * 3_600_000;
  let readyMs = dayStartMs + Math.round(random.uniform(FIRST_DEPARTURE_H[0], FIRST_DEPARTURE_H[1]) * 3600) * 1000;
  const trips = random.next() < aircraft.secondTrip ? 2 : 1;
  const reachable = aircraft.destinations.filter((to) => {
    const km = distanceKm(lonLatOf(aircraft.home), lonLatOf(to));
    return km >= KM_RANGE[0] && km <= KM_RANGE[1];
  });
  if (reachable.length === 0) return [];
  const legs: PlannedLeg[] = [];
  for (let trip = 0; trip < trips; trip++) {
    const to = random.pick(reachable);
    const out = planLeg(aircraft, aircraft.home, to, readyMs, random.int(0, 2 ** 31));
    const back = planLeg(aircraft, to, aircraft.home, out.kinematics.endMs + random.int(45, 120) * 60_000, random.int(0, 2 ** 31));
    if (back.kinematics.endMs > latestEndMs) break;
    legs.push(out, back);
    readyMs = back.kinematics.endMs + random.int(40, 90) * 60_000;
  }
  return legs;
}

function planLeg(aircraft: FleetAircraft, from: AirportRef, to: AirportRef, readyMs: number, seed: number): PlannedLeg {
  const random = createRandom(seed);
  const type = typePerformance(aircraft.identity.typecode);
  const path = new FlightPath([lonLatOf(from), lonLatOf(to)]);
  const taxiOutS = random.int(300, 900);
  const kinematics = flightKinematics({
    path,
    takeoffMs: readyMs + (taxiOutS + 35) * 1000,
    originElevationFt: from.elevationFt ?? 0,
    destinationElevationFt: to.elevationFt ?? 0,
    cruiseFt: cruiseLevelFt(random, bearingDeg(lonLatOf(from), lonLatOf(to)), path.lengthKm, type.ceilingFt),
    cruiseKt: type.cruiseKt * random.uniform(0.97, 1.03),
    climbFpm: type.climbFpm * random.uniform(0.9, 1.1),
    descentFpm: type.descentFpm * random.uniform(0.9, 1.1),
    liftoffKt: type.liftoffKt,
    touchdownKt: type.touchdownKt,
    taxiOutS,
    taxiInS: random.int(180, 600),
    jet: aircraft.identity.typecode !== "BN2P",
  });
  // Aircraft of interest switch the transponder off at cruise on ~40 % of their legs, 20–50 min;
  // airliners have a rare short silence nobody explains (3 %, 6–12 min).
  const airborneMs = kinematics.landingMs - kinematics.takeoffMs;
  const [chance, minMin, maxMin] = aircraft.ofInterest ? [0.4, 20, 50] : [0.03, 6, 12];
  let silence: PlannedLeg["silence"] = null;
  if (airborneMs > 60 * 60_000 && random.next() < chance) {
    const durationMs = Math.min(random.int(minMin, maxMin) * 60_000, airborneMs / 3);
    const fromMs = kinematics.takeoffMs + airborneMs / 3 + random.next() * (airborneMs / 3 - durationMs);
    silence = { fromMs, toMs: fromMs + durationMs };
  }
  const callsign = aircraft.callsignPrefix === null ? null : `${aircraft.callsignPrefix}${random.int(100, 2999)}`;
  return { kinematics, from: from.icao, to: to.icao, callsign, squawk: randomSquawk(random), silence, seed: random.int(1, 2 ** 31) };
}
