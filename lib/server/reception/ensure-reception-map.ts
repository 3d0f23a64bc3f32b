import "server-only";
import { dbPool } from "../db/pool";
import { rebuildReceptionMap } from "./rebuild-reception-map";

/**
 * A database from before the reception map (positions but no map) gets it built once, at start
 * or migration: imports keep it current from then on.
 * @returns the number of aircraft whose positions were mapped (0 when nothing was needed)
 */
export async function ensureReceptionMap(): Promise<number> {
  const { rows } = await dbPool().query<{ needed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM positions) AND NOT EXISTS (SELECT 1 FROM reception_visits) AS needed`,
  );
  return rows[0]?.needed ? rebuildReceptionMap() : 0;
}
