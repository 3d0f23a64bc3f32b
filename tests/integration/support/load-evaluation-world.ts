import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { EvaluationWorld } from "@/fixtures/scenario/evaluation-world";
import { dbPool } from "@/lib/server/db/pool";
import { runDetection } from "@/lib/server/detection/run-detection";
import { listFlights, type FlightSummary } from "@/lib/server/flights/list-flights";
import { importAircraftRegistry } from "@/lib/server/ingest/import-aircraft-registry";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { importScheduleFile } from "@/lib/server/ingest/import-schedule-file";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";

/** Tables that hold reference data or accounts: kept between worlds; everything else is the world's. */
const KEPT_TABLES = new Set(["_prisma_migrations", "airports", "zones", "users", "api_tokens", "audit_events", "watchlist_entries", "publication_version", "alert_rules"]);

export interface LoadedWorld {
  detected: FlightSummary[];
  importMs: number;
  detectMs: number;
}

/** Empty every data table (whatever tables the schema has by now: reception maps included). */
async function emptyDataTables(): Promise<void> {
  const pool = dbPool();
  const { rows } = await pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  const data = rows.map((r) => r.tablename).filter((name) => !KEPT_TABLES.has(name));
  if (data.length > 0) await pool.query(`TRUNCATE ${data.map((name) => `"${name}"`).join(", ")} CASCADE`);
  await ensureReferenceData();
}

/**
 * Import a generated world through the real importers, the way an analyst would, and detect:
 * 1. registry, schedules and the main download: every flight but the extract case's;
 * 2. then, in an emptied database, the bounding-box extract alone (registry and schedules
 *    again): an analyst who only has the box. The extract case's aircraft are judged on this
 *    run, where the box's edge is the edge of all the data they have (in the main download's
 *    company the same aircraft would vanish in airspace the download shows covered).
 */
export async function loadEvaluationWorld(world: EvaluationWorld): Promise<LoadedWorld> {
  const extractOnly = new Set(world.expected.flights.filter((f) => f.case === "extract").map((f) => f.icao24));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `darkflight-world-${world.seed}-`));
  try {
    const write = (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return { path: file, fileName: name };
    };
    const nowMs = Date.parse("2026-01-01T00:00:00Z");
    const importAll = async (positionFiles: { name: string; text: string }[]) => {
      await emptyDataTables();
      const startedMs = performance.now();
      const outcomes: { status: string; fileName: string }[] = [
        await importAircraftRegistry(write("aircraft.csv", world.aircraftCsv)),
        await importScheduleFile(write("schedules.csv", world.schedulesCsv)),
      ];
      for (const file of positionFiles) outcomes.push(await importPositionsFile({ ...write(file.name, file.text), nowMs }));
      for (const outcome of outcomes) {
        if (outcome.status !== "imported") throw new Error(`${outcome.fileName} did not import: ${JSON.stringify(outcome).slice(0, 400)}`);
      }
      const importMs = performance.now() - startedMs;
      await runDetection();
      return { detected: await listFlights(), importMs, detectMs: performance.now() - startedMs - importMs };
    };
    const extract = await importAll([{ name: "extract_abc_islands_opensky.csv", text: world.extractCsv }]);
    // The main download last: the database keeps it for the checks that follow.
    const main = await importAll([{ name: "positions_opensky.csv", text: world.positionsCsv }]);
    return {
      detected: [...main.detected.filter((f) => !extractOnly.has(f.icao24)), ...extract.detected.filter((f) => extractOnly.has(f.icao24))],
      importMs: main.importMs + extract.importMs,
      detectMs: main.detectMs + extract.detectMs,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
