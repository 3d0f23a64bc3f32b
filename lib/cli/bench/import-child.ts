/**
 * Runs one import in its own process and prints its wall time, the end of its parse + COPY
 * phase (its last progress report: every row sent, before the batch's aggregates, the reception
 * map and COMMIT) and its peak resident memory as JSON, so the benchmark measures the importer alone.
 */
import { importPositionsFile } from "../../server/ingest/import-positions-file";
import { closeDbPool } from "../../server/db/pool";

const file = process.argv[2]!;
const startedMs = performance.now();
let copiedMs = 0;
const outcome = await importPositionsFile({
  path: file,
  fileName: "bench.csv",
  nowMs: Date.now(),
  onProgress: () => (copiedMs = performance.now() - startedMs),
});
const wallMs = performance.now() - startedMs;
await closeDbPool();
console.log(
  JSON.stringify({
    wallMs,
    copyPhaseMs: copiedMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    status: outcome.status,
    accepted: outcome.status === "imported" ? outcome.accepted : 0,
  }),
);
process.exit(0);
