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
const KEPT_TABLES = new Set(["_prisma_migrations", "airports", "zones", "users", "api_tokens", "audit_events", "watchlist_entries"]);

export interface LoadedWorld {
  detected: FlightSummary[];
  importMs: number;
  detectMs: number;
}

/**
 * Empty every data table (whatever tables the schema has by now: reception maps included), then
 * import a generated world through the real importers, the way an analyst would: registry,
 * schedules, the main download, the bounding-box extract; then detect.
 */
export async function loadEvaluationWorld(world: EvaluationWorld): Promise<LoadedWorld> {
  const pool = dbPool();
  const { rows } = await pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  const data = rows.map((r) => r.tablename).filter((name) => !KEPT_TABLES.has(name));
  if (data.length > 0) await pool.query(`TRUNCATE ${data.map((name) => `"${name}"`).join(", ")} CASCADE`);
  await ensureReferenceData();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `darkflight-world-${world.seed}-`));
  try {
    const write = (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return { path: file, fileName: name };
    };
    const startedMs = performance.now();
    const nowMs = Date.parse("2026-01-01T00:00:00Z");
    const outcomes = [
      await importAircraftRegistry(write("aircraft.csv", world.aircraftCsv)),
      await importScheduleFile(write("schedules.csv", world.schedulesCsv)),
      await importPositionsFile({ ...write("positions_opensky.csv", world.positionsCsv), nowMs }),
      await importPositionsFile({ ...write("extract_abc_islands_opensky.csv", world.extractCsv), nowMs }),
    ];
    for (const outcome of outcomes) {
      if (outcome.status !== "imported") throw new Error(`${outcome.fileName} did not import: ${JSON.stringify(outcome).slice(0, 400)}`);
    }
    const importMs = performance.now() - startedMs;
    await runDetection();
    return { detected: await listFlights(), importMs, detectMs: performance.now() - startedMs - importMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
