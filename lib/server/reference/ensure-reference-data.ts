import "server-only";
import { REFERENCE_AIRPORTS } from "../../core/reference/airports";
import { CARIBBEAN_FIRS } from "../../core/reference/caribbean-firs";
import { DEFAULT_WATCHED_ZONE_CODES } from "../../core/reference/default-watchlist";
import { dbPool } from "../db/pool";

/**
 * Seed the reference tables the detectors read (airports, FIR and watched zones) from the
 * core's reference modules. Only missing rows are added: an analyst's edits to a zone or an
 * airport survive every start.
 */
export async function ensureReferenceData(): Promise<{ airports: number; zones: number }> {
  const pool = dbPool();
  const airports = await pool.query(
    `INSERT INTO airports (icao, iata, name, country, lat_deg, lon_deg, elevation_ft)
     SELECT icao, iata, name, country, lat_deg, lon_deg, elevation_ft
       FROM jsonb_to_recordset($1::jsonb) AS r(icao text, iata text, name text, country text, lat_deg float8, lon_deg float8, elevation_ft int)
     ON CONFLICT (icao) DO NOTHING`,
    [
      JSON.stringify(
        REFERENCE_AIRPORTS.map((a) => ({
          icao: a.icao,
          iata: a.iata,
          name: a.name,
          country: a.country,
          lat_deg: a.latDeg,
          lon_deg: a.lonDeg,
          elevation_ft: a.elevationFt ?? null,
        })),
      ),
    ],
  );
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
  return { airports: airports.rowCount ?? 0, zones: zones.rowCount ?? 0 };
}
