/**
 * `npm run bench:ingest [-- --rows N]`: the whole import of an N-row (default 1,000,000)
 * OpenSky CSV against `psql \copy` of the same rows into the same positions table, on a
 * scratch database. Prints both times, the ratio, and the importer's peak memory.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "../../infra/migrate";
import { PROJECT_ROOT } from "../../infra/project-root";
import { createScratchDatabase } from "../../infra/scratch-database";
import { CANONICAL_COLUMNS, writeSyntheticFiles } from "./synthetic-opensky-file";

const rowsArg = process.argv.indexOf("--rows");
const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1_000_000;
const psql = ["/usr/bin/psql", "/usr/lib/postgresql/15/bin/psql"].find((p) => fs.existsSync(p)) ?? "psql";
try {
  execFileSync(psql, ["--version"], { stdio: "ignore" });
} catch {
  console.error("bench:ingest needs psql for the comparison: apt-get install -y postgresql-client");
  process.exit(1);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-bench-"));
const openskyPath = path.join(dir, "bench_opensky.csv");
const canonicalPath = path.join(dir, "bench_positions.csv");
const database = await createScratchDatabase({ durable: true });
try {
  await migrateDatabase(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows: batch } = await client.query<{ id: string }>(
    `INSERT INTO import_batches (sha256, file_name, format, status, size_bytes) VALUES (repeat('0', 64), 'psql', 'psql', 'COMMITTED', 0) RETURNING id::text`,
  );
  console.log(`generating ${rows.toLocaleString("en-US")} rows in ${dir} …`);
  await writeSyntheticFiles(rows, openskyPath, canonicalPath, Number(batch[0]!.id));
  const sizeMb = fs.statSync(openskyPath).size / 1e6;

  // Both runs start from an empty positions table on the same server.
  const psqlStart = performance.now();
  execFileSync(psql, [database.url, "-v", "ON_ERROR_STOP=1", "-c", `\\copy positions (${CANONICAL_COLUMNS}) FROM '${canonicalPath}' CSV`], { stdio: "inherit" });
  const psqlMs = performance.now() - psqlStart;
  await client.query("TRUNCATE positions");
  await client.query("VACUUM ANALYZE positions");

  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/bench/import-child.ts", openskyPath], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`the import failed:\n${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { wallMs: number; peakRssMb: number; accepted: number; status: string };
  await client.end();

  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\ningest benchmark: ${rows.toLocaleString("en-US")} rows, ${sizeMb.toFixed(1)} MB OpenSky CSV`);
  console.log(`  psql \\copy (canonical CSV → positions)   ${fmt(psqlMs)}  (${Math.round(rows / (psqlMs / 1000)).toLocaleString("en-US")} rows/s)`);
  console.log(`  darkflight import (parse, validate, COPY, move, keep original)  ${fmt(result.wallMs)}  (${Math.round(rows / (result.wallMs / 1000)).toLocaleString("en-US")} rows/s), ${result.accepted.toLocaleString("en-US")} accepted`);
  console.log(`  ratio import / psql: ${(result.wallMs / psqlMs).toFixed(2)} (target ≤ 1.5)`);
  console.log(`  importer peak memory (max RSS): ${result.peakRssMb.toFixed(0)} MB (target < 300 MB)`);
} finally {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
}
