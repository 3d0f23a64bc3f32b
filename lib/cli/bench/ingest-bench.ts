/**
 * `npm run bench:ingest [-- --rows N] [--runs K] [--server URL]`: the whole import of an N-row
 * (default 1,000,000) OpenSky CSV against `psql \copy` of the same rows into the same
 * `positions` table, on a warm server (one full \copy first, not counted), K times in each order
 * (psql first, then importer first; default 3), the table emptied and checkpointed before every
 * run. Runs on a throw-away embedded PostgreSQL and, when BENCH_DATABASE_URL or --server names a
 * running server (Debian's PostgreSQL 15 …), in a database of its own there too. Prints the
 * medians: rows/s, the ratio (the importer's whole import, what a user waits for, over psql's
 * COPY), the importer's parse + COPY phase alone, and the peak memory of the importer process
 * and of the PostgreSQL server (postmaster + auxiliaries + this database's backends, PSS).
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "../../infra/migrate";
import { PROJECT_ROOT } from "../../infra/project-root";
import { createScratchDatabase } from "../../infra/scratch-database";
import { ensurePositionPartitions } from "../../server/positions/position-partitions";
import { createDatabaseOnServer } from "../../infra/scratch-database";
import { median, ServerMemorySampler } from "./ingest-bench-support";
import { CANONICAL_COLUMNS, SYNTHETIC_START_MS, writeSyntheticFiles } from "./synthetic-opensky-file";

const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const rows = Number(arg("--rows") ?? 1_000_000);
const runsPerOrder = Number(arg("--runs") ?? 3);
const serverUrl = arg("--server") ?? process.env.BENCH_DATABASE_URL;
const psql = ["/usr/bin/psql", "/usr/lib/postgresql/15/bin/psql"].find((p) => fs.existsSync(p)) ?? "psql";
try {
  execFileSync(psql, ["--version"], { stdio: "ignore" });
} catch {
  console.error("bench:ingest needs psql for the comparison: apt-get install -y postgresql-client");
  process.exit(1);
}

interface Sample {
  ms: number;
  serverMb: number;
  copyPhaseMs?: number;
  rssMb?: number;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-bench-"));
const openskyPath = path.join(dir, "bench_opensky.csv");
const canonicalPath = path.join(dir, "bench_positions.csv");
try {
  console.log(`generating ${rows.toLocaleString("en-US")} rows in ${dir} …`);
  await writeSyntheticFiles(rows, openskyPath, canonicalPath, 0);
  const sizeMb = fs.statSync(openskyPath).size / 1e6;
  console.log(`ingest benchmark: ${rows.toLocaleString("en-US")} rows, ${sizeMb.toFixed(1)} MB OpenSky CSV, ${runsPerOrder} run(s) in each order`);
  // The embedded server is never the one DATABASE_URL names.
  delete process.env.DATABASE_URL;
  delete process.env.TEST_DATABASE_URL;
  console.log((await benchServer("embedded PostgreSQL", () => createScratchDatabase({ durable: true }))).join("\n"));
  if (serverUrl) console.log((await benchServer(new URL(serverUrl).host, () => createDatabaseOnServer(serverUrl))).join("\n"));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

async function benchServer(label: string, create: () => Promise<{ url: string; drop(): Promise<void> }>): Promise<string[]> {
  const database = await create();
  const client = new pg.Client({ connectionString: database.url });
  const sampler = { current: undefined as ServerMemorySampler | undefined };
  try {
    await migrateDatabase(database.url);
    await client.connect();
    const version = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    await ensurePositionPartitions(pool, [SYNTHETIC_START_MS]);
    await pool.end();
    sampler.current = await ServerMemorySampler.open(database.url);
    const empty = async () => {
      await client.query(
        "TRUNCATE positions, position_day_counts, reception_visits, reception_cells, detection_requests, aircraft, import_batches, stored_files CASCADE",
      );
      await client.query("CHECKPOINT");
    };
    console.log(`${label} (PostgreSQL ${version}): warm-up \\copy …`);
    await runPsql(database.url);
    const psqlRuns: Sample[] = [];
    const importRuns: Sample[] = [];
    const psqlFirst: number[] = [];
    const importerFirst: number[] = [];
    for (let run = 0; run < 2 * runsPerOrder; run++) {
      const order = run < runsPerOrder ? ["psql", "import"] : ["import", "psql"];
      const pair: Record<string, Sample> = {};
      for (const tool of order) {
        await empty();
        sampler.current.start();
        const sample = tool === "psql" ? await runPsql(database.url) : await runImport(database.url);
        pair[tool] = { ...sample, serverMb: await sampler.current.stop() };
      }
      psqlRuns.push(pair.psql!);
      importRuns.push(pair.import!);
      (order[0] === "psql" ? psqlFirst : importerFirst).push(pair.import!.ms / pair.psql!.ms);
      console.log(`  run ${run + 1} (${order.join(" → ")}): psql ${seconds(pair.psql!.ms)}, import ${seconds(pair.import!.ms)} (COPY phase ${seconds(pair.import!.copyPhaseMs!)})`);
    }
    const psqlMs = median(psqlRuns.map((s) => s.ms));
    const importMs = median(importRuns.map((s) => s.ms));
    const copyMs = median(importRuns.map((s) => s.copyPhaseMs!));
    const rate = (ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en-US")} rows/s`;
    return [
      `\n${label}, PostgreSQL ${version} (medians of ${psqlRuns.length}):`,
      `  psql \\copy (canonical CSV → positions)     ${seconds(psqlMs)}  ${rate(psqlMs)}`,
      `  darkflight import, whole                   ${seconds(importMs)}  ${rate(importMs)}`,
      `    of which parse + COPY phase              ${seconds(copyMs)}  ${rate(copyMs)}`,
      `  ratio import / psql: ${(importMs / psqlMs).toFixed(2)} (target ≤ 1.5); psql first ${median(psqlFirst).toFixed(2)}, importer first ${median(importerFirst).toFixed(2)}`,
      `  COPY phase / psql: ${(copyMs / psqlMs).toFixed(2)}`,
      `  peak memory: importer ${Math.max(...importRuns.map((s) => s.rssMb!)).toFixed(0)} MB RSS (target < 300 MB); ` +
        `server during psql ${Math.max(...psqlRuns.map((s) => s.serverMb)).toFixed(0)} MB, during import ${Math.max(...importRuns.map((s) => s.serverMb)).toFixed(0)} MB (PSS)`,
    ];
  } finally {
    await sampler.current?.close();
    await client.end().catch(() => undefined);
    await database.drop();
  }
}

async function runPsql(url: string): Promise<{ ms: number }> {
  const started = performance.now();
  await run(psql, [url, "-q", "-v", "ON_ERROR_STOP=1", "-c", `\\copy positions (${CANONICAL_COLUMNS}) FROM '${canonicalPath}' CSV`], {});
  return { ms: performance.now() - started };
}

async function runImport(url: string): Promise<{ ms: number; copyPhaseMs: number; rssMb: number }> {
  const stdout = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/bench/import-child.ts", openskyPath], {
    DATABASE_URL: url,
  });
  const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as { wallMs: number; copyPhaseMs: number; peakRssMb: number; accepted: number; status: string };
  if (result.status !== "imported" || result.accepted !== rows) throw new Error(`the import did not take every row: ${stdout}`);
  return { ms: result.wallMs, copyPhaseMs: result.copyPhaseMs, rssMb: result.peakRssMb };
}

function run(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${path.basename(command)} failed (${code}):\n${stderr}`))));
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
