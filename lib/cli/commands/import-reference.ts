import path from "node:path";
import { importAircraftRegistry } from "../../server/ingest/import-aircraft-registry";
import type { ReferenceImportOutcome } from "../../server/ingest/import-reference-file";
import { importScheduleFile } from "../../server/ingest/import-schedule-file";
import { withDatabase } from "../with-database";
import { formatCount } from "../../core/format/format-count";
import { printRejections } from "../print-rejections";
import { userPath } from "../user-path";
import { describeFailure } from "../../infra/describe-failure";

/** `import-aircraft <files…>` and `import-schedules <files…>`. Exit 0 clean, 1 refused or rows rejected. */
export async function importReferenceCommand(
  kind: "aircraft" | "schedules",
  files: string[],
  options: { strict?: boolean; json?: boolean },
): Promise<number> {
  const importer = kind === "aircraft" ? importAircraftRegistry : importScheduleFile;
  const outcomes: ReferenceImportOutcome[] = [];
  await withDatabase(options.json ?? false, async () => {
    for (const file of files) {
      const outcome = await importer({ path: userPath(file), fileName: path.basename(file), strict: options.strict }).catch(
        (error: unknown): ReferenceImportOutcome => ({
          status: "refused",
          fileName: path.basename(file),
          reason: describeFailure(error),
        }),
      );
      outcomes.push(outcome);
      if (!options.json) printReferenceSummary(file, outcome);
    }
  });
  if (options.json) console.log(JSON.stringify(outcomes, null, 2));
  return outcomes.every((o) => o.status === "already-imported" || (o.status === "imported" && o.rejections.rejected === 0)) ? 0 : 1;
}

function printReferenceSummary(file: string, outcome: ReferenceImportOutcome): void {
  const n = formatCount;
  if (outcome.status === "already-imported") {
    console.log(`${file}: already imported as batch ${outcome.batchId}; nothing written`);
    return;
  }
  if (outcome.status === "refused") console.log(`${file}: REFUSED, nothing written: ${outcome.reason}`);
  else console.log(`${file}: batch ${outcome.batchId} (${outcome.format}): ${n(outcome.accepted)} accepted, ${n(outcome.rejections.rejected)} rejected`);
  printRejections(outcome.rejections);
}
