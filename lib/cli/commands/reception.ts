import { rebuildReceptionMap } from "../../server/reception/rebuild-reception-map";
import { withDatabase } from "../with-database";
import { formatCount } from "../../core/format/format-count";

/** `reception rebuild`: recompute the whole reception map from the stored positions (after a change of its configuration). */
export async function receptionRebuildCommand(): Promise<number> {
  return withDatabase(false, async () => {
    const startedMs = performance.now();
    const aircraft = await rebuildReceptionMap((done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\rreception map: ${formatCount(done)} / ${formatCount(total)} aircraft`);
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    console.log(`reception map rebuilt from ${formatCount(aircraft)} aircraft's positions (${((performance.now() - startedMs) / 1000).toFixed(1)} s); run \`detect --all\` to re-grade every gap`);
    return 0;
  });
}
