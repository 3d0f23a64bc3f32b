/**
 * `npm run bench:detect [-- --positions N --aircraft A]`: detection over N (default 1,000,000)
 * positions of A (default 1,000) aircraft flying Caribbean legs, imported through the real
 * importer into a scratch database. Times (a) the data layer, `runDetection({ all: true })`:
 * load via COPY, read the reception map, detect, store; and (b) the pure core alone on the same
 * tracks: detectAircraft for every aircraft, in memory, with the map's answers loaded beforehand. Each runs in its own process, so each peak
 * memory is its own. Targets: ≥ 500,000 positions/s, peak RSS ≤ 300 MB for (a). Then (c) the dashboard's reads on the same
 * data: overview, queue, flight page (pages-child.ts).
 * `--database <url>` runs on that database instead of a scratch one, and keeps it: data already
 * imported there (at least N positions) is reused, so the runs can be repeated without importing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "../../infra/migrate";
import { PROJECT_ROOT } from "../../infra/project-root";
import { createScratchDatabase } from "../../infra/scratch-database";
import type { CoreResult, DataLayerResult, DetectionCounts } from "./detect-child";
import type { PagesResult } from "./pages-child";
import { runNodeChild } from "../../infra/run-node-child";
import { writeSyntheticTraffic } from "./synthetic-caribbean-traffic";

const TARGET_PER_S = 500_000;
/** The data layer's heap limit, MB (node --max-old-space-size). */
const OLD_SPACE_MB = 192;
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const minPositions = arg("--positions", 1_000_000);
const aircraft = arg("--aircraft", 1_000);
const keptUrl = process.argv.includes("--database") ? process.argv[process.argv.indexOf("--database") + 1] : undefined;

/** Run a bench child script with the scratch database and parse its last stdout line. */
async function runChild<T>(script: string, args: string[], databaseUrl: string, nodeFlags: string[] = []): Promise<T> {
  const child = await runNodeChild([...nodeFlags, "--conditions=react-server", "--import", "tsx", script, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdout: "capture",
  });
  if (child.status !== 0) throw new Error(`${script} ${args.join(" ")} failed (exit ${child.status ?? child.signal}; its errors are above)`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as T;
}

const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (positions: number, ms: number) => positions / (ms / 1000);
const verdict = (perS: number) => (perS >= TARGET_PER_S ? "reaches the target" : `misses the target (${((perS / TARGET_PER_S) * 100).toFixed(0)} %)`);
const counts = (c: DetectionCounts) =>
  `${fmtInt(c.flights)} flights, ${fmtInt(c.flags)} flags (${Object.entries(c.flagsByKind).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${fmtInt(n)}`).join(", ") || "none"}), ` +
  `${fmtInt(c.gaps)} gaps (${fmtInt(c.suspectedGaps)} suspected)`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-detect-bench-"));
const csvPath = path.join(dir, "bench_caribbean_opensky.csv");
const database = keptUrl ? { url: keptUrl, drop: async () => undefined } : await createScratchDatabase({ durable: true });
try {
  await migrateDatabase(database.url);
  if (!keptUrl || (await countPositions(database.url)) < minPositions) await generateAndImport(database.url);
  await detectAndRead(database.url);
} finally {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function countPositions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM positions`);
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

async function generateAndImport(databaseUrl: string): Promise<void> {
  console.log(`generating ≥ ${fmtInt(minPositions)} positions of ${fmtInt(aircraft)} aircraft in ${dir} …`);
  const generated = await writeSyntheticTraffic(csvPath, { aircraft, minPositions, seed: 20240801 });
  const sizeMb = fs.statSync(csvPath).size / 1e6;
  const hours = (generated.lastTimeS - generated.firstTimeS) / 3600;
  console.log(
    `  ${fmtInt(generated.positions)} positions, ${generated.legs} legs, ${generated.silences} mid-air silences, ${hours.toFixed(1)} h, ${sizeMb.toFixed(1)} MB`,
  );

  console.log("importing through the real importer …");
  const imported = await runChild<{ wallMs: number; accepted: number; status: string }>("lib/cli/bench/import-child.ts", [csvPath], databaseUrl);
  if (imported.status !== "imported" || imported.accepted !== generated.positions) {
    throw new Error(`import ${imported.status}: ${imported.accepted} of ${generated.positions} positions accepted`);
  }
  console.log(`  ${fmtInt(imported.accepted)} accepted in ${fmtS(imported.wallMs)}`);
}

async function detectAndRead(databaseUrl: string): Promise<void> {
  const [load1, load5] = os.loadavg();
  console.log(`detecting (load average ${load1!.toFixed(2)} / ${load5!.toFixed(2)} on ${os.cpus().length} cores before the runs) …`);
  // V8 lets garbage pile up to its heap limit before collecting: the live set of a batch is small, so
  // a modest old-space limit (as the CLI and the worker should run with) keeps the peak down.
  const layer = await runChild<DataLayerResult>("lib/cli/bench/detect-child.ts", ["data-layer"], databaseUrl, [`--max-old-space-size=${OLD_SPACE_MB}`]);
  const core = await runChild<CoreResult>("lib/cli/bench/detect-child.ts", ["core"], databaseUrl);
  const coreMs = core.detectMs;
  const layerPerS = rate(layer.positions, layer.wallMs);
  const corePerS = rate(core.positions, coreMs);

  console.log(`\ndetection benchmark: ${fmtInt(layer.positions)} positions, ${fmtInt(layer.aircraft)} aircraft (target ≥ ${fmtInt(TARGET_PER_S)} positions/s)`);
  console.log(`  (a) data layer, runDetection({ all: true })   ${fmtS(layer.wallMs)}  ${fmtInt(layerPerS)} positions/s: ${verdict(layerPerS)}`);
  console.log(`      of which the detect loop ${fmtS(layer.detectMs)}; load via COPY + reception map + store + commit ${fmtS(layer.wallMs - layer.detectMs)}`);
  if (layer.postgresCpuMs !== null) {
    // Both sides' CPU on this machine's cores bounds the wall time from below, however well they overlap.
    const cores = os.cpus().length;
    const floorMs = (layer.cpuMs + layer.postgresCpuMs) / cores;
    console.log(
      `      CPU: this process ${fmtS(layer.cpuMs)}, PostgreSQL ${fmtS(layer.postgresCpuMs)} (at least); on ${cores} cores no run of this work takes under ${fmtS(floorMs)} ` +
        `(${fmtInt(rate(layer.positions, floorMs))} positions/s)`,
    );
    if (layer.postgresCopyCpuMs !== null) {
      console.log(
        `      PostgreSQL's part: the aircraft-ordered read (one COPY) ${fmtS(layer.postgresCopyCpuMs)}, ` +
          `everything else (reception map, silences' questions, storing, background) ${fmtS(layer.postgresCpuMs - layer.postgresCopyCpuMs)}`,
      );
    }
  }
  console.log(`      ${counts(layer)}`);
  console.log(`      peak memory (max RSS) ${layer.peakRssMb.toFixed(0)} MB with --max-old-space-size=${OLD_SPACE_MB} (target ≤ 300 MB whatever the data size: batches of ~60,000 positions)`);
  console.log(`  (b) pure core, detectAircraft                  ${fmtS(coreMs)}  ${fmtInt(corePerS)} positions/s: ${verdict(corePerS)}`);
  console.log(`      detectAircraft ${fmtS(core.detectMs)}; (untimed: loading the tracks ${fmtS(core.loadMs)}, the reception map's answers ${fmtS(core.receptionMs)})`);
  console.log(`      ${counts(core)}`);
  console.log(`      peak memory (max RSS, tracks loaded in memory included) ${core.peakRssMb.toFixed(0)} MB`);
  if (core.flights !== layer.flights || core.flags !== layer.flags || core.gaps !== layer.gaps) {
    console.log("  WARNING: the core and the data layer disagree on the counts");
  }

  // The dashboard's reads on the same data (target: answered from indexes and stored aggregates).
  const pages = await runChild<PagesResult>("lib/cli/bench/pages-child.ts", [], databaseUrl);
  console.log(
    `\ndashboard reads: ${fmtInt(pages.positions)} positions, ${fmtInt(pages.flights)} flights, ${fmtInt(pages.flagged)} flagged, ${fmtInt(pages.published)} published (median of 5)`,
  );
  for (const [name, ms] of Object.entries(pages.timingsMs)) console.log(`  ${name.padEnd(48)} ${ms.toFixed(1)} ms`);
  console.log(
    pages.positionScans.length === 0
      ? "  no query plan scans the positions table sequentially"
      : `  WARNING: sequential scans of positions in: ${pages.positionScans.join(", ")}`,
  );
}
