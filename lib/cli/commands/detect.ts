import type { DetectionRunSummary } from "../../server/detection/run-detection";
import { handleDetect } from "../../server/jobs/job-handlers";
import { withDatabase } from "../with-database";
import { formatCount } from "../../core/format/format-count";

export function printDetection(summary: DetectionRunSummary): void {
  const n = formatCount;
  if (summary.aircraft === 0) {
    console.log("detection: nothing to do (no aircraft queued by imports; `detect --all` recomputes everything)");
    return;
  }
  console.log(
    `detection: ${n(summary.aircraft)} aircraft, ${n(summary.positions)} positions read → ${n(summary.flights)} flights, ` +
      `${n(summary.flags)} flags, ${n(summary.gaps)} gap events (${(summary.totalMs / 1000).toFixed(1)} s)`,
  );
}

/** `detect [--all]`: re-detect the aircraft imports queued, or everything. */
export async function detectCommand(options: { all?: boolean; json?: boolean }): Promise<number> {
  return withDatabase(options.json ?? false, async () => {
    const summary = await handleDetect({ all: options.all ?? false });
    if (options.json) console.log(JSON.stringify(summary, null, 2));
    else printDetection(summary);
    return 0;
  });
}
