import fs from "node:fs";
import path from "node:path";
import { formatAircraft } from "../../../../fixtures/scenario/format-files";
import { spawn } from "node:child_process";
import { PROJECT_ROOT } from "../../../infra/project-root";
import { dayFileName } from "./day-file-name";
import { buildRegionalFleet } from "./regional-fleet";
import { writeTrafficDay, type TrafficDaySummary } from "./write-traffic-day";

/** Bump when the generator's output changes, so a resumed run does not mix old and new days. */
const GENERATOR_VERSION = 1;

export interface GenerateOptions {
  dir: string;
  aircraft: number;
  days: number;
  seed: number;
  /** Generator processes (generate-days-child.ts) writing days side by side; 1: in this process. */
  processes?: number;
  /** Told about each day, written or found already written. */
  onDay?: (day: GeneratedDay, reused: boolean) => void;
}

export type GeneratedDay = Omit<TrafficDaySummary, "perAircraft"> & {
  file: string;
  aircraftSeen: number;
  /** Peak RSS of the process that wrote it, so far: memory must stay flat day after day. */
  generatorPeakMb: number;
};

export interface GeneratedTraffic {
  aircraftFile: string;
  files: GeneratedDay[];
  positions: number;
}

interface Manifest {
  version: number;
  aircraft: number;
  seed: number;
  days: Record<string, GeneratedDay>;
}


/**
 * Write (or find) one gzip OpenSky CSV per day under `dir`, plus the fleet's aircraft.csv
 * (OpenSky aircraft-database format). A day is written to a `.part` file and renamed when
 * complete; `manifest.json` remembers the finished days, so an interrupted run resumes where
 * it stopped and a finished one is not redone.
 */
export async function generateRegionalTraffic(options: GenerateOptions): Promise<GeneratedTraffic> {
  fs.mkdirSync(options.dir, { recursive: true });
  const fleet = buildRegionalFleet(options.aircraft, options.seed);
  const aircraftFile = path.join(options.dir, "aircraft.csv");
  fs.writeFileSync(aircraftFile, formatAircraft(fleet.map((a) => a.identity)));

  const manifestFile = path.join(options.dir, "manifest.json");
  const found = readManifest(manifestFile);
  const manifest: Manifest =
    found && found.version === GENERATOR_VERSION && found.aircraft === options.aircraft && found.seed === options.seed
      ? found
      : { version: GENERATOR_VERSION, aircraft: options.aircraft, seed: options.seed, days: {} };
  const files = new Map<number, GeneratedDay>();
  const missing: number[] = [];
  for (let day = 0; day < options.days; day++) {
    const known = manifest.days[String(day)];
    if (known && fs.existsSync(known.file) && fs.statSync(known.file).size === known.bytes) {
      files.set(day, known);
      options.onDay?.(known, true);
    } else missing.push(day);
  }
  const record = (done: GeneratedDay) => {
    manifest.days[String(done.day)] = done;
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    files.set(done.day, done);
    options.onDay?.(done, false);
  };
  const processes = Math.min(options.processes ?? 1, missing.length);
  if (processes <= 1) {
    for (const day of missing) {
      const file = path.join(options.dir, dayFileName(day));
      const { perAircraft, ...summary } = await writeTrafficDay(`${file}.part`, fleet, day, options.seed);
      fs.renameSync(`${file}.part`, file);
      record({ ...summary, file, aircraftSeen: Object.keys(perAircraft).length, generatorPeakMb: process.resourceUsage().maxRSS / 1024 });
    }
  } else {
    // Days dealt round-robin, so each process writes every n-th day and they finish together.
    const shares = Array.from({ length: processes }, (_, k) => missing.filter((_, i) => i % processes === k));
    await Promise.all(shares.map((days) => generateInChild(options, days, record)));
  }
  const ordered = [...files.values()].sort((a, b) => a.day - b.day);
  return { aircraftFile, files: ordered, positions: ordered.reduce((sum, f) => sum + f.positions, 0) };
}

function generateInChild(options: GenerateOptions, days: number[], record: (day: GeneratedDay) => void): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "lib/cli/bench/scale/generate-days-child.ts", options.dir, String(options.aircraft), String(options.seed), days.join(",")],
    { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  let partial = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) record(JSON.parse(line) as GeneratedDay);
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`generator process for days ${days.join(",")} exited ${code}`))));
  });
}

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  } catch {
    return null;
  }
}

/** The files an earlier run wrote to `dir` (--skip-generate): every day its manifest lists, checked on disk. */
export function readGeneratedTraffic(dir: string, days: number): GeneratedTraffic {
  const manifest = readManifest(path.join(dir, "manifest.json"));
  if (!manifest) throw new Error(`no manifest.json in ${dir}: generate the files first (without --skip-generate)`);
  const files: GeneratedDay[] = [];
  for (let day = 0; day < days; day++) {
    const known = manifest.days[String(day)];
    if (!known) break;
    if (!fs.existsSync(known.file) || fs.statSync(known.file).size !== known.bytes) throw new Error(`${known.file} is missing or incomplete: generate again`);
    files.push(known);
  }
  if (files.length === 0) throw new Error(`${dir} holds no generated day`);
  return { aircraftFile: path.join(dir, "aircraft.csv"), files, positions: files.reduce((sum, f) => sum + f.positions, 0) };
}
