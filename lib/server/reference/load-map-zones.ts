import "server-only";
import type { ZoneRef } from "../../core/model/zone-ref";
import { dbPool } from "../db/pool";

/** Zones with their geometry for the maps: the watched ones, or every zone (the FIRs drawn faintly). */
export async function loadMapZones(which: "watched" | "all"): Promise<ZoneRef[]> {
  const { rows } = await dbPool().query<ZoneRef>(
    `SELECT code, name, kind, watched, geometry FROM zones WHERE $1 OR watched ORDER BY watched, code`,
    [which === "all"],
  );
  return rows;
}
