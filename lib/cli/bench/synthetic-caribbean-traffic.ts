import fs from "node:fs";
import { once } from "node:events";
import { REFERENCE_AIRPORTS } from "../../core/reference/airports";
import type { AirportRef } from "../../core/model/airport-ref";
import { cruiseLevelFt } from "../../../fixtures/scenario/cruise-level";
import { flightKinematics, type Kinematics, type TrueState } from "../../../fixtures/scenario/flight-kinematics";
import { FlightPath } from "../../../fixtures/scenario/flight-path";
import { bearingDeg, distanceKm, type LonLat } from "../../../fixtures/scenario/geo";
import { OPENSKY_HEADER } from "../../../fixtures/scenario/format-files";
import { createRandom, type Random } from "../../../fixtures/scenario/prng";
import { randomSquawk } from "../../../fixtures/scenario/squawk";

export interface SyntheticTrafficOptions {
  aircraft: number;
  minPositions: number;
  seed: number;
  /** The first aircraft's address; the k-th is 37·k above it (default 0x0c1000: Cuba's block). */
  firstIcao24?: number;
}

export interface SyntheticTrafficSummary {
  positions: number;
  aircraft: number;
  legs: number;
  silences: number;
  firstTimeS: number;
  lastTimeS: number;
}

interface Leg {
  kinematics: Kinematics;
  callsign: string;
  squawk: string;
  silence: { fromMs: number; toMs: number } | null;
}

/** One CSV row and what it sorts by. */
interface Row {
  timeS: number;
  icao24: string;
  line: string;
}

interface Flyer {
  icao24: string;
  legs: Leg[];
  legIndex: number;
  nextS: number;
  reportsGeoAltitude: boolean;
  random: Random;
}

const START_MS = Date.UTC(2024, 7, 1); // 2024-08-01T00:00Z, a fixed date, not the clock
const OPERATORS = ["CUB", "CNF", "VCV", "AVA", "CMP", "BWA", "JBU", "AAL", "LRC", "ROU", "KAP", "IBE"];
const LOSS = 0.02;
const WINDOW_S = 300;
/** Positions per leg are estimated a little high: losses and silences remove some. */
const QUOTA_MARGIN = 1.08;

const lonLatOf = (a: AirportRef): LonLat => [a.lonDeg, a.latDeg];

/**
 * A deterministic day of Caribbean airline traffic as an OpenSky state-vector CSV, for the
 * detection benchmark: `aircraft` aircraft each fly legs between the reference airports (200 to
 * 1,500 km apart, about 2 legs each) until they have about `minPositions / aircraft` positions:
 * taxi, climb, cruise and descent (the scenario fixture's kinematics), a position every 9–11 s,
 * 2 % of positions lost at random, a mid-cruise transponder silence of 6–25 min on ~12 % of the
 * legs. Rows are written time-major, as OpenSky exports are. The seed alone decides every byte.
 * Throws when the file falls short of `minPositions`.
 */
export async function writeSyntheticTraffic(file: string, options: SyntheticTrafficOptions): Promise<SyntheticTrafficSummary> {
  const random = createRandom(options.seed);
  const airports = REFERENCE_AIRPORTS.filter((a) => a.iata !== null);
  const destinations = new Map(
    airports.map((from) => [
      from.icao,
      airports.filter((to) => {
        const km = distanceKm(lonLatOf(from), lonLatOf(to));
        return km >= 200 && km <= 1500;
      }),
    ]),
  );
  const quota = (options.minPositions / options.aircraft) * QUOTA_MARGIN;
  const flyers: Flyer[] = [];
  let legCount = 0;
  let silenceCount = 0;
  for (let k = 0; k < options.aircraft; k++) {
    const own = random.fork(`aircraft:${k}`);
    const operator = own.pick(OPERATORS);
    let at = own.pick(airports.filter((a) => (destinations.get(a.icao)?.length ?? 0) > 0));
    let readyMs = START_MS + own.int(0, 3 * 3600) * 1000;
    let expected = 0;
    const legs: Leg[] = [];
    for (;;) {
      const to = own.pick(destinations.get(at.icao)!);
      const leg = planLeg(own, at, to, readyMs, `${operator}${own.int(100, 9899)}`);
      const legPositions = (leg.kinematics.endMs - leg.kinematics.startMs) / 10_000;
      // Stop nearest the quota, so the total lands near `minPositions` rather than a leg past it.
      if (legs.length > 0 && expected + legPositions / 2 > quota) break;
      legs.push(leg);
      if (leg.silence) silenceCount++;
      expected += legPositions;
      readyMs = leg.kinematics.endMs + own.int(40, 120) * 60_000;
      at = to;
    }
    legCount += legs.length;
    const first = legs[0]!.kinematics.startMs;
    flyers.push({
      icao24: ((options.firstIcao24 ?? 0x0c1000) + k * 37).toString(16).padStart(6, "0"),
      legs,
      legIndex: 0,
      nextS: Math.ceil(first / 1000) + own.int(0, 10),
      reportsGeoAltitude: own.next() < 0.7,
      random: own,
    });
  }

  const out = fs.createWriteStream(file);
  out.write(`${OPENSKY_HEADER}\n`);
  let positions = 0;
  let firstTimeS = Infinity;
  let lastTimeS = -Infinity;
  const endS = Math.max(...flyers.map((f) => f.legs[f.legs.length - 1]!.kinematics.endMs / 1000));
  for (let windowS = Math.floor(START_MS / 1000); windowS <= endS; windowS += WINDOW_S) {
    const rows: Row[] = [];
    for (const flyer of flyers) observeUntil(flyer, windowS + WINDOW_S, rows);
    if (rows.length === 0) continue;
    rows.sort((a, b) => a.timeS - b.timeS || (a.icao24 < b.icao24 ? -1 : 1));
    positions += rows.length;
    firstTimeS = Math.min(firstTimeS, rows[0]!.timeS);
    lastTimeS = Math.max(lastTimeS, rows[rows.length - 1]!.timeS);
    let chunk = "";
    for (const row of rows) chunk += row.line;
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  if (positions < options.minPositions) throw new Error(`generated ${positions} positions, fewer than the ${options.minPositions} asked for`);
  return { positions, aircraft: flyers.length, legs: legCount, silences: silenceCount, firstTimeS, lastTimeS };
}

function planLeg(random: Random, from: AirportRef, to: AirportRef, readyMs: number, callsign: string): Leg {
  const path = new FlightPath([lonLatOf(from), lonLatOf(to)]);
  const taxiOutS = random.int(240, 480);
  const kinematics = flightKinematics({
    path,
    takeoffMs: readyMs + (taxiOutS + 35) * 1000,
    originElevationFt: from.elevationFt ?? 0,
    destinationElevationFt: to.elevationFt ?? 0,
    cruiseFt: cruiseLevelFt(random, bearingDeg(lonLatOf(from), lonLatOf(to)), path.lengthKm, 41_000),
    cruiseKt: random.uniform(430, 480),
    climbFpm: random.uniform(1800, 2600),
    descentFpm: random.uniform(1500, 2200),
    liftoffKt: random.uniform(140, 160),
    touchdownKt: random.uniform(128, 145),
    taxiOutS,
    taxiInS: random.int(180, 360),
    jet: true,
  });
  // A silence in the middle third of the flight: at cruise, away from both airports.
  const airborneMs = kinematics.landingMs - kinematics.takeoffMs;
  let silence: Leg["silence"] = null;
  if (airborneMs > 50 * 60_000 && random.next() < 0.12) {
    const durationMs = Math.min(random.int(6, 25) * 60_000, airborneMs / 3);
    const fromMs = kinematics.takeoffMs + airborneMs / 3 + random.next() * (airborneMs / 3 - durationMs);
    silence = { fromMs, toMs: fromMs + durationMs };
  }
  return { kinematics, callsign, squawk: randomSquawk(random), silence };
}

/** Append the flyer's positions before `untilS` to `rows`. */
function observeUntil(flyer: Flyer, untilS: number, rows: Row[]): void {
  while (flyer.nextS < untilS) {
    const timeMs = flyer.nextS * 1000;
    let leg = flyer.legs[flyer.legIndex];
    while (leg && timeMs > leg.kinematics.endMs) leg = flyer.legs[++flyer.legIndex];
    if (!leg) {
      flyer.nextS = Infinity;
      return;
    }
    if (timeMs < leg.kinematics.startMs) {
      flyer.nextS = Math.ceil(leg.kinematics.startMs / 1000) + flyer.random.int(0, 10);
      continue;
    }
    flyer.nextS += flyer.random.int(9, 11);
    const silent = leg.silence !== null && timeMs >= leg.silence.fromMs && timeMs <= leg.silence.toMs;
    if (silent || flyer.random.next() < LOSS) continue;
    rows.push({ timeS: timeMs / 1000, icao24: flyer.icao24, line: openskyLine(leg.kinematics.stateAt(timeMs), flyer, leg) });
  }
}

const M_PER_FT = 0.3048;
const MS_PER_KT = 1852 / 3600;
const MS_PER_FPM = 0.3048 / 60;

/**
 * One OpenSky row (metres, m/s, callsign padded to 8; no altitude on the ground), quantised as
 * ADS-B reports it (25 ft, 64 ft/min, whole knots), with ~10 m of position noise.
 */
function openskyLine(state: TrueState, flyer: Flyer, leg: Leg): string {
  const { random } = flyer;
  const timeS = state.timeMs / 1000;
  const lat = (state.lonLat[1] + random.noise(0.0001)).toFixed(5);
  const lon = (state.lonLat[0] + random.noise(0.0001)).toFixed(5);
  const heading = Math.round((state.trackDeg + random.noise(0.3) + 360) % 360) % 360;
  const head = `${timeS},${flyer.icao24},${lat},${lon}`;
  const callsign = leg.callsign.padEnd(8, " ");
  if (state.onGround) {
    return `${head},${(Math.max(0, Math.round(state.groundSpeedKt)) * MS_PER_KT).toFixed(2)},${heading},,${callsign},True,,,${leg.squawk},,,,\n`;
  }
  const altitudeFt = Math.round(state.altitudeFt / 25) * 25;
  const geoFt = flyer.reportsGeoAltitude ? ((Math.round((state.altitudeFt * 1.05 + 50) / 25) * 25) * M_PER_FT).toFixed(2) : "";
  const speedMs = (Math.round(state.groundSpeedKt + random.noise(1.5)) * MS_PER_KT).toFixed(2);
  const rateMs = (Math.round((state.verticalRateFpm + random.noise(60)) / 64) * 64 * MS_PER_FPM).toFixed(3);
  return `${head},${speedMs},${heading},${rateMs},${callsign},False,,,${leg.squawk},${(altitudeFt * M_PER_FT).toFixed(2)},${geoFt},,\n`;
}
