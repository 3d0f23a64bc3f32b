import "server-only";
import { parseAircraftRegistry, type AircraftRegistryRecord } from "../../ingest/parse-aircraft-registry";
import { importReferenceFile, type ReferenceImportOutcome } from "./import-reference-file";

/**
 * An aircraft registry (OpenSky aircraft database, plane-alert-db, tar1090-db) into `aircraft`:
 * what the file says replaces what was known, fields it leaves empty keep their value, and
 * watchlist tags accumulate.
 */
export function importAircraftRegistry(request: { path: string; fileName: string; strict?: boolean; uploadedById?: number | null }): Promise<ReferenceImportOutcome> {
  return importReferenceFile<AircraftRegistryRecord>({
    ...request,
    format: "aircraft-registry",
    parse: (input, fileName) => parseAircraftRegistry(input, { fileName }),
    writeChunk: async (client, records) => {
      // Last row wins when a file lists an address twice (ON CONFLICT cannot touch a row twice).
      const unique = [...new Map(records.map((r) => [r.icao24, r])).values()];
      await client.query(
        `INSERT INTO aircraft (icao24, registration, typecode, model, operator, operator_icao, tags, identity_source, updated_at)
         SELECT r.icao24, r.registration, r.typecode, r.model, r.operator, r.operator_icao,
                ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.identity_source, $2::timestamptz
           FROM jsonb_to_recordset($1::jsonb) AS r(icao24 text, registration text, typecode text, model text, operator text,
                                                   operator_icao text, tags jsonb, identity_source text)
         ON CONFLICT (icao24) DO UPDATE SET
           registration = COALESCE(EXCLUDED.registration, aircraft.registration),
           typecode = COALESCE(EXCLUDED.typecode, aircraft.typecode),
           model = COALESCE(EXCLUDED.model, aircraft.model),
           operator = COALESCE(EXCLUDED.operator, aircraft.operator),
           operator_icao = COALESCE(EXCLUDED.operator_icao, aircraft.operator_icao),
           tags = ARRAY(SELECT DISTINCT unnest(aircraft.tags || EXCLUDED.tags) ORDER BY 1),
           identity_source = EXCLUDED.identity_source,
           -- The time as a value, not now(): Citus allows only IMMUTABLE functions in DO UPDATE SET.
           updated_at = EXCLUDED.updated_at`,
        [
          JSON.stringify(
            unique.map((r) => ({
              icao24: r.icao24,
              registration: r.registration,
              typecode: r.typecode,
              model: r.model,
              operator: r.operator,
              operator_icao: r.operatorIcao,
              tags: r.tags,
              identity_source: r.identitySource,
            })),
          ),
          new Date(),
        ],
      );
    },
  });
}
