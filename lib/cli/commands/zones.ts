import fs from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { addWatchedZone } from "../../server/reference/add-watched-zone";
import { listZones } from "../../server/reference/list-zones";
import { MAX_ZONE_FILE_BYTES } from "../../server/reference/parse-zone-geojson";
import { removeWatchedZone } from "../../server/reference/remove-watched-zone";
import { setZoneWatched } from "../../server/reference/set-zone-watched";
import { parseZoneCode, parseZoneName } from "../../server/reference/zone-input";
import { asUsageError } from "../usage-error";
import { withDatabase } from "../with-database";

const APPLY_HINT = "takes effect at the next detection; `detect --all` re-detects the stored flights";

/** The zone file's text; a file that cannot be read, or is too large to be a zone, is refused (exit 1). */
async function readZoneFile(file: string): Promise<string> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error("not a file");
    if (stat.size > MAX_ZONE_FILE_BYTES) throw new Error(`${stat.size} bytes, larger than a zone file can be (${MAX_ZONE_FILE_BYTES / 1024 / 1024} MB)`);
    return await fs.readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read ${file}: ${reason}; nothing written`);
  }
}

async function setWatched(rawCode: string, watched: boolean): Promise<void> {
  const code = asUsageError(() => parseZoneCode(rawCode));
  const { changed, zone } = await withDatabase(true, () => setZoneWatched({ code, watched }));
  const state = watched ? "watched" : "not watched";
  console.log(changed ? `zone ${zone.code} (${zone.name}) is now ${state}: ${APPLY_HINT}` : `zone ${zone.code} (${zone.name}) was already ${state}; nothing changed`);
}

/**
 * `zones list | add <code> <name> <geojson-file> | watch <code> | unwatch <code> | remove <code>`:
 * the polygons ZONE_AVOIDANCE watches. FIRs are seeded (watch or unwatch them, never remove them);
 * analysts add their own from a GeoJSON Polygon or MultiPolygon. Refusals (bad GeoJSON, a code in
 * use, an unknown code, removing a FIR) exit 1 with the reason and write nothing.
 */
export function registerZoneCommands(program: Command): void {
  const zones = program.command("zones").description("the zones ZONE_AVOIDANCE watches: seeded FIRs and analysts' polygons");

  zones
    .command("list")
    .description("list the zones, watched ones first")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const list = await withDatabase(true, () => listZones());
      if (options.json) {
        console.log(JSON.stringify(list, null, 2));
        return;
      }
      for (const z of list) console.log(`${z.code.padEnd(14)} ${z.kind.toLowerCase().padEnd(8)} ${(z.watched ? "watched" : "-").padEnd(8)} ${z.name}`);
      console.log(`${list.length} zones, ${list.filter((z) => z.watched).length} watched`);
    });

  zones
    .command("add")
    .description("add a watched zone from a GeoJSON file (Polygon or MultiPolygon, or a Feature/FeatureCollection holding one)")
    .argument("<code>", "a short code, e.g. CUR-ADIZ")
    .argument("<name>", "a name, e.g. \"Curaçao identification zone\"")
    .argument("<geojson-file>", "the polygon, lon/lat degrees")
    .action(async (rawCode: string, rawName: string, file: string) => {
      const code = asUsageError(() => parseZoneCode(rawCode));
      const name = asUsageError(() => parseZoneName(rawName));
      const geojson = await readZoneFile(file);
      const zone = await withDatabase(true, () => addWatchedZone({ code, name, geojson, fileName: path.basename(file) }));
      const [minLon, minLat, maxLon, maxLat] = zone.bbox;
      console.log(
        `zone ${zone.code} (${zone.name}) added and watched: ${zone.polygonCount} polygon(s), ${zone.vertexCount} positions, ` +
          `lon ${minLon}…${maxLon}, lat ${minLat}…${maxLat}; ${APPLY_HINT}`,
      );
    });

  zones
    .command("watch")
    .description("watch a zone (FIRs included, e.g. SKEC)")
    .argument("<code>")
    .action((code: string) => setWatched(code, true));

  zones
    .command("unwatch")
    .description("stop watching a zone (it stays, and FIRs still name the FIR sequence)")
    .argument("<code>")
    .action((code: string) => setWatched(code, false));

  zones
    .command("remove")
    .description("remove a zone an analyst added (seeded FIRs can only be unwatched)")
    .argument("<code>")
    .action(async (rawCode: string) => {
      const code = asUsageError(() => parseZoneCode(rawCode));
      const zone = await withDatabase(true, () => removeWatchedZone(code));
      console.log(`zone ${zone.code} (${zone.name}) removed: ${APPLY_HINT}`);
    });
}
