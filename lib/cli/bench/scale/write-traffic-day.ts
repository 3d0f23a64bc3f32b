import fs from "node:fs";
import { once } from "node:events";
import zlib from "node:zlib";
import { OPENSKY_HEADER } from "../../../../fixtures/scenario/format-files";
import { createRandom } from "../../../../fixtures/scenario/prng";
import { RECEIVERS, type Outage } from "../../../../fixtures/scenario/receivers";
import { DAY_MS, planAircraftDay, SCALE_START_MS } from "./plan-day";
import type { FleetAircraft } from "./regional-fleet";
import { LegSampler } from "./sample-leg";
import { stateVectorLine } from "./state-vector-line";

export interface TrafficDaySummary {
  day: number;
  positions: number;
  /** Positions per aircraft address, in this day's file. */
  perAircraft: Record<string, number>;
  /** Legs that fly (some of) their broadcasts in this day. */
  legs: number;
  silences: number;
  firstTimeS: number | null;
  lastTimeS: number | null;
  bytes: number;
}

/** Each receiver is off for 1–4 h on ~6 % of days (power, internet, the feeder software). */
export function outagesOfDay(day: number, seed: number): Outage[] {
  const random = createRandom(seed).fork(`outages:${day}`);
  const dayStartMs = SCALE_START_MS + day * DAY_MS;
  const outages: Outage[] = [];
  for (const receiver of RECEIVERS) {
    if (random.next() >= 0.06) continue;
    const fromMs = dayStartMs + random.int(0, 20 * 60) * 60_000;
    outages.push({ receiver: receiver.name, fromMs, toMs: fromMs + random.int(60, 240) * 60_000 });
  }
  return outages;
}

const WINDOW_S = 60;

interface Row {
  timeS: number;
  icao24: string;
  line: string;
}

/**
 * One UTC day of the fleet's traffic as a gzip OpenSky state-vector CSV, rows in time then
 * address order as OpenSky exports are. The legs of the day before that land after midnight
 * are replayed from their own seeds and written from midnight on. Memory holds one sampler per
 * flying aircraft and one minute of rows, whatever the size of the file.
 */
export async function writeTrafficDay(file: string, fleet: readonly FleetAircraft[], day: number, seed: number): Promise<TrafficDaySummary> {
  const dayStartS = (SCALE_START_MS + day * DAY_MS) / 1000;
  const dayEndS = dayStartS + DAY_MS / 1000;
  const outages = outagesOfDay(day, seed);
  const samplers: LegSampler[] = [];
  let silences = 0;
  for (const aircraft of fleet) {
    for (const leg of [...planAircraftDay(aircraft, day - 1, seed), ...planAircraftDay(aircraft, day, seed)]) {
      if (leg.kinematics.endMs < dayStartS * 1000 || leg.kinematics.startMs >= dayEndS * 1000) continue;
      const sampler = new LegSampler(aircraft, leg, outages);
      sampler.skipTo(dayStartS);
      if (sampler.done) continue;
      samplers.push(sampler);
      if (leg.silence) silences++;
    }
  }

  // A deep write buffer: zlib compresses on the thread pool while the next minute is generated.
  // (zlib passes stream options through to its Transform; @types/node does not list them.)
  const gzipOptions: zlib.ZlibOptions & { writableHighWaterMark: number } = { level: 1, writableHighWaterMark: 8 << 20 };
  const gzip = zlib.createGzip(gzipOptions);
  const out = fs.createWriteStream(file);
  gzip.pipe(out);
  gzip.write(`${OPENSKY_HEADER}\n`);
  const perAircraft: Record<string, number> = {};
  let positions = 0;
  let firstTimeS: number | null = null;
  let lastTimeS: number | null = null;
  for (let windowS = dayStartS; windowS < dayEndS; windowS += WINDOW_S) {
    const untilS = Math.min(windowS + WINDOW_S, dayEndS);
    const rows: Row[] = [];
    for (const sampler of samplers) {
      while (!sampler.done && sampler.nextS < untilS) {
        const position = sampler.take();
        if (position) rows.push({ timeS: position.timeS, icao24: position.icao24, line: stateVectorLine(position) });
      }
    }
    if (rows.length === 0) continue;
    rows.sort((a, b) => a.timeS - b.timeS || (a.icao24 < b.icao24 ? -1 : a.icao24 > b.icao24 ? 1 : 0));
    let chunk = "";
    for (const row of rows) {
      chunk += `${row.line}\n`;
      perAircraft[row.icao24] = (perAircraft[row.icao24] ?? 0) + 1;
    }
    positions += rows.length;
    firstTimeS ??= rows[0]!.timeS;
    lastTimeS = rows[rows.length - 1]!.timeS;
    if (!gzip.write(chunk)) await once(gzip, "drain");
  }
  gzip.end();
  await once(out, "finish");
  return { day, positions, perAircraft, legs: samplers.length, silences, firstTimeS, lastTimeS, bytes: fs.statSync(file).size };
}
