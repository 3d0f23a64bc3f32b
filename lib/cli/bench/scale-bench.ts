/**
 * `npm run bench:scale [-- options]`: a month of regional traffic on this machine. Generates
 * (default) 30 days × 1,500 aircraft over the Caribbean, ≈ 11 M positions, one gzip OpenSky CSV
 * per day (lib/cli/bench/scale/); imports them with the real CLI, one child per file, on a fresh
 * database (an embedded durable PostgreSQL, or --database-url); runs `detect --all`; measures
 * the disk per position and the pages under load (web-bench-run.ts). Prints rows/s, positions/s,
 * the peak RSS of every process (each CLI child's tree, the PostgreSQL server's processes summed,
 * the web server) and writes the figures as JSON after every step (and every import), so a run
 * stopped midway keeps what it measured; with --dir and --keep the next run resumes (days already
 * written are reused, files already imported are answered by the importer). `--help` lists the options.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../../infra/project-root";
import { generateRegionalTraffic, readGeneratedTraffic, type GeneratedTraffic } from "./scale/generate-traffic";
import { measurePages } from "./scale/measure-pages";
import { ServerSampler } from "./scale/process-memory";
import { describeFailure, runCli, type CliRun } from "./scale/run-cli";
import { importedBatches, measureDatabase, measureDiskSoFar, openScaleDatabase, watchOtherBackends, type ScaleDatabase } from "./scale/scale-database";
import { parseScaleOptions, ScaleUsageError, type ScaleOptions } from "./scale/scale-options";
import { printScaleReport, saveResults, type CliStep, type ScaleResults } from "./scale/scale-report";

let options: ScaleOptions;
try {
  options = parseScaleOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof ScaleUsageError)) throw error;
  const help = process.argv.includes("--help");
  (help ? console.log : console.error)(error.message);
  process.exit(help ? 0 : 2);
}

if (options.report) {
  printScaleReport(JSON.parse(fs.readFileSync(options.report, "utf8")) as ScaleResults);
  process.exit(0);
}

const startedMs = Date.now();
const log = (message: string) => {
  const elapsedS = Math.round((Date.now() - startedMs) / 1000);
  console.log(`[${String(Math.floor(elapsedS / 60)).padStart(2, "0")}:${String(elapsedS % 60).padStart(2, "0")}] ${message}`);
};
const workDir = options.dir ? path.resolve(options.dir) : fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-scale-"));
const outFile = path.resolve(options.out ?? path.join(PROJECT_ROOT, ".data", "bench", `scale-${new Date().toISOString().replace(/[:.]/g, "-")}.json`));
const results: ScaleResults = {
  startedAt: new Date(startedMs).toISOString(),
  updatedAt: "",
  status: "generating",
  machine: { cores: os.cpus().length, loadAverage1m: os.loadavg(), node: process.version, database: options.databaseUrl ? "external PostgreSQL" : "embedded PostgreSQL (durable)" },
  options: { ...options, databaseUrl: options.databaseUrl ? "(given)" : null },
  generation: null,
  registry: null,
  imports: [],
  importTotals: null,
  detection: null,
  cliStartup: null,
  server: {},
  database: null,
  pages: null,
  failures: [],
};
const save = () => saveResults(outFile, results);
const step = (label: string, run: CliRun): CliStep => ({
  label, exitCode: run.exitCode, wallMs: run.wallMs, peakMb: run.peakMb, peakTreeRssMb: run.peakTreeRssMb, processes: run.processes,
});

let database: ScaleDatabase | null = null;

try {
  if (options.pagesOnly && !options.databaseUrl && !fs.existsSync(path.join(workDir, "database", "postgres"))) {
    throw new Error(`no kept database in ${workDir}/database: run with --keep first`);
  }
  const traffic = options.pagesOnly ? null : await generate();
  results.status = "opening the database";
  log(`opening the database (${options.databaseUrl ? "--database-url" : `embedded, in ${path.join(workDir, "database")}`}) …`);
  database = await openScaleDatabase({ databaseUrl: options.databaseUrl ?? undefined, dataDir: path.join(workDir, "database"), log });
  results.machine.database = database.description;
  const others = watchOtherBackends(database.url);
  const serverPhase = () => (database!.postmasterPid === null ? null : new ServerSampler(database!.postmasterPid, others.current));
  try {
    if (traffic) await importAndDetect(traffic, database, serverPhase);

    results.status = "measuring the disk";
    log("measuring the database (count and sizes) …");
    results.database = await measureDatabase(database.url);
    save();

    if (options.pages) {
      results.status = "measuring the pages";
      log("pages under load …");
      const server = serverPhase();
      try {
        results.pages = await measurePages({ databaseUrl: database.url, connections: options.connections, durationS: options.durationS, reuseBuild: options.reuseBuild, log });
      } catch (error) {
        results.failures.push(`pages: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (server) results.server.pages = server.stop();
    }
    results.status = "complete";
  } finally {
    await others.stop();
  }
} catch (error) {
  results.failures.push(`${results.status}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  results.status = `failed while ${results.status}`;
  process.exitCode = 1;
} finally {
  save();
  printScaleReport(results);
  console.log(`\nresults: ${outFile}`);
  await database?.close(options.keep || options.pagesOnly).catch((error: unknown) => console.error(`stopping the database: ${String(error)}`));
  if (options.keep || options.dir) console.log(`files kept in ${workDir}${options.keep && !options.databaseUrl ? " (with the embedded database: re-run with the same --dir to resume)" : ""}`);
  else fs.rmSync(workDir, { recursive: true, force: true });
  if (results.failures.length > 0) process.exitCode = 1;
}

/** Registry, then the day files through `npm run cli -- import`, then `detect --all`, then one idle import. */
async function importAndDetect(traffic: GeneratedTraffic, database: ScaleDatabase, serverPhase: () => ServerSampler | null): Promise<void> {
  results.status = "importing";
  let server = serverPhase();
  const registry = await runCli(["import-aircraft", traffic.aircraftFile], { databaseUrl: database.url, rssDir: workDir, echoPrefix: "    " });
  results.registry = step("import-aircraft", registry);
  if (registry.exitCode !== 0) results.failures.push(describeFailure(registry));
  // Position batches only: the registry's batch is counted before.
  const before = await importedBatches(database.url, 0);
  for (let at = 0; at < traffic.files.length; at += options.filesPerImport) {
    const group = traffic.files.slice(at, at + options.filesPerImport);
    const positions = group.reduce((sum, f) => sum + f.positions, 0);
    log(`import ${group.map((f) => path.basename(f.file)).join(" ")} (${positions.toLocaleString("en-US")} positions)`);
    const run = await runCli(["import", ...group.map((f) => f.file)], { databaseUrl: database.url, rssDir: workDir, echoPrefix: "    " });
    const detection = run.stdoutTail.map((line) => /^detection: .*\(([\d.]+) s\)$/.exec(line)).find(Boolean);
    results.imports.push({
      ...step("import", run),
      file: group.map((f) => path.basename(f.file)).join(" "),
      incrementalDetectionS: detection ? Number(detection[1]) : null,
      diskAfter: await measureDiskSoFar(database.url).catch(() => null),
    });
    if (run.exitCode !== 0) results.failures.push(describeFailure(run));
    save();
  }
  const batches = await importedBatches(database.url, before.lastId);
  results.importTotals = {
    rows: batches.rows, duplicates: batches.duplicates, rejected: batches.rejected, batches: batches.batches,
    wallMs: results.imports.reduce((sum, i) => sum + i.wallMs, 0),
    incrementalDetectionS: results.imports.reduce((sum, i) => sum + (i.incrementalDetectionS ?? 0), 0),
  };
  if (server) results.server.imports = server.stop();
  save();

  results.status = "detecting";
  log("detect --all …");
  server = serverPhase();
  const run = await runCli(["detect", "--all", "--json"], { databaseUrl: database.url, rssDir: workDir });
  const summary = lastJsonObject(run.stdoutTail);
  const field = (name: string) => (typeof summary?.[name] === "number" ? (summary[name] as number) : null);
  results.detection = { ...step("detect --all", run), positions: field("positions"), flights: field("flights"), flags: field("flags"), gaps: field("gaps"), totalMs: field("totalMs") };
  if (run.exitCode !== 0) results.failures.push(describeFailure(run));
  if (server) results.server.detection = server.stop();
  save();

  if (traffic.files.length > 0) {
    // What every CLI child pays before its work (migrations check, reference data): an import
    // of a file already imported, answered with its batch.
    const run = await runCli(["import", traffic.files[0]!.file], { databaseUrl: database.url, rssDir: workDir });
    results.cliStartup = step("import of an already imported file", run);
  }
}

async function generate(): Promise<GeneratedTraffic> {
  const t0 = performance.now();
  let reused = 0;
  const traffic = options.skipGenerate
    ? readGeneratedTraffic(workDir, options.days)
    : await generateRegionalTraffic({
        dir: workDir,
        aircraft: options.aircraft,
        days: options.days,
        seed: options.seed,
        processes: options.generators,
        onDay: (day, wasReused) => {
          if (wasReused) reused++;
          log(`${wasReused ? "found" : "wrote"} ${path.basename(day.file)}: ${day.positions.toLocaleString("en-US")} positions, ${day.aircraftSeen} aircraft, ${day.legs} legs${wasReused ? "" : `, generator peak ${day.generatorPeakMb.toFixed(0)} MB`}`);
        },
      });
  if (options.skipGenerate) reused = traffic.files.length;
  results.generation = {
    files: traffic.files.length,
    reusedFiles: reused,
    positions: traffic.positions,
    gzipBytes: traffic.files.reduce((sum, f) => sum + f.bytes, 0),
    ms: performance.now() - t0,
    peakMb: Math.max(process.resourceUsage().maxRSS / 1024, ...traffic.files.map((f) => f.generatorPeakMb ?? 0)),
  };
  save();
  log(`${traffic.positions.toLocaleString("en-US")} positions in ${traffic.files.length} files under ${workDir}`);
  return traffic;
}

/** The last pretty-printed JSON object a command wrote (`--json`), or null. */
function lastJsonObject(lines: string[]): Record<string, unknown> | null {
  for (let start = lines.length - 1; start >= 0; start--) {
    if (lines[start]!.trim() !== "{") continue;
    try {
      return JSON.parse(lines.slice(start).join("\n")) as Record<string, unknown>;
    } catch {
      return null;
    }
  }
  return null;
}
