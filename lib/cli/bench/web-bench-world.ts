import crypto from "node:crypto";
import path from "node:path";
import { PROJECT_ROOT } from "../../infra/project-root";
import { closeDbPool, dbPool } from "../../server/db/pool";
import { loadDemoDataIfEmpty } from "../../server/demo/load-demo-data";
import { fillMissingMapTracks } from "../../server/flights/fill-missing-map-tracks";
import { ensureReferenceData } from "../../server/reference/ensure-reference-data";
import { createUser } from "../../server/users/create-user";
import { writeSyntheticTraffic } from "./synthetic-caribbean-traffic";
import { publishSampleFindings } from "./publish-sample-findings";

export interface BenchWorld {
  summary: string;
  analyst: { email: string; password: string };
}

/**
 * The web benchmark's data, in a fresh database (DATABASE_URL already points at it): the demo
 * data, `positions` synthetic positions imported and detected through the CLI, a tenth of the
 * flagged flights confirmed and published (so the public pages carry weight), and an analyst.
 */
export async function prepareBenchWorld(options: {
  databaseUrl: string;
  positions: number;
  aircraft: number;
  dir: string;
  log: (message: string) => void;
  runCli: (args: string[], databaseUrl: string) => Promise<void>;
}): Promise<BenchWorld> {
  const { log } = options;
  await ensureReferenceData();
  await loadDemoDataIfEmpty(path.join(PROJECT_ROOT, "fixtures", "scenario"), log);
  const analyst = { email: "bench-analyst@darkflight.local", password: crypto.randomBytes(18).toString("base64url") };
  await createUser({ ...analyst, role: "ANALYST" }, "bench:web");
  await closeDbPool();
  if (options.positions > 0) {
    const csv = path.join(options.dir, "bench_caribbean_opensky.csv");
    log(`generating ≥ ${options.positions.toLocaleString("en-US")} positions of ${options.aircraft.toLocaleString("en-US")} aircraft …`);
    await writeSyntheticTraffic(csv, { aircraft: options.aircraft, minPositions: options.positions, seed: 20240801 });
    log("importing and detecting them (npm run cli -- import) …");
    await options.runCli(["import", csv], options.databaseUrl);
  }
  const filled = await fillMissingMapTracks();
  if (filled > 0) log(`${filled.toLocaleString("en-US")} flights had no stored map track (detected before tracks were stored packed): packed from their positions`);
  const pool = dbPool();
  await publishSampleFindings(pool);
  await pool.query("ANALYZE");
  const { rows } = await pool.query<{ positions: string; flights: string; flagged: string; published: string }>(
    `SELECT (SELECT sum(positions) FROM position_day_counts)::bigint AS positions, (SELECT count(*) FROM flights)::bigint AS flights,
            (SELECT count(DISTINCT (icao24, flight_id)) FROM flags)::bigint AS flagged,
            (SELECT count(*) FROM reviews WHERE published)::bigint AS published`,
  );
  await closeDbPool();
  const n = (v: string | undefined) => Number(v ?? 0).toLocaleString("en-US");
  const r = rows[0];
  return {
    summary: `${n(r?.positions)} positions, ${n(r?.flights)} flights, ${n(r?.flagged)} flagged, ${n(r?.published)} published`,
    analyst,
  };
}

