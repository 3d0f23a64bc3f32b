/**
 * Runs one import in its own process and prints its wall time and peak resident memory as
 * JSON, so the benchmark measures the importer alone.
 */
import { importPositionsFile } from "../../server/ingest/import-positions-file";
import { closeDbPool } from "../../server/db/pool";

const file = process.argv[2]!;
const startedMs = performance.now();
const outcome = await importPositionsFile({ path: file, fileName: "bench.csv", nowMs: Date.now() });
const wallMs = performance.now() - startedMs;
await closeDbPool();
console.log(
  JSON.stringify({
    wallMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    status: outcome.status,
    accepted: outcome.status === "imported" ? outcome.accepted : 0,
  }),
);
process.exit(0);
