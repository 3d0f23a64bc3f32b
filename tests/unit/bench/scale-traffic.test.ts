/**
 * The scale benchmark's traffic generator (lib/cli/bench/scale): files the real OpenSky parser
 * reads without a rejected row, in time order, counts that match what it reports and what the
 * plans allow, sampling at each aircraft's interval across midnight, no position while a
 * transponder is off, the same bytes from the same seed, and a resumed run that redoes nothing.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRegionalTraffic, type GeneratedTraffic } from "@/lib/cli/bench/scale/generate-traffic";
import { DAY_MS, planAircraftDay, SCALE_START_MS } from "@/lib/cli/bench/scale/plan-day";
import { buildRegionalFleet, interestCount, type FleetAircraft } from "@/lib/cli/bench/scale/regional-fleet";
import { writeTrafficDay, type TrafficDaySummary } from "@/lib/cli/bench/scale/write-traffic-day";
import { parseScaleOptions } from "@/lib/cli/bench/scale/scale-options";
import { stateVectorLine } from "@/lib/cli/bench/scale/state-vector-line";
import { countryOfIcao24 } from "@/lib/core/identity/country-of-icao24";
import { openskyRow } from "@/fixtures/scenario/format-files";
import type { Position } from "@/fixtures/scenario/observe-flight";
import { parseOpenskyCsv } from "@/lib/ingest/parse-opensky-csv";

const SEED = 4242;
const AIRCRAFT = 60;
const DAYS = 3;
const HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";

interface Row {
  timeS: number;
  icao24: string;
  onGround: boolean;
}

const readLines = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString("utf8").trimEnd().split("\n");
const rowsOf = (file: string): Row[] =>
  readLines(file)
    .slice(1)
    .map((line) => {
      const cells = line.split(",");
      return { timeS: Number(cells[0]), icao24: cells[1]!, onGround: cells[8] === "True" };
    });
const digest = (file: string) => crypto.createHash("sha256").update(zlib.gunzipSync(fs.readFileSync(file))).digest("hex");

let dir: string;
let traffic: GeneratedTraffic;
let fleet: FleetAircraft[];
/** Each day written again on its own, with its per-aircraft counts. */
let days: TrafficDaySummary[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scale-traffic-test-"));
  traffic = await generateRegionalTraffic({ dir, aircraft: AIRCRAFT, days: DAYS, seed: SEED });
  fleet = buildRegionalFleet(AIRCRAFT, SEED);
  days = [];
  for (let day = 0; day < DAYS; day++) days.push(await writeTrafficDay(path.join(dir, `alone-${day}.csv.gz`), fleet, day, SEED));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("scale traffic generator", () => {
  it("writes one OpenSky file per day that the real parser reads without a rejected row", async () => {
    expect(traffic.files).toHaveLength(DAYS);
    expect(traffic.positions).toBeGreaterThan(AIRCRAFT * DAYS * 50);
    for (const file of traffic.files) {
      expect(readLines(file.file)[0]).toBe(HEADER);
      let records = 0;
      let errors = 0;
      const input = Readable.from(zlib.gunzipSync(fs.readFileSync(file.file)));
      for await (const event of parseOpenskyCsv(input, { fileName: path.basename(file.file), nowMs: Date.parse("2026-01-01T00:00:00Z") })) {
        if (event.kind === "record") records++;
        if (event.kind === "error") errors++;
      }
      expect(errors).toBe(0);
      expect(records).toBe(file.positions);
    }
  });

  it("keeps each file inside its UTC day, in time order, each (time, address) once", () => {
    for (const [day, file] of traffic.files.entries()) {
      const rows = rowsOf(file.file);
      const startS = (SCALE_START_MS + day * DAY_MS) / 1000;
      const keys = new Set<string>();
      const outside = rows.filter((row) => row.timeS < startS || row.timeS >= startS + 86_400);
      const backwards = rows.filter((row, i) => i > 0 && row.timeS < rows[i - 1]!.timeS);
      for (const row of rows) keys.add(`${row.timeS}/${row.icao24}`);
      expect(outside).toEqual([]);
      expect(backwards).toEqual([]);
      expect(keys.size).toBe(rows.length);
      expect(file.firstTimeS).toBe(rows[0]!.timeS);
      expect(file.lastTimeS).toBe(rows.at(-1)!.timeS);
    }
  });

  it("counts per aircraft and day what the file holds, and no more than the plans' broadcasts", () => {
    for (const summary of days) {
      const counted: Record<string, number> = {};
      for (const row of rowsOf(path.join(dir, `alone-${summary.day}.csv.gz`))) counted[row.icao24] = (counted[row.icao24] ?? 0) + 1;
      expect(counted).toEqual(summary.perAircraft);
      const dayStartMs = SCALE_START_MS + summary.day * DAY_MS;
      for (const aircraft of fleet) {
        const legs = [...planAircraftDay(aircraft, summary.day - 1, SEED), ...planAircraftDay(aircraft, summary.day, SEED)];
        // Broadcast time inside this day: at most one position per (interval − 1) s of it.
        const movingS = legs.reduce((sum, leg) => {
          const fromMs = Math.max(leg.kinematics.startMs, dayStartMs);
          const toMs = Math.min(leg.kinematics.endMs, dayStartMs + DAY_MS);
          return sum + Math.max(0, toMs - fromMs) / 1000;
        }, 0);
        const count = summary.perAircraft[aircraft.identity.icao24] ?? 0;
        if (movingS === 0) expect(count).toBe(0);
        expect(count).toBeLessThanOrEqual(movingS / (aircraft.sampleIntervalS - 1) + 2 * legs.length);
      }
    }
    // The day files of the full run are the same days written alone.
    for (const summary of days) expect(digest(path.join(dir, `alone-${summary.day}.csv.gz`))).toBe(digest(traffic.files[summary.day]!.file));
  });

  it("samples each aircraft at its own 5–10 s interval (±1 s), across midnight too", () => {
    const timesByAircraft = new Map<string, number[]>();
    for (const file of traffic.files) {
      for (const row of rowsOf(file.file)) {
        const times = timesByAircraft.get(row.icao24) ?? [];
        times.push(row.timeS);
        timesByAircraft.set(row.icao24, times);
      }
    }
    expect(timesByAircraft.size).toBeGreaterThan(5);
    for (const aircraft of fleet) {
      expect(aircraft.sampleIntervalS).toBeGreaterThanOrEqual(5);
      expect(aircraft.sampleIntervalS).toBeLessThanOrEqual(10);
      const times = timesByAircraft.get(aircraft.identity.icao24) ?? [];
      const steps = times.slice(1).map((t, i) => t - times[i]!);
      if (steps.length < 50) continue;
      expect(Math.min(...steps)).toBeGreaterThanOrEqual(aircraft.sampleIntervalS - 1);
      // Most broadcasts are heard: holes, outages and switch-offs remove only some.
      const regular = steps.filter((step) => step <= aircraft.sampleIntervalS + 1).length;
      expect(regular / steps.length).toBeGreaterThan(0.7);
    }
  });

  it("flies aircraft of interest between Cuba and Venezuela and writes nothing while a transponder is off", () => {
    const interest = fleet.filter((a) => a.ofInterest);
    expect(interest).toHaveLength(interestCount(AIRCRAFT));
    for (const aircraft of interest) {
      expect(["CU", "VE"]).toContain(aircraft.home.country);
      expect(aircraft.destinations.every((to) => to.country !== aircraft.home.country && ["CU", "VE"].includes(to.country))).toBe(true);
    }
    let silences = 0;
    for (const summary of days) {
      const rows = rowsOf(path.join(dir, `alone-${summary.day}.csv.gz`));
      for (const aircraft of fleet) {
        for (const leg of planAircraftDay(aircraft, summary.day, SEED)) {
          if (!leg.silence) continue;
          silences++;
          const inside = rows.filter((r) => r.icao24 === aircraft.identity.icao24 && r.timeS * 1000 >= leg.silence!.fromMs && r.timeS * 1000 <= leg.silence!.toMs);
          expect(inside).toEqual([]);
        }
      }
    }
    // Over many seeds' worth of legs some switch-offs happen; here, at least one in three days.
    expect(silences).toBeGreaterThan(0);
  });

  it("writes the same values as the scenario's OpenSky writer", () => {
    const airborne: Position = {
      timeS: 1721470000, icao24: "0b04e2", callsign: "CUB1250", squawk: "4521", lonLat: [-75.123456, 17.987654],
      altitudeFt: 35000, geoAltitudeFt: 36475, groundSpeedKt: 471, trackDeg: 359.7, verticalRateFpm: -1984, onGround: false, source: "ADSB",
    };
    const taxiing: Position = { ...airborne, callsign: null, altitudeFt: null, geoAltitudeFt: null, groundSpeedKt: 14, trackDeg: 12.2, verticalRateFpm: null, onGround: true };
    for (const position of [airborne, taxiing]) {
      const ours = stateVectorLine(position).split(",");
      const theirs = openskyRow(position).split(",");
      expect(ours).toHaveLength(theirs.length);
      ours.forEach((cell, i) => {
        const other = theirs[i]!;
        if (cell === "" || other === "" || Number.isNaN(Number(cell))) expect(cell).toBe(other);
        else expect(Number(cell)).toBeCloseTo(Number(other), 9);
      });
    }
  });

  it("reaches 10 M positions at the default size (1,500 aircraft × 30 days)", () => {
    // Broadcasts the plans make, times the share of broadcasts heard in this test's own files.
    const broadcasts = (aircraft: readonly FleetAircraft[], days: number, seed: number) => {
      let total = 0;
      for (const a of aircraft) {
        for (let day = 0; day < days; day++) {
          for (const leg of planAircraftDay(a, day, seed)) total += (leg.kinematics.endMs - leg.kinematics.startMs) / 1000 / a.sampleIntervalS;
        }
      }
      return total;
    };
    const heardShare = traffic.positions / broadcasts(fleet, DAYS, SEED);
    expect(heardShare).toBeGreaterThan(0.5);
    expect(heardShare).toBeLessThanOrEqual(1.05);
    const defaultSeed = parseScaleOptions([]).seed;
    expect(broadcasts(buildRegionalFleet(1500, defaultSeed), 30, defaultSeed) * heardShare).toBeGreaterThan(10_000_000);
  });

  it("draws every address from its country's ICAO block, each once", () => {
    const big = buildRegionalFleet(1500, SEED);
    expect(new Set(big.map((a) => a.identity.icao24)).size).toBe(1500);
    expect(big.filter((a) => a.ofInterest)).toHaveLength(10);
    for (const aircraft of big.filter((a) => !a.ofInterest)) expect(countryOfIcao24(aircraft.identity.icao24)).not.toBeNull();
  });

  it("is deterministic: the same seed gives the same bytes, another seed other traffic", async () => {
    const again = await writeTrafficDay(path.join(dir, "again-1.csv.gz"), buildRegionalFleet(AIRCRAFT, SEED), 1, SEED);
    expect(again.positions).toBe(days[1]!.positions);
    expect(digest(path.join(dir, "again-1.csv.gz"))).toBe(digest(path.join(dir, "alone-1.csv.gz")));
    await writeTrafficDay(path.join(dir, "other-1.csv.gz"), buildRegionalFleet(AIRCRAFT, SEED + 1), 1, SEED + 1);
    expect(digest(path.join(dir, "other-1.csv.gz"))).not.toBe(digest(path.join(dir, "alone-1.csv.gz")));
  });

  it("resumes: finished days are reused, a missing day is written again identically", async () => {
    const before = digest(traffic.files[1]!.file);
    fs.rmSync(traffic.files[1]!.file);
    const reused: number[] = [];
    const written: number[] = [];
    const resumed = await generateRegionalTraffic({ dir, aircraft: AIRCRAFT, days: DAYS, seed: SEED, onDay: (d, wasReused) => (wasReused ? reused : written).push(d.day) });
    expect(reused).toEqual([0, 2]);
    expect(written).toEqual([1]);
    expect(resumed.positions).toBe(traffic.positions);
    expect(digest(traffic.files[1]!.file)).toBe(before);
  });

  it("writes the same days from two generator processes", async () => {
    const digests = traffic.files.map((f) => digest(f.file));
    for (const file of traffic.files) fs.rmSync(file.file);
    const written: number[] = [];
    const parallel = await generateRegionalTraffic({ dir, aircraft: AIRCRAFT, days: DAYS, seed: SEED, processes: 2, onDay: (d) => written.push(d.day) });
    expect(written.sort()).toEqual([0, 1, 2]);
    expect(parallel.files.map((f) => f.day)).toEqual([0, 1, 2]);
    expect(parallel.files.map((f) => digest(f.file))).toEqual(digests);
    expect(Math.max(...parallel.files.map((f) => f.generatorPeakMb))).toBeGreaterThan(0);
  });
});
