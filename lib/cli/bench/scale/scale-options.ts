import { parseArgs } from "node:util";

export interface ScaleOptions {
  aircraft: number;
  days: number;
  seed: number;
  dir: string | null;
  keep: boolean;
  skipGenerate: boolean;
  /** Serve the existing production build even when the sources changed since. */
  reuseBuild: boolean;
  /** Only the disk and the pages, on a database an earlier run kept (--keep). */
  pagesOnly: boolean;
  databaseUrl: string | null;
  pages: boolean;
  /** Generator processes writing days side by side. */
  generators: number;
  /** Day files per `import` child: 1 (a daily feed) or more, to pay the CLI's start-up less often. */
  filesPerImport: number;
  /** autocannon clients and seconds per page. */
  connections: number;
  durationS: number;
  /** Print the table of an earlier run's JSON (e.g. one stopped midway) and do nothing else. */
  report: string | null;
  /** Where the JSON results go; default `.data/bench/scale-<time>.json`. */
  out: string | null;
}

export const SCALE_USAGE = `npm run bench:scale [-- options]
  --aircraft N        aircraft in the fleet (default 1500; ~244 positions per aircraft-day)
  --days N            days of traffic, one gzip OpenSky CSV each (default 30)
  --seed N            generator seed (default 20240720)
  --dir PATH          where the files (and the embedded database) go; reused on a re-run
  --keep              keep the files and the embedded database afterwards
  --skip-generate     import the files already in --dir
  --generators N      generator processes side by side (default 2)
  --files-per-import N  day files per \`npm run cli -- import\` child (default 1)
  --database-url URL  a database of your own instead of the embedded scratch server
  --pages / --no-pages  measure the pages under load afterwards (default on)
  --pages-only        only the disk and the pages, on the database a --keep run left in --dir
                      (or at --database-url)
  --reuse-build       serve the existing production build even if older than the sources
  --connections N --duration S   autocannon clients and seconds per page (20, 10)
  --out FILE          the JSON results (default .data/bench/scale-<time>.json)
  --report FILE       print the table of an earlier run's JSON (one stopped midway too)`;

export class ScaleUsageError extends Error {}

export function parseScaleOptions(argv: readonly string[]): ScaleOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        aircraft: { type: "string" }, days: { type: "string" }, seed: { type: "string" }, dir: { type: "string" },
        keep: { type: "boolean" }, "skip-generate": { type: "boolean" }, "database-url": { type: "string" },
        pages: { type: "boolean" }, "no-pages": { type: "boolean" }, "files-per-import": { type: "string" }, "pages-only": { type: "boolean" }, "reuse-build": { type: "boolean" }, generators: { type: "string" }, connections: { type: "string" }, duration: { type: "string" },
        out: { type: "string" }, report: { type: "string" }, help: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new ScaleUsageError(`${(error as Error).message}\n${SCALE_USAGE}`);
  }
  if (parsed.help) throw new ScaleUsageError(SCALE_USAGE);
  const count = (name: string, value: string | undefined, fallback: number, min: number) => {
    if (value === undefined) return fallback;
    const n = Number(value.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < min) throw new ScaleUsageError(`--${name} takes a whole number ≥ ${min}, not "${value}"`);
    return n;
  };
  const skipGenerate = parsed["skip-generate"] ?? false;
  if (skipGenerate && !parsed.dir) throw new ScaleUsageError("--skip-generate needs --dir, where the files are");
  const pagesOnly = parsed["pages-only"] ?? false;
  if (pagesOnly && !parsed.dir && !parsed["database-url"]) throw new ScaleUsageError("--pages-only needs the kept database: --dir of a --keep run, or --database-url");
  if (pagesOnly && parsed["no-pages"]) throw new ScaleUsageError("--pages-only and --no-pages contradict each other");
  if (parsed.pages && parsed["no-pages"]) throw new ScaleUsageError("--pages and --no-pages contradict each other");
  return {
    aircraft: count("aircraft", parsed.aircraft, 1500, 1),
    days: count("days", parsed.days, 30, 1),
    seed: count("seed", parsed.seed, 20240720, 0),
    dir: parsed.dir ?? null,
    keep: parsed.keep ?? false,
    skipGenerate,
    pagesOnly,
    reuseBuild: parsed["reuse-build"] ?? false,
    databaseUrl: parsed["database-url"] ?? null,
    pages: !(parsed["no-pages"] ?? false),
    generators: count("generators", parsed.generators, 2, 1),
    filesPerImport: count("files-per-import", parsed["files-per-import"], 1, 1),
    connections: count("connections", parsed.connections, 20, 1),
    durationS: count("duration", parsed.duration, 10, 1),
    out: parsed.out ?? null,
    report: parsed.report ?? null,
  };
}
