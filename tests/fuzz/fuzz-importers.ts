/**
 * `npm run fuzz [-- --mutations N] [--seed S]`: mutation fuzzing of the position importers.
 *
 * Mutates the real samples in ../shared/data/real (and an SBS-1 feed rendered from the real
 * readsb trace) with a seeded PRNG (see mutate-sample.ts), imports each mutated file through
 * importPositionsFile into a scratch database, and after each import checks the database:
 * positions = the sum of the committed batches' accepted rows, and no batch left RUNNING.
 * Prints counts of imported / refused files, rejected rows, crashes (exceptions other than the
 * importer's own ImportFailedError, hangs, unhandled errors) and raw database errors (messages
 * that look like PostgreSQL's). Exit code 1 when there was any crash, raw error or inconsistency.
 * Re-run one finding with the same --seed and --mutations.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { migrateDatabase } from "../../lib/infra/migrate";
import { createScratchDatabase } from "../../lib/infra/scratch-database";
import { closeDbPool, dbPool } from "../../lib/server/db/pool";
import { ImportFailedError } from "../../lib/server/ingest/import-failed-error";
import { importPositionsFile, type ImportOutcome } from "../../lib/server/ingest/import-positions-file";
import { SHARED_DATA_DIR } from "../support/shared-data";
import { mutateSample, seededRandom } from "./mutate-sample";

const RAW_DATABASE_TEXT =
  /invalid input syntax|out of range for type|invalid byte sequence|index row requires|protocol synchronization|violates .* constraint|duplicate key|value too long for type|deadlock detected|COPY \w+, line|syntax error at|terminating connection|current transaction is aborted|relation ".*" does not exist/i;
const SAMPLE_LINES = 600;
const IMPORT_TIMEOUT_MS = 120_000;

interface Sample {
  name: string;
  bytes: Buffer;
  json: boolean;
  icao24?: string;
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? undefined : Number(process.argv[at + 1]);
  if (value !== undefined && !Number.isFinite(value)) throw new Error(`--${name} takes a number`);
  return value ?? fallback;
}

/** The real samples, CSVs cut to their first lines so thousands of imports stay quick. */
function loadSamples(): Sample[] {
  const dir = path.join(SHARED_DATA_DIR, "real");
  const samples: Sample[] = fs.readdirSync(dir).sort().map((name) => {
    const bytes = fs.readFileSync(path.join(dir, name));
    const json = name.endsWith(".json");
    const head = json ? bytes : Buffer.from(bytes.toString("utf8").split("\n").slice(0, SAMPLE_LINES).join("\n"), "utf8");
    // The Flightradar24 flight export carries no address: the importer needs one.
    return { name, bytes: head, json, ...(name === "JL516_3376ab31.csv" ? { icao24: "8467d8" } : {}) };
  });
  const trace = samples.find((s) => s.json);
  if (trace) samples.push({ name: "ac671b.sbs", bytes: sbsFromTrace(trace.bytes), json: false });
  return samples;
}

/** The real readsb trace as the SBS-1 feed a receiver would have sent (MSG 4 then MSG 3 per point). */
function sbsFromTrace(bytes: Buffer): Buffer {
  const doc = JSON.parse(bytes.toString("utf8")) as { icao: string; timestamp: number; trace: unknown[][] };
  const hex = doc.icao.toUpperCase();
  const out: string[] = [];
  for (const row of doc.trace.slice(0, SAMPLE_LINES)) {
    const when = new Date((doc.timestamp + Number(row[0])) * 1000).toISOString();
    const [date, time] = [when.slice(0, 10).replace(/-/g, "/"), when.slice(11, 23)];
    const stamp = `${date},${time},${date},${time}`;
    out.push(`MSG,4,1,1,${hex},1,${stamp},,,${row[4] ?? ""},${row[5] ?? ""},,,${row[7] ?? ""},,,,,0`);
    out.push(`MSG,3,1,1,${hex},1,${stamp},,${typeof row[3] === "number" ? row[3] : ""},,,${row[1]},${row[2]},,,,,,${row[3] === "ground" ? -1 : 0}`);
  }
  return Buffer.from(out.join("\n"), "utf8");
}

async function checkDatabase(): Promise<string | null> {
  const { rows } = await dbPool().query<{ positions: number; accepted: number; running: number }>(
    `SELECT (SELECT count(*) FROM positions)::int AS positions,
            (SELECT coalesce(sum(rows_accepted), 0) FROM import_batches WHERE status = 'COMMITTED')::int AS accepted,
            (SELECT count(*) FROM import_batches WHERE status = 'RUNNING')::int AS running`,
  );
  const { positions, accepted, running } = rows[0]!;
  if (positions !== accepted) return `positions ${positions} ≠ committed accepted rows ${accepted}`;
  return running > 0 ? `${running} batch(es) left RUNNING` : null;
}

async function main(): Promise<void> {
  const mutations = flag("mutations", 2000);
  const seed = flag("seed", 1);
  const scratch = await createScratchDatabase();
  process.env.DATABASE_URL = scratch.url;
  await migrateDatabase(scratch.url);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-fuzz-"));
  const counts = { imported: 0, alreadyImported: 0, refused: 0, rowsAccepted: 0, rowsRejected: 0, valuesDropped: 0, valuesAdjusted: 0, databaseFailures: 0, crashes: 0, rawDatabaseErrors: 0, inconsistencies: 0 };
  const findings: string[] = [];
  const note = (kind: keyof typeof counts, text: string) => {
    counts[kind] += 1;
    if (findings.length < 40) findings.push(`${kind}: ${text.slice(0, 300)}`);
  };
  let current = "";
  process.on("uncaughtException", (error) => note("crashes", `uncaught ${error.stack ?? error.message} [${current}]`));
  process.on("unhandledRejection", (error) => note("crashes", `unhandled rejection ${String(error)} [${current}]`));

  const samples = loadSamples();
  const random = seededRandom(seed);
  const startedMs = Date.now();
  try {
    for (let i = 0; i < mutations; i++) {
      const sample = samples[Math.floor(random() * samples.length)]!;
      const mutated = mutateSample(sample.bytes, random, sample.json);
      let bytes = mutated.bytes;
      let suffix = "";
      if (random() < 0.1) {
        bytes = zlib.gzipSync(bytes);
        if (random() < 0.3) bytes = bytes.subarray(0, Math.floor(random() * bytes.length));
        suffix = ".gz";
      }
      current = `#${i} ${sample.name} ${mutated.name}${suffix}`;
      const fileName = `${i}-${sample.name}${suffix}`;
      const file = path.join(tmp, fileName);
      fs.writeFileSync(file, bytes);
      try {
        const outcome = await Promise.race([
          importPositionsFile({ path: file, fileName, nowMs: Date.now(), icao24: sample.icao24 }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error("import hung")), IMPORT_TIMEOUT_MS).unref()),
        ]);
        tally(outcome);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (RAW_DATABASE_TEXT.test(message)) note("rawDatabaseErrors", `${message} [${current}]`);
        if (error instanceof ImportFailedError) note("databaseFailures", `${message} [${current}]`);
        else note("crashes", `${error instanceof Error ? (error.stack ?? message) : message} [${current}]`);
      } finally {
        fs.rmSync(file, { force: true });
      }
      const inconsistency = await checkDatabase();
      if (inconsistency) note("inconsistencies", `${inconsistency} [${current}]`);
      if ((i + 1) % 100 === 0) console.error(`${i + 1}/${mutations} mutations, ${Math.round((Date.now() - startedMs) / 1000)} s`);
    }
  } finally {
    await closeDbPool();
    await scratch.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ seed, mutations, samples: samples.map((s) => s.name), seconds: Math.round((Date.now() - startedMs) / 1000), ...counts }, null, 2));
  for (const finding of findings) console.log(finding);
  process.exitCode = counts.crashes + counts.rawDatabaseErrors + counts.inconsistencies + counts.databaseFailures > 0 ? 1 : 0;

  function tally(outcome: ImportOutcome): void {
    if (outcome.status === "already-imported") counts.alreadyImported += 1;
    else if (outcome.status === "refused") {
      counts.refused += 1;
      if (RAW_DATABASE_TEXT.test(outcome.reason)) note("rawDatabaseErrors", `${outcome.reason} [${current}]`);
    } else {
      counts.imported += 1;
      counts.rowsAccepted += outcome.accepted;
      counts.rowsRejected += outcome.rejections.rejected;
      counts.valuesDropped += outcome.fieldWarnings.dropped;
      counts.valuesAdjusted += outcome.fieldWarnings.adjusted;
    }
  }
}

await main();
