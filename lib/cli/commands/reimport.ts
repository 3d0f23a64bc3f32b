import { handleDetect, handleReimport } from "../../server/jobs/job-handlers";
import { isBigintIdText } from "../../core/format/user-input";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";
import { printDetection } from "./detect";
import { printSummary, progressBar } from "./import";

/** `reimport <batch>`: re-parse a batch from its kept original. */
export async function reimportCommand(batch: string, options: { json?: boolean }): Promise<number> {
  if (!isBigintIdText(batch)) throw new UsageError(`a batch is a number of at most 18 digits (got "${batch}"); see the import history or \`status\``);
  return withDatabase(options.json ?? false, async () => {
    const bar = progressBar(`batch ${batch}`, options.json ?? false);
    const outcome = await handleReimport(BigInt(batch), { nowMs: Date.now(), onProgress: bar?.update });
    bar?.stop();
    // Like every import, followed by detection of what it touched.
    const detection = outcome.status === "imported" ? await handleDetect() : null;
    if (options.json) console.log(JSON.stringify(outcome, null, 2));
    else {
      printSummary(`batch ${batch}`, outcome);
      if (detection) printDetection(detection);
    }
    return outcome.status === "imported" ? 0 : 1;
  });
}
