import path from "node:path";
import cliProgress from "cli-progress";
import { FORMAT_NAMES, type AltitudeUnit, type FormatName, type SpeedUnit } from "../../ingest/types";
import { isConnectionLost } from "../../server/ingest/import-failed-error";
import type { ImportOutcome, ImportProgress } from "../../server/ingest/import-positions-file";
import { handleDetect, handleImport } from "../../server/jobs/job-handlers";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";
import { formatCount } from "../../core/format/format-count";
import { printFieldWarnings, printRejections } from "../print-rejections";
import { printDetection } from "./detect";
import { userPath } from "../user-path";
import { describeFailure } from "../../infra/describe-failure";

export interface ImportCommandOptions {
  format?: string;
  dataset?: string;
  strict?: boolean;
  json?: boolean;
  icao24?: string;
  registration?: string;
  altitudeUnit?: string;
  speedUnit?: string;
}

/**
 * `import <files…>`: each file is its own atomic batch. Exit code 0 when every file imported
 * without rejected rows, 1 when one was refused or had rows rejected.
 */
export async function importCommand(files: string[], options: ImportCommandOptions): Promise<number> {
  const format = checkChoice("--format", options.format, FORMAT_NAMES);
  const altitudeUnit = checkChoice("--altitude-unit", options.altitudeUnit, ["ft", "m"] as const);
  const speedUnit = checkChoice("--speed-unit", options.speedUnit, ["kt", "ms", "kmh"] as const);
  if (options.icao24 && !/^[0-9a-fA-F]{6}$/.test(options.icao24)) throw new UsageError("--icao24 takes 6 hex digits, e.g. 0b04e2");

  const outcomes: ImportOutcome[] = [];
  let detectionFailed = false;
  await withDatabase(options.json ?? false, async () => {
    for (const file of files) {
      const bar = progressBar(file, options.json ?? false);
      // The worker's own job handlers, run here in the foreground (not through the queue).
      const outcome: ImportOutcome = await handleImport({
        path: userPath(file),
        fileName: path.basename(file),
        nowMs: Date.now(),
        format: format as FormatName | undefined,
        dataset: options.dataset ?? null,
        strict: options.strict ?? false,
        icao24: options.icao24,
        registration: options.registration,
        altitudeUnit: altitudeUnit as AltitudeUnit | undefined,
        speedUnit: speedUnit as SpeedUnit | undefined,
        onProgress: bar?.update,
      }).catch((error: unknown) => {
        // One unreadable file (missing, a directory, a server error) does not stop the others.
        const reason = describeFailure(error);
        return { status: "refused" as const, fileName: path.basename(file), reason };
      });
      bar?.stop();
      outcomes.push(outcome);
      if (!options.json) printSummary(file, outcome);
    }
    // The aircraft these files touched are re-detected now (incrementally).
    const detection = await handleDetect().catch((error: unknown) => {
      // The imports are committed (or not) already; a database gone by now fails only this step.
      if (!isConnectionLost(error)) throw error;
      detectionFailed = true;
      console.error("darkflight: lost the connection to the database before detection: run `npm run cli -- detect` once it is back");
      return null;
    });
    if (detection && !options.json) printDetection(detection);
  });
  if (options.json) console.log(JSON.stringify(outcomes, null, 2));
  const clean = outcomes.every((o) => o.status !== "refused" && (o.status !== "imported" || o.rejections.rejected === 0));
  return clean && !detectionFailed ? 0 : 1;
}

function checkChoice<T extends string>(flag: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${choices.join(", ")} (got "${value}")`);
  return value as T;
}

export function progressBar(file: string, quiet: boolean) {
  if (quiet || !process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      format: `${path.basename(file)} [{bar}] {percentage}% | {value}/{total} MB | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const startedMs = Date.now();
  let started = false;
  return {
    update: (p: ImportProgress) => {
      const mb = (n: number) => Math.round((n / 1e6) * 10) / 10;
      const rate = Math.round(p.rows / Math.max(0.001, (Date.now() - startedMs) / 1000));
      if (!started) {
        bar.start(mb(p.totalBytes), 0, { rows: 0, rate: 0 });
        started = true;
      }
      bar.update(mb(p.bytesRead), { rows: formatCount(p.rows), rate: formatCount(rate) });
    },
    stop: () => started && bar.stop(),
  };
}

export function printSummary(file: string, outcome: ImportOutcome): void {
  const n = formatCount;
  if (outcome.status === "already-imported") {
    console.log(`${file}: already imported as batch ${outcome.batchId}; nothing written`);
    return;
  }
  if (outcome.status === "refused") {
    console.log(`${file}: REFUSED, nothing written: ${outcome.reason}`);
  } else {
    const warnings = outcome.fieldWarnings;
    const adjusted = warnings.adjusted > 0 ? `, ${n(warnings.adjusted)} values adjusted` : "";
    console.log(
      `${file}: batch ${outcome.batchId} (${outcome.format}): ${n(outcome.accepted)} accepted, ` +
        `${n(outcome.duplicates)} duplicates, ${n(outcome.rejections.rejected)} rows rejected, ` +
        `${n(warnings.dropped)} values dropped${adjusted}; ` +
        `${n(outcome.aircraft.length)} aircraft, ${outcome.firstTime ?? "-"} → ${outcome.lastTime ?? "-"}`,
    );
  }
  printRejections(outcome.rejections);
  printFieldWarnings(outcome.fieldWarnings);
}
