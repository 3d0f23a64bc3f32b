import crypto from "node:crypto";
import path from "node:path";
import { encodeMapTrack } from "../../core/flights/map-track";
import { PROJECT_ROOT } from "../../infra/project-root";
import { closeDbPool, dbPool } from "../../server/db/pool";
import { loadDemoDataIfEmpty } from "../../server/demo/load-demo-data";
import { loadTrackPositions } from "../../server/flights/load-track-positions";
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
  if (filled > 0) log(`${filled.toLocaleString("en-US")} flights had no stored map track (detected by a version that did not write it): filled as detection does`);
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

/**
 * Flights without `map_track` (detected before detection wrote it) get it here, with the same
 * encoder detection uses, so the pages are measured as they run on freshly detected data.
 */
async function fillMissingMapTracks(): Promise<number> {
  const pool = dbPool();
  const { rows } = await pool.query<{ icao24: string; id: string; first_ms: number; last_ms: number; gap_off_ms: number[] }>(
    `SELECT f.icao24, f.id::text, (extract(epoch FROM f.first_seen) * 1000)::float8 AS first_ms, (extract(epoch FROM f.last_seen) * 1000)::float8 AS last_ms,
            ARRAY(SELECT (extract(epoch FROM e.off_time) * 1000)::float8 FROM gap_events e WHERE e.icao24 = f.icao24 AND e.flight_id = f.id) AS gap_off_ms
       FROM flights f WHERE f.map_track IS NULL`,
  );
  for (const f of rows) {
    const positions = await loadTrackPositions(f.icao24.trim(), f.first_ms, f.last_ms);
    const track = encodeMapTrack(positions, f.gap_off_ms.map((offTimeMs) => ({ offTimeMs })));
    await pool.query(`UPDATE flights SET map_track = $3 WHERE icao24 = $1 AND id = $2`, [f.icao24, f.id, Buffer.from(track)]);
  }
  return rows.length;
}
