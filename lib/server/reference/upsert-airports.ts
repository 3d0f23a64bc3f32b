import "server-only";
import type pg from "pg";
import type { ReferenceAirport } from "../../core/reference/select-airports";

export interface AirportUpsertCounts {
  inserted: number;
  updated: number;
}

/**
 * Writes airports in one multi-row statement. `replace` says which existing rows the new facts
 * replace: "changed" (an import: any row whose facts or source differ) or "package-rows" (the seeding: only
 * rows an older version of a bundled package wrote, so imports and edits survive every start).
 * `sourceOf` names each row's origin (see the `source` column).
 */
export async function upsertAirports(
  client: pg.Pool | pg.PoolClient,
  airports: readonly ReferenceAirport[],
  options: { sourceOf: (airport: ReferenceAirport) => string; replace: "changed" | "package-rows" },
): Promise<AirportUpsertCounts> {
  if (airports.length === 0) return { inserted: 0, updated: 0 };
  const replaceWhen =
    options.replace === "changed"
      ? `(airports.iata, airports.name, airports.country, airports.lat_deg, airports.lon_deg, airports.elevation_ft, airports.kind, airports.source)
           IS DISTINCT FROM (EXCLUDED.iata, EXCLUDED.name, EXCLUDED.country, EXCLUDED.lat_deg, EXCLUDED.lon_deg, EXCLUDED.elevation_ft, EXCLUDED.kind, EXCLUDED.source)`
      : `airports.source LIKE 'package:%' AND airports.source IS DISTINCT FROM EXCLUDED.source`;
  const { rows } = await client.query<{ inserted: boolean }>(
    `INSERT INTO airports (icao, iata, name, country, lat_deg, lon_deg, elevation_ft, kind, source)
     SELECT icao, iata, name, country, lat_deg, lon_deg, elevation_ft, kind, source
       FROM jsonb_to_recordset($1::jsonb)
         AS r(icao text, iata text, name text, country text, lat_deg float8, lon_deg float8, elevation_ft int, kind text, source text)
     ON CONFLICT (icao) DO UPDATE SET
       iata = EXCLUDED.iata, name = EXCLUDED.name, country = EXCLUDED.country, lat_deg = EXCLUDED.lat_deg,
       lon_deg = EXCLUDED.lon_deg, elevation_ft = EXCLUDED.elevation_ft, kind = EXCLUDED.kind, source = EXCLUDED.source
       WHERE ${replaceWhen}
     RETURNING (xmax = 0) AS inserted`,
    [
      JSON.stringify(
        airports.map((a) => ({
          icao: a.icao,
          iata: a.iata,
          name: a.name,
          country: a.country,
          lat_deg: a.latDeg,
          lon_deg: a.lonDeg,
          elevation_ft: a.elevationFt ?? null,
          kind: a.kind,
          source: options.sourceOf(a),
        })),
      ),
    ],
  );
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}
