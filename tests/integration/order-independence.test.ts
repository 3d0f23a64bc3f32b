import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { runDetection } from "@/lib/server/detection/run-detection";
import { importAircraftRegistry } from "@/lib/server/ingest/import-aircraft-registry";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { importScheduleFile } from "@/lib/server/ingest/import-schedule-file";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";

/**
 * The same positions give exactly the flags of `detect --all` on one import, whatever the order
 * and the split of the imports: each import rebuilds the reception map for what it touched and
 * re-grades every stored silence whose window it reaches. Three days of the article scenario
 * (with CU-T1250's switch-off on 29 July and RA-96018's on 28 July), imported as an analyst
 * would (the aircraft of interest first, the traffic around them later), the other way round,
 * by time in reverse, in three interleaved parts, and in six parts of which the last five are detected together.
 */
const SCENARIO = path.resolve(import.meta.dirname, "../../fixtures/scenario");
const FROM_S = Date.parse("2024-07-28T00:00:00Z") / 1000;
const TO_S = Date.parse("2024-07-31T00:00:00Z") / 1000;
const OF_INTEREST = new Set(["0b04e2", "0b04e3", "157712", "152b0e", "152b47", "0d80ae", "0d8429", "0d8469", "0d81ec", "730541"]);

let dir: string;
let header: string;
let rows: string[];

interface Snapshot {
  flags: unknown[];
  gaps: unknown[];
}

async function reset(): Promise<void> {
  await dbPool().query(
    "TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, schedules, detection_requests, reception_visits, reception_cells CASCADE",
  );
  await ensureReferenceData();
  await importAircraftRegistry({ path: path.join(SCENARIO, "aircraft.csv"), fileName: "aircraft.csv" });
  await importScheduleFile({ path: path.join(SCENARIO, "schedules.csv"), fileName: "schedules.csv" });
}

/**
 * Import the parts one by one, detecting after each as the CLI and the upload page do (or only
 * after those `detectAfter` names, and the last: the map takes the batches between in together).
 */
async function importParts(name: string, parts: string[][], finalAll = false, detectAfter = (_part: number) => true): Promise<Snapshot> {
  await reset();
  for (const [i, part] of parts.entries()) {
    const file = path.join(dir, `${name}-${i}.csv`);
    fs.writeFileSync(file, [header, ...part].join("\n") + "\n");
    const outcome = await importPositionsFile({ path: file, fileName: path.basename(file), nowMs: Date.parse("2026-01-01T00:00:00Z") });
    expect(outcome.status, `${name} part ${i}`).toBe("imported");
    if (detectAfter(i) || i === parts.length - 1) await runDetection();
  }
  if (finalAll) await runDetection({ all: true });
  return snapshot();
}

async function snapshot(): Promise<Snapshot> {
  const flags = await dbPool().query(
    `SELECT icao24, kind, window_start, window_end, rule_version, evidence FROM flags ORDER BY icao24, window_start, kind, evidence::text`,
  );
  const gaps = await dbPool().query(
    `SELECT icao24, off_time, on_time, duration_s, open, partial, suspected, confidence, witness_count FROM gap_events ORDER BY icao24, off_time, partial`,
  );
  return { flags: flags.rows, gaps: gaps.rows };
}

let reference: Snapshot;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-order-"));
  const lines = zlib.gunzipSync(fs.readFileSync(path.join(SCENARIO, "positions_opensky.csv.gz"))).toString("utf8").trimEnd().split("\n");
  header = lines[0]!;
  rows = lines.slice(1).filter((line) => {
    const timeS = Number(line.slice(0, line.indexOf(",")));
    return timeS >= FROM_S && timeS < TO_S;
  });
  reference = await importParts("whole", [rows], true);
}, 600_000);

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await closeDbPool();
});

const icaoOf = (line: string) => line.split(",")[1]!;
const timeOf = (line: string) => Number(line.slice(0, line.indexOf(",")));

describe("flags do not depend on the order or the split of the imports", () => {
  it("the reference holds the switch-offs of the window, suspected", () => {
    const suspected = (reference.gaps as { icao24: string; suspected: boolean }[]).filter((g) => g.suspected).map((g) => g.icao24.trim());
    expect(suspected).toEqual(expect.arrayContaining(["0b04e2", "157712"]));
  });

  it("aircraft of interest first, the surrounding traffic afterwards", async () => {
    const parts = [rows.filter((l) => OF_INTEREST.has(icaoOf(l))), rows.filter((l) => !OF_INTEREST.has(icaoOf(l)))];
    expect(await importParts("interest-first", parts)).toEqual(reference);
  }, 300_000);

  it("the surrounding traffic first, the aircraft of interest afterwards", async () => {
    const parts = [rows.filter((l) => !OF_INTEREST.has(icaoOf(l))), rows.filter((l) => OF_INTEREST.has(icaoOf(l)))];
    expect(await importParts("traffic-first", parts)).toEqual(reference);
  }, 300_000);

  it("split by time and imported newest first", async () => {
    const middleS = Date.parse("2024-07-29T17:30:00Z") / 1000; // inside CU-T1250's silence
    const parts = [rows.filter((l) => timeOf(l) >= middleS), rows.filter((l) => timeOf(l) < middleS)];
    expect(await importParts("newest-first", parts)).toEqual(reference);
  }, 300_000);

  it("six parts by time, shuffled, the last five imported before one detection run that takes them in together", async () => {
    const sixthS = (TO_S - FROM_S) / 6;
    const parts = [3, 0, 5, 1, 4, 2].map((k) => rows.filter((l) => Math.floor((timeOf(l) - FROM_S) / sixthS) === k));
    expect(parts.every((p) => p.length > 500)).toBe(true);
    expect(await importParts("together", parts, false, (i) => i === 0)).toEqual(reference);
  }, 300_000);

  it("three interleaved parts, every third row, in reverse", async () => {
    const parts = [2, 1, 0].map((k) => rows.filter((_, i) => i % 3 === k));
    expect(await importParts("interleaved", parts)).toEqual(reference);
  }, 300_000);
});
