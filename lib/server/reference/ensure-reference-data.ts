import "server-only";
import { REFERENCE_AIRPORTS } from "../../core/reference/airports";
import { CARIBBEAN_FIRS } from "../../core/reference/caribbean-firs";
import { DEFAULT_WATCHED_ZONE_CODES } from "../../core/reference/default-watchlist";
import { dbPool } from "../db/pool";
import { loadWorldwideAirports } from "./load-worldwide-airports";
import { upsertAirports } from "./upsert-airports";
import { logger } from "../log/logger";

/** `source` of the curated Caribbean airports (lib/core/reference/airports.ts). */
export const CURATED_AIRPORT_SOURCE = "reference:darkflight";
const CURATED_CODES = new Set(REFERENCE_AIRPORTS.map((a) => a.icao));

/**
 * Seed the reference tables the detectors read (airports, FIR and watched zones) from the
 * core's reference modules and the bundled worldwide airports. Only missing rows are added, and
 * airports a newer package version supplies are refreshed: an analyst's edits to a zone or an
 * airport, and airports imported with `import-airports`, survive every start.
 */
export async function ensureReferenceData(): Promise<{ airports: number; zones: number }> {
  const pool = dbPool();
  const airports = await ensureAirports();
  const zones = await pool.query(
    `INSERT INTO zones (code, name, kind, watched, geometry, source)
     SELECT code, name, kind::"ZoneKind", watched, geometry, source
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, kind text, watched boolean, geometry jsonb, source text)
     ON CONFLICT (code) DO NOTHING`,
    [
      JSON.stringify(
        CARIBBEAN_FIRS.map((z) => ({
          code: z.code,
          name: z.name,
          kind: z.kind,
          watched: DEFAULT_WATCHED_ZONE_CODES.includes(z.code),
          geometry: z.geometry,
          source: "VATSpy data project (CC BY-SA 4.0), simulator approximation, not the AIP",
        })),
      ),
    ],
  );
  return { airports, zones: zones.rowCount ?? 0 };
}

/**
 * Airports: one cheap query when everything is loaded (the common case at every start and in
 * every test file), one multi-row upsert otherwise. Returns the rows written.
 */
async function ensureAirports(): Promise<number> {
  const pool = dbPool();
  const { airports, packageSource, rejected } = await loadWorldwideAirports();
  // A package whose rows no longer read would quietly leave only the curated Caribbean list.
  if (rejected > 0) logger().warn({ rejected, packageSource }, "airports package rows that do not read as OurAirports rows were skipped");
  const codes = airports.map((a) => a.icao);
  const { rows } = await pool.query<{ present: number; outdated: number }>(
    `SELECT count(*)::int AS present,
            count(*) FILTER (WHERE source LIKE 'package:%' AND source <> $2)::int AS outdated
       FROM airports WHERE icao = ANY($1::text[])`,
    [codes, packageSource],
  );
  const state = rows[0];
  if (state && state.present === codes.length && state.outdated === 0) return 0;
  const written = await upsertAirports(pool, airports, {
    sourceOf: (a) => (CURATED_CODES.has(a.icao) ? CURATED_AIRPORT_SOURCE : packageSource),
    replace: "package-rows",
  });
  return written.inserted + written.updated;
}
