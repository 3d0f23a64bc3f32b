import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { greatCircleDistanceKm } from "@/lib/core/geo/great-circle-distance-km";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { runDetection, type DetectionRunSummary } from "@/lib/server/detection/run-detection";
import { importPositionsFile, type ImportOutcome } from "@/lib/server/ingest/import-positions-file";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";
import { sharedDataPath } from "@/tests/support/shared-data";

/**
 * Every real file in ../shared/data/real, imported through the real importer into one database
 * (files of the same flight in two formats overlap there, as they would for a user) and detected
 * once: nothing crashes, and nothing physically absurd comes out. Prints a per-file report.
 */
const REAL_DIR = sharedDataPath("real");
const FILES = fs.readdirSync(REAL_DIR).sort();
/** The Flightradar24 web export names no aircraft: the user gives the address. */
const IMPORT_OPTIONS: Record<string, { icao24?: string }> = { "JL516_3376ab31.csv": { icao24: "8467d8" } };
/** No aircraft in these files averages this much over the ground, across a silence or a whole flight. */
const MAX_SPEED_KT = 700;
const KM_PER_NM = 1.852;

interface StoredFlight {
  icao24: string;
  id: string;
  callsign: string | null;
  firstSeenMs: number;
  lastSeenMs: number;
  positionCount: number;
  distanceKm: number;
  origin: string | null;
  destination: string | null;
}

interface StoredGap {
  icao24: string;
  flightId: string;
  durationS: number;
  impliedSpeedKt: number | null;
  suspected: boolean;
  offLatDeg: number;
  offLonDeg: number;
  onLatDeg: number | null;
  onLonDeg: number | null;
}

interface StoredFlag {
  icao24: string;
  flightId: string;
  kind: string;
  windowStartMs: number;
  summary: string | null;
}

interface FileResult {
  name: string;
  outcome: Extract<ImportOutcome, { status: "imported" }>;
  flights: StoredFlight[];
  gaps: StoredGap[];
  flags: StoredFlag[];
}

const outcomes = new Map<string, ImportOutcome>();
const results = new Map<string, FileResult>();
let summary: DetectionRunSummary;
let allFlights: StoredFlight[] = [];
let allGaps: StoredGap[] = [];

const impliedKt = (km: number, ms: number) => km / KM_PER_NM / (ms / 3_600_000);
const describeFlight = (f: StoredFlight) =>
  `${f.icao24}#${f.id} ${f.callsign ?? "-"} ${new Date(f.firstSeenMs).toISOString()} → ${new Date(f.lastSeenMs).toISOString()}`;

function result(name: string): FileResult {
  const found = results.get(name);
  if (!found) throw new Error(`${name} was not imported`);
  return found;
}

async function loadStored(): Promise<{ flights: StoredFlight[]; gaps: StoredGap[]; flags: StoredFlag[] }> {
  const pool = dbPool();
  const flights = await pool.query<StoredFlight>(
    `SELECT trim(icao24) AS "icao24", id::text, callsign, (extract(epoch FROM first_seen) * 1000)::float8 AS "firstSeenMs",
            (extract(epoch FROM last_seen) * 1000)::float8 AS "lastSeenMs", position_count AS "positionCount",
            distance_km AS "distanceKm", origin_icao AS origin, destination_icao AS destination
       FROM flights ORDER BY icao24, first_seen`,
  );
  const gaps = await pool.query<StoredGap>(
    `SELECT trim(icao24) AS "icao24", flight_id::text AS "flightId", duration_s AS "durationS", implied_speed_kt AS "impliedSpeedKt",
            suspected, off_lat_deg AS "offLatDeg", off_lon_deg AS "offLonDeg", on_lat_deg AS "onLatDeg", on_lon_deg AS "onLonDeg"
       FROM gap_events ORDER BY icao24, off_time`,
  );
  const flags = await pool.query<StoredFlag>(
    `SELECT trim(icao24) AS "icao24", flight_id::text AS "flightId", kind::text,
            (extract(epoch FROM window_start) * 1000)::float8 AS "windowStartMs", evidence->>'summary' AS summary
       FROM flags ORDER BY window_start, icao24, kind`,
  );
  return { flights: flights.rows, gaps: gaps.rows, flags: flags.rows };
}

function formatReport(): string {
  const lines = [`Real files: ${FILES.length} imported, detection over ${summary.aircraft} aircraft, ${summary.positions} positions`];
  for (const name of FILES) {
    const r = results.get(name);
    if (!r) continue;
    const kinds = new Map<string, number>();
    for (const f of r.flags) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    const flagText = [...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(", ") || "none";
    const o = r.outcome;
    const keys = new Set(r.flights.map((f) => `${f.icao24}#${f.id}`));
    const sharing = [...results.values()].filter((other) => other !== r && other.flights.some((f) => keys.has(`${f.icao24}#${f.id}`)));
    lines.push(
      `  ${name} [${o.format}] ${o.accepted} accepted, ${o.duplicates} duplicate, ${o.rejections.rejected} rejected; ${o.aircraft.length} aircraft` +
        (sharing.length > 0 ? ` (flights shared with ${sharing.map((other) => other.name).join(", ")})` : ""),
      `    ${r.flights.length} flights on ${new Set(r.flights.map((f) => f.icao24)).size} aircraft; flags: ${flagText}; ` +
        `gaps ${r.gaps.length}, suspected ${r.gaps.filter((g) => g.suspected).length}`,
    );
    const first = r.flags[0];
    if (first) lines.push(`    first flag: ${first.kind} ${first.icao24}: ${first.summary ?? "(no summary)"}`);
  }
  return lines.join("\n");
}

beforeAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, schedules, detection_requests CASCADE");
  await ensureReferenceData();
  const nowMs = Date.parse("2026-01-01T00:00:00Z");
  for (const name of FILES) {
    outcomes.set(name, await importPositionsFile({ path: path.join(REAL_DIR, name), fileName: name, nowMs, ...IMPORT_OPTIONS[name] }));
  }
  summary = await runDetection();
  const stored = await loadStored();
  allFlights = stored.flights;
  allGaps = stored.gaps;
  // A file's results: the flights of its aircraft that overlap its time span (files of the same
  // flight in two formats share theirs).
  for (const [name, outcome] of outcomes) {
    if (outcome.status !== "imported" || !outcome.firstTime || !outcome.lastTime) continue;
    const aircraft = new Set(outcome.aircraft);
    const fromMs = Date.parse(outcome.firstTime);
    const toMs = Date.parse(outcome.lastTime);
    const flights = stored.flights.filter((f) => aircraft.has(f.icao24) && f.lastSeenMs >= fromMs && f.firstSeenMs <= toMs);
    const keys = new Set(flights.map((f) => `${f.icao24}#${f.id}`));
    results.set(name, {
      name,
      outcome,
      flights,
      gaps: stored.gaps.filter((g) => keys.has(`${g.icao24}#${g.flightId}`)),
      flags: stored.flags.filter((g) => keys.has(`${g.icao24}#${g.flightId}`)),
    });
  }
  console.log(`\n${formatReport()}\n`);
}, 600_000);
afterAll(() => closeDbPool());

describe("detection on every real file", () => {
  it("finds the real files", () => {
    expect(FILES.length).toBeGreaterThan(0);
  });

  it.each(FILES)("%s imports and yields at least one flight", (name) => {
    const outcome = outcomes.get(name);
    expect(outcome?.status === "refused" ? outcome.reason : outcome?.status).toBe("imported");
    expect(result(name).outcome.accepted).toBeGreaterThan(0);
    expect(result(name).flights.length).toBeGreaterThan(0);
  });

  it("detects every aircraft the files carry", () => {
    const aircraft = new Set([...results.values()].flatMap((r) => r.outcome.aircraft));
    expect(summary.aircraft).toBe(aircraft.size);
  });

  it("stores no flight with fewer than 3 positions or ending before it starts", () => {
    expect(allFlights.length).toBeGreaterThan(0);
    const bad = allFlights.filter((f) => f.positionCount < 3 || f.lastSeenMs < f.firstSeenMs);
    expect(bad.map((f) => `${describeFlight(f)}: ${f.positionCount} positions`)).toEqual([]);
  });

  it(`stores no gap implying more than ${MAX_SPEED_KT} kt`, () => {
    expect(allGaps.length).toBeGreaterThan(0);
    const bad = allGaps.filter((g) => g.impliedSpeedKt !== null && g.impliedSpeedKt > MAX_SPEED_KT);
    expect(bad.map((g) => `${g.icao24}#${g.flightId}: ${Math.round(g.impliedSpeedKt!)} kt over ${g.durationS} s`)).toEqual([]);
  });

  it("ends every open gap when the aircraft is next received, or after 6 h at most, never with an unrelated newer file", () => {
    // The end of the data is the last position of any file: an open gap may not stretch to it
    // (THY9BP's 2024 track would otherwise run into ac671b's 2025 trace), nor depend on how the
    // files were split (it must be the same whatever the order of the imports).
    const bad = allGaps.filter((g) => g.onLatDeg === null && g.durationS > 6 * 3600).map((g) => `${g.icao24}#${g.flightId}: ${g.durationS} s`);
    expect(bad).toEqual([]);
    expect(allGaps.some((g) => g.onLatDeg === null)).toBe(true);
  });

  it("suspects no switch-off in the Swiss extract: its edges are where the data ends, not where receivers stop", () => {
    expect(result("switzerland_opensky_states.csv").gaps.length).toBeGreaterThan(1000);
    expect(result("switzerland_opensky_states.csv").gaps.filter((g) => g.suspected)).toEqual([]);
  });

  it(`stores no flight whose distance over its duration implies more than ${MAX_SPEED_KT} kt`, () => {
    const bad = allFlights.filter((f) => !(impliedKt(f.distanceKm, f.lastSeenMs - f.firstSeenMs) <= MAX_SPEED_KT));
    expect(bad.map((f) => `${describeFlight(f)}: ${f.distanceKm} km, ${Math.round(impliedKt(f.distanceKm, f.lastSeenMs - f.firstSeenMs))} kt`)).toEqual([]);
  });
});

describe("the named real samples", () => {
  it("splits Delta N899DN's 22.7 h trace (ac671b) into its four legs", () => {
    // Facts of the trace: landings on the ground at MSP (twice) and DEN, an 8.4 h turnaround
    // silence near Spokane, one callsign per leg.
    const legs = result("trace_full_ac671b.json").flights.filter((f) => f.icao24 === "ac671b");
    expect(legs.map((f) => f.callsign)).toEqual(["DAL1812", "DAL2418", "DAL1615", "DAL2927"]);
  });

  it("finds flights for nearly all of Switzerland's 842 aircraft (each seen at least 3 times above FL300)", () => {
    const r = result("switzerland_opensky_states.csv");
    expect(r.outcome.aircraft).toHaveLength(842);
    const withFlights = new Set(r.flights.map((f) => f.icao24));
    expect(withFlights.size / r.outcome.aircraft.length).toBeGreaterThanOrEqual(0.9);
  });

  it("draws one sane flight for the spoofed THY9BP, nothing at the spoofed position", async () => {
    const flights = result("noisy_spoofing_opensky_states.csv").flights;
    expect(flights.map((f) => f.icao24)).toEqual(["4baac6"]);
    const flight = flights[0]!;
    // The spoofing parks the aircraft near 49.7°N 23.9°E at FL380 for 34 min, jumping to and fro:
    // kept, those jumps would make the track far longer than the trip.
    const { rows } = await dbPool().query<{ latDeg: number; lonDeg: number }>(
      `(SELECT lat_deg AS "latDeg", lon_deg AS "lonDeg" FROM positions WHERE icao24 = '4baac6' ORDER BY time LIMIT 1)
       UNION ALL (SELECT lat_deg, lon_deg FROM positions WHERE icao24 = '4baac6' ORDER BY time DESC LIMIT 1)`,
    );
    const tripKm = greatCircleDistanceKm(rows[0]!, rows[1]!);
    expect(flight.distanceKm).toBeLessThan(tripKm * 1.25);
    const inSpoofBox = (lat: number | null, lon: number | null) => lat !== null && lon !== null && lat > 49.5 && lat < 49.8 && lon > 23.5 && lon < 24.5;
    const gaps = result("noisy_spoofing_opensky_states.csv").gaps;
    expect(gaps.filter((g) => inSpoofBox(g.offLatDeg, g.offLonDeg) || inSpoofBox(g.onLatDeg, g.onLonDeg))).toEqual([]);
  });
});
