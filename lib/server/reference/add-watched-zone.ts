import "server-only";
import { AppError } from "../app-error";
import { dbPool } from "../db/pool";
import type { ZoneSummary } from "./list-zones";
import { parseZoneGeoJson, type ParsedZoneGeometry } from "./parse-zone-geojson";
import { parseZoneCode, parseZoneName } from "./zone-input";

/**
 * Add an analyst's zone (kind WATCHED, watched) from the text of a GeoJSON file: validated first
 * (parse-zone-geojson.ts), so a refused file writes nothing. A code already in use, FIR or not,
 * is a CONFLICT: remove the analyst's zone first to replace it. Takes effect at the next
 * detection (`detect --all` for stored flights).
 * @example await addWatchedZone({ code: "CUR-ADIZ", name: "Curaçao identification zone", geojson, fileName: "adiz.geojson" })
 */
export async function addWatchedZone(request: {
  code: string;
  name: string;
  geojson: string;
  fileName: string;
}): Promise<ZoneSummary & Omit<ParsedZoneGeometry, "geometry">> {
  const code = parseZoneCode(request.code);
  const name = parseZoneName(request.name);
  const { geometry, ...shape } = parseZoneGeoJson(request.geojson, request.fileName);
  const pool = dbPool();
  const inserted = await pool.query<{ updated_at: Date; source: string }>(
    `INSERT INTO zones (code, name, kind, watched, geometry, source, updated_at)
     VALUES ($1, $2, 'WATCHED', true, $3::jsonb, $4, now())
     ON CONFLICT (code) DO NOTHING
     RETURNING updated_at, source`,
    [code, name, JSON.stringify(geometry), `analyst, from ${request.fileName}`],
  );
  const row = inserted.rows[0];
  if (!row) {
    const existing = await pool.query<{ kind: string; name: string }>(`SELECT kind, name FROM zones WHERE code = $1`, [code]);
    const what = existing.rows[0] ? `${existing.rows[0].kind === "FIR" ? "a FIR" : "an analyst's zone"} (${existing.rows[0].name})` : "a zone";
    throw new AppError("CONFLICT", `zone ${code} already exists: ${what}; nothing written`);
  }
  return { code, kind: "WATCHED", name, watched: true, source: row.source, updatedAt: row.updated_at.toISOString(), ...shape };
}
