import "server-only";
import type pg from "pg";
import type { AircraftRef } from "../../core/model/aircraft-ref";

/** The registry's facts on some aircraft, by icao24 (a batch's worth: never the whole registry). */
export async function loadAircraftRefs(client: pg.ClientBase, icao24s: readonly string[]): Promise<Map<string, AircraftRef>> {
  const { rows } = await client.query<AircraftRef>(
    `SELECT icao24, registration, typecode, operator, tags, identity_source AS "identitySource"
       FROM aircraft WHERE icao24 = ANY($1::char(6)[])`,
    [icao24s],
  );
  return new Map(rows.map((a) => [a.icao24.trim(), { ...a, icao24: a.icao24.trim() }]));
}
