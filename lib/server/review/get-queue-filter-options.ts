import "server-only";
import { countryOfIcao24 } from "../../core/identity/country-of-icao24";
import { dbPool } from "../db/pool";
import { cachedByVersion } from "../public/versioned-cache";

export interface QueueFilterOptions {
  types: string[];
  countries: { code: string; name: string }[];
  routes: string[];
}

/** The menus may trail an aircraft registry import by this much. */
const OPTIONS_MAX_AGE_MS = 30_000;

/**
 * Values for the queue's filter menus, from every flagged flight: aggregating them costs all
 * flagged flights, so it is kept until detection writes flags again (the flags' id sequence
 * moves) or for 30 s, not computed per page view.
 */
export async function getQueueFilterOptions(): Promise<QueueFilterOptions> {
  const { rows } = await dbPool().query<{ stamp: string }>(`SELECT (SELECT last_value FROM flags_id_seq)::text AS stamp`);
  return cachedByVersion("review:filter-options", rows[0]!.stamp, computeOptions, { maxAgeMs: OPTIONS_MAX_AGE_MS });
}

async function computeOptions(): Promise<QueueFilterOptions> {
  const { rows } = await dbPool().query<{ typecodes: string[] | null; icao24s: string[] | null; routes: string[] | null }>(
    `SELECT array_agg(DISTINCT upper(a.typecode)) FILTER (WHERE a.typecode IS NOT NULL) AS typecodes,
            array_agg(DISTINCT f.icao24::text) AS icao24s,
            array_agg(DISTINCT f.origin_icao || '-' || f.destination_icao) FILTER (WHERE f.origin_icao IS NOT NULL AND f.destination_icao IS NOT NULL) AS routes
       FROM flights f LEFT JOIN aircraft a ON a.icao24 = f.icao24
      WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id)`,
  );
  const countries = new Map<string, string>();
  for (const icao24 of rows[0]?.icao24s ?? []) {
    const c = countryOfIcao24(icao24.trim());
    if (c) countries.set(c.code, c.name);
  }
  return {
    types: (rows[0]?.typecodes ?? []).sort(),
    countries: [...countries].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name)),
    routes: (rows[0]?.routes ?? []).sort(),
  };
}
