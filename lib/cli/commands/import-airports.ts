import path from "node:path";
import { formatCount } from "../../core/format/format-count";
import { importAirports, type AirportImportOutcome } from "../../server/reference/import-airports";
import { printRejections } from "../print-rejections";
import { withDatabase } from "../with-database";
import { userPath } from "../user-path";
import { describeFailure } from "../../infra/describe-failure";

/** `import-airports <files…>`: OurAirports-format airports.csv files. Exit 0 clean, 1 refused or rows rejected. */
export async function importAirportsCommand(files: string[], options: { strict?: boolean; json?: boolean; allSmall?: boolean }): Promise<number> {
  const outcomes: AirportImportOutcome[] = [];
  await withDatabase(options.json ?? false, async () => {
    for (const file of files) {
      const request = { path: userPath(file), fileName: path.basename(file), strict: options.strict, allSmall: options.allSmall };
      const outcome = await importAirports(request).catch(
        (error: unknown): AirportImportOutcome => ({
          status: "refused",
          fileName: path.basename(file),
          reason: describeFailure(error),
        }),
      );
      outcomes.push(outcome);
      if (!options.json) printAirportSummary(file, outcome);
    }
  });
  if (options.json) console.log(JSON.stringify(outcomes, null, 2));
  return outcomes.every((o) => o.status === "already-imported" || (o.status === "imported" && o.rejections.rejected === 0)) ? 0 : 1;
}

function printAirportSummary(file: string, outcome: AirportImportOutcome): void {
  const n = formatCount;
  if (outcome.status === "already-imported") {
    console.log(`${file}: already imported as batch ${outcome.batchId}; nothing written`);
    return;
  }
  if (outcome.status === "refused") {
    console.log(`${file}: REFUSED, nothing written: ${outcome.reason}`);
    printRejections(outcome.rejections);
    return;
  }
  const { written, skipped } = outcome;
  const unchanged = outcome.accepted - written.inserted - written.updated;
  console.log(
    `${file}: batch ${outcome.batchId}: ${n(outcome.accepted)} airports (${n(written.inserted)} new, ${n(written.updated)} updated, ` +
      `${n(unchanged)} unchanged), ${n(outcome.rejections.rejected)} rows rejected`,
  );
  const reasons: [number, string][] = [
    [skipped.notAnAirport, "heliports, seaplane bases, balloon ports or closed"],
    [skipped.smallUnscheduled, "small airports without scheduled service (--all-small keeps them)"],
    [skipped.noIcaoCode, "without a four-letter ICAO code"],
    [skipped.curated, "kept as darkflight's curated Caribbean entry"],
    [skipped.duplicate, "second rows for a code already listed"],
  ];
  for (const [count, reason] of reasons) if (count > 0) console.log(`  ${n(count).padStart(9)} skipped: ${reason}`);
  printRejections(outcome.rejections);
}
